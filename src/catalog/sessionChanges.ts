import { NotFoundError, ProviderDisabledError } from '../errors/index.js';
import { parseGlobalId } from '../ids/globalId.js';
import type { SessionModel } from '../models/index.js';
import type { SessionChangeEvent, SessionChangePageModel } from '../models/sessionChange.js';
import { validateSessionFilter, type SessionFilterInput } from '../validation/sessionFilterInput.js';
import { changePageLimit, readChangePage } from './changeLogPages.js';
import type { GatewayContext } from './context.js';
import { sessionMatchesFilter, sessionMatchScope } from './sessionMatchesFilter.js';
import { sessionById } from './sessions.js';

export interface SessionChangesArgs {
  since?: string | null;
  first?: number | null;
  filter?: SessionFilterInput | null;
}

/**
 * `Query.sessionChanges`: up to `first` (1–500) changes after `since` from the change log,
 * oldest first. With a `filter`, only changes whose session matched it before or after the
 * change (sessionMatchesFilter); the log is read on until `first` of those are found, it
 * ends, or 5,000 changes were read, and the token is the position after the last change
 * read, so the changes skipped are not read again (a page may then be short, even empty,
 * with `hasMore`). Rejects with SYNC_TOKEN_EXPIRED for a token past retention and
 * BAD_USER_INPUT for a string that is no token, a `first` out of range or a bad filter.
 */
export async function sessionChanges(context: GatewayContext, { since, first, filter }: SessionChangesArgs): Promise<SessionChangePageModel> {
  changePageLimit(first); // checked before the filter's scope is read
  const valid = filter ? validateSessionFilter(filter) : undefined;
  const scope = valid ? await sessionMatchScope(context.dataSources, valid) : undefined;
  const matches = valid
    ? (event: SessionChangeEvent): boolean => [event.before, event.after].some((session) => session !== null && sessionMatchesFilter(session, valid, scope!))
    : undefined;
  return readChangePage(context.changeLog, since, first, matches);
}

/**
 * `SessionChange.session`: the session as its provider lists it now (through the operation's
 * datasources, batched like `node`; for a change delivered live, the session as detected),
 * or null when the change deleted it or it is gone since.
 */
export async function sessionOfChange(context: GatewayContext, change: SessionChangeEvent): Promise<SessionModel | null> {
  if (change.kind === 'DELETED') return null;
  // Just detected: `after` is how the provider lists it now (no read per subscriber).
  if (change.live) return change.after;
  const id = parseGlobalId(change.sessionId);
  if (!id) return null;
  try {
    return await sessionById(context, id.provider, id.sourceId);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ProviderDisabledError) return null;
    throw error;
  }
}
