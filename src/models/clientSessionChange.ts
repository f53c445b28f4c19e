import type { ClientSessionModel } from './clientSession.js';

/**
 * A new Roundware client session (a device connected to a project), as change detection
 * records it. Roundware's API never changes nor deletes a session (it has no PATCH nor
 * DELETE), so `CREATED` is the only kind.
 */
export interface ClientSessionChangeRecord {
  entity: 'ClientSession';
  kind: 'CREATED';
  /** The client session's global ID. */
  clientSessionId: string;
  /** Its Roundware project (the filter of `clientSessionChanges`). */
  projectId: number;
  /** ISO instant of detection. */
  detectedAt: string;
  /** The session as detected. */
  after: ClientSessionModel;
}

/** A client session change as its log holds it (see LoggedChange). */
export type ClientSessionChangeEvent = ClientSessionChangeRecord & { token: string; live?: true };

/** A page of client session changes as `Query.clientSessionChanges` answers it. */
export interface ClientSessionChangePageModel {
  changes: ClientSessionChangeEvent[];
  token: string;
  hasMore: boolean;
}
