/**
 * Whether to read objects one by one or as a whole list, from demand across requests.
 * One object's GET (or one attendee's filter URL) costs an upstream call per object per
 * cache period; the list it belongs to costs a few pages per cache period, shared by every
 * request. A quiet gateway is cheapest per operation reading objects one by one; a busy one
 * (a conference app, a thousand attendees refreshing their own schedules) must share lists
 * or it spends Guidebook's 10,000-a-day quota in hours. For each list this policy counts the
 * distinct objects looked up one by one within the cache period, and prefers the list once
 * they outnumber its pages. One instance per process (it lives on the provider's client).
 */
export class ListDemandPolicy {
  readonly #windowMs: number;
  readonly #seen = new Map<string, Map<string, number>>();
  readonly #pages = new Map<string, number>();

  /**
   * `windowMs` is the cache period (with no shared cache, 0, a list is never shared and
   * never preferred); `guessPages` a list's page count until it is learned.
   */
  constructor(
    windowMs: number,
    readonly guessPages = 12,
  ) {
    this.#windowMs = windowMs;
  }

  /** Records lookups of `items` in `list`; true when reading the whole list is cheaper now. */
  preferList(list: string, items: readonly string[], now = Date.now()): boolean {
    if (this.#windowMs <= 0) return false;
    let seen = this.#seen.get(list);
    if (!seen) this.#seen.set(list, (seen = new Map()));
    for (const item of items) seen.set(item, now);
    const pages = this.#pages.get(list) ?? this.guessPages;
    if (seen.size > pages) {
      for (const [item, at] of seen) if (now - at > this.#windowMs) seen.delete(item);
    }
    return seen.size > pages;
  }

  /** A list's page count, once known. */
  learnPages(list: string, pages: number): void {
    if (pages > 0) this.#pages.set(list, pages);
  }
}
