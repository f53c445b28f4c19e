/**
 * How to read one attendee's personalized schedules when their guide is not known: the
 * provider's `attendees__id` filter costs one upstream call per attendee per cache period,
 * the account's whole schedule list costs a few pages per cache period shared by everyone.
 * A quiet gateway (a few attendees) is cheapest per operation with the filter; a busy one
 * (a conference app, a thousand attendees refreshing) must share the list or it spends
 * Guidebook's 10,000-a-day quota in hours. This policy counts the distinct attendees looked
 * up within the cache period and switches to the list once they outnumber its pages.
 * One instance per process (it lives on the provider's client).
 */
export class ScheduleLookupPolicy {
  readonly #windowMs: number;
  readonly #seen = new Map<string, number>();
  /** Pages of the account's schedule list, learned when it is read; a guess until then. */
  #listPages = 12;

  constructor(windowMs: number) {
    this.#windowMs = Math.max(windowMs, 1_000);
  }

  /** Records a lookup of `attendeeId`; true when the shared list is the cheaper read now. */
  preferList(attendeeId: string, now = Date.now()): boolean {
    this.#seen.set(attendeeId, now);
    if (this.#seen.size > this.#listPages) {
      for (const [id, at] of this.#seen) if (now - at > this.#windowMs) this.#seen.delete(id);
    }
    return this.#seen.size > this.#listPages;
  }

  /** The list's page count, from its first page. */
  learnListPages(pages: number): void {
    if (pages > 0) this.#listPages = pages;
  }
}
