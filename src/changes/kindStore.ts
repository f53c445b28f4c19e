import type { ChangeLog, ChangeRecordBase, LoggedChange } from './changeLog.js';

/**
 * What change detection knows of one scope of a further kind (personalized schedules, client
 * sessions) between polls. Unlike a session scope's snapshot, its entries stay opaque JSON:
 * each kind reads and writes its own.
 */
export interface KindScopeState {
  /** False until the scope's first read was saved (that read is the baseline: no events). */
  known: boolean;
  /** The scope's snapshot: id → JSON. */
  entries: Map<string, string>;
  /** The kind's own bookkeeping (e.g. the greatest id seen); null before any. */
  cursor: string | null;
  /** Polls since the last complete read of the scope. */
  sinceComplete: number;
}

/** What one poll of a kind's scope commits: its events, its snapshot changes and its bookkeeping. */
export interface KindCommit<R> {
  records: readonly R[];
  /** Snapshot entries to set: [id, JSON]. */
  upserts: Array<[string, string]>;
  deletes: string[];
  meta: Pick<KindScopeState, 'cursor' | 'sinceComplete'>;
}

/**
 * Change detection's state and log for one further kind: its own change log (a Redis Stream
 * of its own with `REDIS_URL`), and its scopes' state beside the sessions' (the same lease
 * guards both, see RedisKindStore).
 */
export interface KindStore<R extends ChangeRecordBase> {
  readonly log: ChangeLog<R>;
  /** The scope's state as the last successful commit left it. */
  load(scope: string): Promise<KindScopeState>;
  /**
   * Appends `commit.records` to the kind's log and applies the snapshot changes and
   * bookkeeping, all or nothing. Resolves with the recorded events, or null when this process
   * no longer holds the poller lease (nothing was written); rejects when the store is
   * unreachable (nothing was written either).
   */
  commit(scope: string, commit: KindCommit<R>): Promise<Array<LoggedChange<R>> | null>;
  /** Releases what the store holds (its log's connections and followers). */
  close(): Promise<void>;
}
