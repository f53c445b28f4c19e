import type { ChangeLogPage } from '../changes/changeLog.js';
import { UserInputError } from '../errors/index.js';

/** Most changes one page of a delta-sync query returns. */
export const MAX_CHANGES_PER_PAGE = 500;

/** Most changes a filtered page reads through before it answers (with `hasMore`). */
const MAX_SCANNED = 5_000;

/** What the page and stream helpers need of a change log. */
export interface ReadableChangeLog<E extends { token: string }> {
  read(since: string | undefined, limit: number): Promise<ChangeLogPage<E>>;
  follow(since: string | undefined, signal: AbortSignal): AsyncIterable<E>;
}

/** A page of a delta-sync query (the `…ChangePage` types). */
export interface ChangePage<E> {
  changes: E[];
  token: string;
  hasMore: boolean;
}

/** A delta-sync query's `first` (default 100), checked: BAD_USER_INPUT naming it unless 1–500. */
export function changePageLimit(first: number | null | undefined): number {
  const limit = first ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHANGES_PER_PAGE)
    throw new UserInputError(`\`first\` must be between 1 and ${MAX_CHANGES_PER_PAGE}.`, 'first');
  return limit;
}

/**
 * One page of a delta-sync query over `log`, as `sessionChanges` answers (the same rules for
 * every kind): up to `first` (1–500, default 100) changes after `since`, oldest first; with
 * `matches`, only those it accepts — the log is read on until `first` of those are found, it
 * ends, or 5,000 changes were read, and the token is the position after the last change read
 * (a page may then be short, even empty, with `hasMore`). Rejects with SYNC_TOKEN_EXPIRED for
 * a token past retention and BAD_USER_INPUT for a string that is no token or `first` out of range.
 */
export async function readChangePage<E extends { token: string }>(
  log: ReadableChangeLog<E>,
  since: string | null | undefined,
  first: number | null | undefined,
  matches?: (change: E) => boolean,
): Promise<ChangePage<E>> {
  const limit = changePageLimit(first);
  if (!matches) {
    const page = await log.read(since ?? undefined, limit);
    return { changes: page.events, token: page.token, hasMore: page.hasMore };
  }
  const changes: E[] = [];
  let token = since ?? undefined;
  let scanned = 0;
  for (;;) {
    const page = await log.read(token, MAX_CHANGES_PER_PAGE);
    if (token === undefined) return { changes, token: page.token, hasMore: false };
    for (const [index, event] of page.events.entries()) {
      if (!matches(event)) continue;
      changes.push(event);
      if (changes.length === limit) return { changes, token: event.token, hasMore: index < page.events.length - 1 || page.hasMore };
    }
    token = page.token;
    scanned += page.events.length;
    if (!page.hasMore || scanned >= MAX_SCANNED) return { changes, token, hasMore: page.hasMore };
  }
}

/**
 * The changes a subscription delivers (every kind's): those after `since` (omitted: from the
 * log's end at the time of the call, so changes recorded from then on are delivered even if
 * they come before the subscriber asks for its first event), then each new one, keeping
 * those `matches` accepts.
 * Checks `since` before it resolves, so an expired token rejects here with
 * SyncTokenExpiredError (and a malformed one with UserInputError) instead of on the first event.
 *
 * The iterator's `return()` ends it at once, even while it waits for the next change (an
 * async generator would wait for that change first): a subscriber that goes away leaves no
 * waiting follower behind.
 */
export async function followChanges<E extends { token: string }>(
  log: ReadableChangeLog<E>,
  since: string | undefined,
  matches: (change: E) => boolean,
): Promise<AsyncIterableIterator<E>> {
  const from = (await log.read(since, 0)).token;
  const controller = new AbortController();
  const events = log.follow(since ?? from, controller.signal)[Symbol.asyncIterator]();
  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  const stream: AsyncIterableIterator<E> = {
    [Symbol.asyncIterator]: () => stream,
    async next() {
      for (;;) {
        if (controller.signal.aborted) return done;
        const next = await events.next();
        if (next.done || controller.signal.aborted) return done;
        if (matches(next.value)) return next;
      }
    },
    async return() {
      // The follower sees the abort and ends by itself (calling its own return() would wait).
      controller.abort();
      return done;
    },
    async throw(error: unknown) {
      controller.abort();
      throw error;
    },
  };
  return stream;
}
