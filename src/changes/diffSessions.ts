import { globalIdOfModel } from '../ids/globalId.js';
import { scopedSourceId, type SessionModel } from '../models/index.js';
import type { SessionChangeRecord } from '../models/sessionChange.js';
import { providerOfSource } from '../providers.js';
import { sessionFilterView } from './sessionFilterView.js';
import { changedFields, sessionFingerprint, type SessionFingerprint } from './sessionFingerprint.js';

/** What change detection remembers of one session between two reads. */
export interface SnapshotEntry {
  fingerprint: SessionFingerprint;
  /**
   * What a filter reads of the session (sessionFilterView), for the `before` of its next
   * event — not the whole session: the snapshot holds one for every session of every scope.
   */
  session: SessionModel;
  /**
   * When the read that gave this entry began (ms since the epoch): a read begun earlier is
   * older news and neither updates nor deletes it. Absent (0) in entries of older builds.
   */
  readAt?: number;
}

/** The outcome of comparing a fresh read with the snapshot: the events and how the snapshot changes. */
export interface SessionDiff {
  records: SessionChangeRecord[];
  /** Entries to add or replace (created and updated sessions), by global ID. */
  upserts: Map<string, SnapshotEntry>;
  /** Global IDs to forget (deleted sessions). */
  deletes: string[];
}

/** A session's global ID, as `Session.id` gives it. */
export function sessionGlobalId(session: SessionModel): string {
  return globalIdOfModel(session, 'Session', providerOfSource(session.source), scopedSourceId(session));
}

/**
 * Compares `fresh` (a read of one scope's sessions) with `previous` (the snapshot of that
 * scope, by global ID): a session not in the snapshot is CREATED, one whose fingerprint hash
 * differs is UPDATED with the changed-field groups, and — only when `complete` (the read is
 * the scope's whole list, not the sessions changed since a time) — one of the snapshot
 * missing from the read is DELETED. Records come in the read's order, deletions last.
 *
 * With `readAt` (when the read began), a snapshot entry from a read begun later is left as
 * it is (neither updated nor deleted: this read is older news), and the upserts carry `readAt`.
 */
export function diffSessions(
  previous: ReadonlyMap<string, SnapshotEntry>,
  fresh: readonly SessionModel[],
  { complete, detectedAt, readAt }: { complete: boolean; detectedAt: string; readAt?: number },
): SessionDiff {
  const newer = (entry: SnapshotEntry | undefined) => readAt !== undefined && entry !== undefined && (entry.readAt ?? 0) > readAt;
  const records: SessionChangeRecord[] = [];
  const upserts = new Map<string, SnapshotEntry>();
  const seen = new Set<string>();
  for (const session of fresh) {
    const sessionId = sessionGlobalId(session);
    if (seen.has(sessionId)) continue;
    seen.add(sessionId);
    const fingerprint = sessionFingerprint(session);
    const before = previous.get(sessionId);
    if (newer(before) || (before && before.fingerprint.hash === fingerprint.hash)) continue;
    const view = sessionFilterView(session);
    upserts.set(sessionId, readAt === undefined ? { fingerprint, session: view } : { fingerprint, session: view, readAt });
    records.push(
      before
        ? {
            entity: 'Session',
            kind: 'UPDATED',
            sessionId,
            changedFields: changedFields(before.fingerprint, fingerprint),
            detectedAt,
            before: before.session,
            after: session,
          }
        : { entity: 'Session', kind: 'CREATED', sessionId, changedFields: [], detectedAt, before: null, after: session },
    );
  }
  const deletes: string[] = [];
  if (complete) {
    for (const [sessionId, entry] of previous) {
      if (seen.has(sessionId) || newer(entry)) continue;
      deletes.push(sessionId);
      records.push({ entity: 'Session', kind: 'DELETED', sessionId, changedFields: [], detectedAt, before: entry.session, after: null });
    }
  }
  return { records, upserts, deletes };
}
