import { NotFoundError, ProviderDisabledError, UserInputError } from '../errors/index.js';
import { parseGlobalId } from '../ids/globalId.js';
import type { SessionModel } from '../models/index.js';
import type { SessionChangeEvent, SessionChangePageModel } from '../models/sessionChange.js';
import { validateSessionFilter, type SessionFilterInput } from '../validation/sessionFilterInput.js';
import type { GatewayContext } from './context.js';
import { sessionMatchesFilter, sessionMatchScope } from './sessionMatchesFilter.js';
import { sessionById } from './sessions.js';

/** Most changes one `sessionChanges` page returns. */
export const MAX_CHANGES_PER_PAGE = 500;

/** Most changes a filtered `sessionChanges` reads through before it answers (with `hasMore`). */
const MAX_SCANNED = 5_000;

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
  const limit = first ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHANGES_PER_PAGE) {
    throw new UserInputError(`\`first\` must be between 1 and ${MAX_CHANGES_PER_PAGE}.`, 'first');
  }
  const valid = filter ? validateSessionFilter(filter) : undefined;
  const scope = valid ? await sessionMatchScope(context.dataSources, valid) : undefined;
  const matches = (event: SessionChangeEvent): boolean =>
    !valid || [event.before, event.after].some((session) => session !== null && sessionMatchesFilter(session, valid, scope!));

  if (!valid) {
    const page = await context.changeLog.read(since ?? undefined, limit);
    return { changes: page.events, token: page.token, hasMore: page.hasMore };
  }
  // Filtered: read on in large pages, stopping at the change that fills the page (its token
  // is then the page's), and after MAX_SCANNED changes read, so one call stays bounded.
  const changes: SessionChangeEvent[] = [];
  let token = since ?? undefined;
  let scanned = 0;
  for (;;) {
    const page = await context.changeLog.read(token, MAX_CHANGES_PER_PAGE);
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
