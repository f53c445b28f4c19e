import type { SessionChangeEvent } from '../models/sessionChange.js';
import type { ValidSessionFilter } from '../validation/sessionFilterInput.js';
import type { GatewayContext } from './context.js';
import { sessionMatchesFilter, sessionMatchScope, type SessionMatchScope } from './sessionMatchesFilter.js';

/** Whether a change concerns a filter: the session matched it before the change, or matches it after. */
export function changeMatchesFilter(change: SessionChangeEvent, filter: ValidSessionFilter, scope: SessionMatchScope): boolean {
  return (
    (change.before !== null && sessionMatchesFilter(change.before, filter, scope)) ||
    (change.after !== null && sessionMatchesFilter(change.after, filter, scope))
  );
}

/**
 * The changes a subscription delivers: those after `since` (omitted: from now on), then each
 * new one (from the log's end at the time of the call), keeping those that match `filter`
 * (changeMatchesFilter, with the scope read at subscription). Checks `since` before it
 * resolves, so an expired token rejects here with SyncTokenExpiredError (and a malformed one
 * with UserInputError) instead of on the first event.
 *
 * The iterator's `return()` ends it at once, even while it waits for the next change (an
 * async generator would wait for that change first): a subscriber that goes away leaves no
 * waiting follower behind.
 */
export async function sessionChangeStream(
  context: GatewayContext,
  filter: ValidSessionFilter,
  since: string | undefined,
): Promise<AsyncIterableIterator<SessionChangeEvent>> {
  const log = context.changeLog;
  // What the filter needs beside a session (zones for `day`, names for `search`), read once.
  const scope = await sessionMatchScope(context.dataSources, filter);
  // The log's end now (or `since`, checked): changes recorded from here on are delivered
  // even if they come before the subscriber asks for its first event.
  const from = (await log.read(since, 0)).token;
  const controller = new AbortController();
  const events = log.follow(since ?? from, controller.signal)[Symbol.asyncIterator]();
  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  const stream: AsyncIterableIterator<SessionChangeEvent> = {
    [Symbol.asyncIterator]: () => stream,
    async next() {
      for (;;) {
        if (controller.signal.aborted) return done;
        const next = await events.next();
        if (next.done || controller.signal.aborted) return done;
        if (changeMatchesFilter(next.value, filter, scope)) return next;
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
