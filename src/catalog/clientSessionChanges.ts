import { NotFoundError, ProviderDisabledError } from '../errors/index.js';
import { parseGlobalId } from '../ids/globalId.js';
import type { ClientSessionChangeEvent, ClientSessionChangePageModel } from '../models/clientSessionChange.js';
import type { ClientSessionModel } from '../models/index.js';
import { followChanges, readChangePage } from './changeLogPages.js';
import { clientSessionById } from './clientSessions.js';
import type { GatewayContext } from './context.js';

export interface ClientSessionChangesArgs {
  since?: string | null;
  first?: number | null;
  projectId?: number | null;
}

const projectMatcher = (projectId: number | null | undefined) =>
  projectId == null ? undefined : (change: ClientSessionChangeEvent) => change.projectId === projectId;

/** `Query.clientSessionChanges`: a page of the client sessions' change log (readChangePage's rules), of one project or all. */
export function clientSessionChanges(context: GatewayContext, { since, first, projectId }: ClientSessionChangesArgs): Promise<ClientSessionChangePageModel> {
  return readChangePage(context.changeLogs.clientSessions, since, first, projectMatcher(projectId));
}

/** `Subscription.clientSessionStarted`: the new client sessions after `since`, then each new one, of `projectId` (or all). */
export function clientSessionChangeStream(
  context: GatewayContext,
  projectId: number | null | undefined,
  since: string | undefined,
): Promise<AsyncIterableIterator<ClientSessionChangeEvent>> {
  return followChanges(context.changeLogs.clientSessions, since, projectMatcher(projectId) ?? (() => true));
}

/** `ClientSessionChange.clientSession`: the session as Roundware has it now (live: as detected), or null when it is gone. */
export async function clientSessionOfChange(context: GatewayContext, change: ClientSessionChangeEvent): Promise<ClientSessionModel | null> {
  if (change.live) return change.after;
  const id = parseGlobalId(change.clientSessionId);
  if (!id) return null;
  try {
    return await clientSessionById(context, id.sourceId);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ProviderDisabledError) return null;
    throw error;
  }
}
