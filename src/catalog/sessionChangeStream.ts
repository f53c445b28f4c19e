import type { SessionChangeEvent } from '../models/sessionChange.js';
import type { ValidSessionFilter } from '../validation/sessionFilterInput.js';
import { followChanges } from './changeLogPages.js';
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
 * The changes a `sessionChanged` subscription delivers (followChanges): those after `since`
 * (omitted: from now on), then each new one, keeping those that match `filter`
 * (changeMatchesFilter, with the scope read at subscription). An expired or malformed `since`
 * rejects here, before the first event.
 */
export async function sessionChangeStream(
  context: GatewayContext,
  filter: ValidSessionFilter,
  since: string | undefined,
): Promise<AsyncIterableIterator<SessionChangeEvent>> {
  // What the filter needs beside a session (zones for `day`, names for `search`), read once.
  const scope = await sessionMatchScope(context.dataSources, filter);
  return followChanges(context.changeLog, since, (change) => changeMatchesFilter(change, filter, scope));
}
