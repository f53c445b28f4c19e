import type { SessionChangeEvent } from '../models/sessionChange.js';
import type { SessionDiff, SnapshotEntry } from './diffSessions.js';

/** What change detection knows of one scope (a provider's list, a Planstone conference) between polls. */
export interface ScopeState {
  /** False until the scope's first read was saved (that read is the baseline: no events). */
  known: boolean;
  /** The sessions as last read, by global ID. */
  entries: Map<string, SnapshotEntry>;
  /** Planstone: the greatest `session_updated_at` seen (a local `YYYY-MM-DD HH:MM:SS`); null before any. */
  cursor: string | null;
  /** Polls since the last complete read of the scope. */
  sinceComplete: number;
}

/** What holdLease found (see there). */
export type LeaseHold = 'taken' | 'renewed' | null;

/** The scope's bookkeeping a commit saves beside its diff. */
export type ScopeMeta = Pick<ScopeState, 'cursor' | 'sinceComplete'>;

/**
 * Where change detection keeps its state and records its events: in memory for one
 * process, in Redis for many (the lease decides which replica polls).
 */
export interface DetectionStore {
  /** The scope's state as the last successful commit left it. */
  load(scope: string): Promise<ScopeState>;
  /**
   * Appends `diff.records` to the change log and applies the diff and `meta` to the scope's
   * state, all or nothing. Resolves with the recorded events, or null when this process no
   * longer holds the lease (nothing was written). Rejects when the store is unreachable
   * (nothing was written either): the next poll finds the same differences again.
   */
  commit(scope: string, diff: SessionDiff, meta: ScopeMeta): Promise<SessionChangeEvent[] | null>;
  /**
   * Takes the poller lease (`'taken'`: this process did not hold it a moment ago, so any state
   * it remembers may be stale), or renews it when held (`'renewed'`); null when another
   * process holds it.
   */
  holdLease(): Promise<LeaseHold>;
  /** Gives the lease up (if held), so another replica takes over at once. */
  releaseLease(): Promise<void>;
}
