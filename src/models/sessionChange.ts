import type { SessionModel } from './session.js';

/** What happened to a session (GraphQL `SessionChangeKind`). */
export type SessionChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

/** A part of a session an `UPDATED` change names (GraphQL `SessionChangedField`). */
export type SessionChangedField = 'TIMES' | 'LOCATION' | 'TITLE' | 'TRACKS' | 'SPEAKERS' | 'DESCRIPTION' | 'PUBLISHED';

/**
 * One detected change of one session, as change detection records it (before it has a
 * token). `before` and `after` are the session as the previous and the fresh read saw it
 * (`before` null for CREATED, `after` null for DELETED): a filter matches a change when it
 * matches either, so a session moved out of Hall B still reaches Hall B's subscribers.
 */
export interface SessionChangeRecord {
  entity: 'Session';
  kind: SessionChangeKind;
  /** The session's global ID. */
  sessionId: string;
  /** Empty unless `kind` is UPDATED. */
  changedFields: readonly SessionChangedField[];
  /** ISO instant of detection. */
  detectedAt: string;
  before: SessionModel | null;
  after: SessionModel | null;
}

/**
 * A change as the log holds it: its record and its position, the sync token just after it.
 * `live`: delivered to a subscriber as it was recorded, so `after` is the session as it is
 * now (a change read later from the log is read again from its provider).
 */
export type SessionChangeEvent = SessionChangeRecord & { token: string; live?: true };

/** A page of changes as `Query.sessionChanges` answers it (GraphQL `SessionChangePage`). */
export interface SessionChangePageModel {
  changes: SessionChangeEvent[];
  /** Where the next page starts. */
  token: string;
  hasMore: boolean;
}
