import type { SessionChangeEvent } from '../models/sessionChange.js';
import type { ProviderName } from '../providers.js';
import type { SessionDiff, SnapshotEntry } from './diffSessions.js';

/** What change detection knows of one scope (a provider's list, a Planstone conference) between polls. */
export interface ScopeState {
  /** False until the scope's first read was saved (that read is the baseline: no events). */
  known: boolean;
  /** The sessions as last read, by global ID. */
  entries: Map<string, SnapshotEntry>;
  /** Planstone: the greatest `session_updated_at` seen (a local `YYYY-MM-DD HH:MM:SS`); null before any. */
  cursor: string | null;
  /**
   * Planstone: how many sessions hold `cursor`'s stamp (as the last read that could count them
   * saw); undefined when not known (a state saved before it was kept). See pollScopes.
   */
  atCursor?: number;
  /** Polls since the last complete read of the scope. */
  sinceComplete: number;
  /**
   * The scope's generation: how many commits changed it. A commit made against a state names
   * the generation it read, and is refused (`'conflict'`) when another commit came between —
   * the compare-and-set that lets the poll and the refreshes of every replica share the state.
   */
  gen: number;
}

/** What holdLease found (see there). */
export type LeaseHold = 'taken' | 'renewed' | null;

/** The scope's bookkeeping a commit saves beside its diff. */
export type ScopeMeta = Pick<ScopeState, 'cursor' | 'sinceComplete' | 'atCursor'>;

/**
 * Where change detection keeps its state and records its events: in memory for one
 * process, in Redis for many (the lease decides which replica polls).
 */
export interface DetectionStore {
  /** The scope's state as the last successful commit left it. */
  load(scope: string): Promise<ScopeState>;
  /** As `load`, but `entries` holds only the sessions of `ids` that the state knows (read together with `gen`). */
  loadEntries(scope: string, ids: readonly string[]): Promise<ScopeState>;
  /**
   * Appends `diff.records` to the change log and applies the diff and `meta` to the scope's
   * state, all or nothing. Resolves with the recorded events, or null when this process no
   * longer holds the lease (nothing was written), or `'conflict'` when `expectedGen` is given
   * and the scope's generation is another (a refresh committed meanwhile; nothing was
   * written: load and compare again). Rejects when the store is unreachable (nothing was
   * written either): the next poll finds the same differences again.
   */
  commit(scope: string, diff: SessionDiff, meta: ScopeMeta, expectedGen?: number): Promise<SessionChangeEvent[] | null | 'conflict'>;
  /**
   * A refresh's commit (any replica, no lease): as `commit` without the bookkeeping, and only
   * if the scope's generation is still `expectedGen` (else `'conflict'`, nothing written).
   */
  commitRefresh(scope: string, diff: SessionDiff, expectedGen: number): Promise<SessionChangeEvent[] | 'conflict'>;
  /**
   * Takes the poller lease (`'taken'`: this process did not hold it a moment ago, so any state
   * it remembers may be stale), or renews it when held (`'renewed'`); null when another
   * process holds it.
   */
  holdLease(): Promise<LeaseHold>;
  /** Gives the lease up (if held), so another replica takes over at once. */
  releaseLease(): Promise<void>;
  /**
   * When `provider` may be polled again (ms since the epoch; 0: now), as the last poll's quota
   * pacing set it — kept with the state, so a restarted process or a new lease holder honours it.
   */
  notBefore(provider: ProviderName): Promise<number>;
  /** Sets `notBefore` for `provider` (the holder, after a poll that cost calls of a budgeted provider). */
  setNotBefore(provider: ProviderName, at: number): Promise<void>;
}
