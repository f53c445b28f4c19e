import type { SessionChangeEvent } from '../models/sessionChange.js';
import type { ChangeLog } from './changeLog.js';
import type { DetectionStore, LeaseHold, ScopeMeta, ScopeState } from './detectionStore.js';
import type { SessionDiff } from './diffSessions.js';

/** Change detection's state in process memory (no `REDIS_URL`): one process, so it always holds the lease. */
export class MemoryDetectionStore implements DetectionStore {
  readonly #log: ChangeLog;
  readonly #scopes = new Map<string, ScopeState>();

  constructor(log: ChangeLog) {
    this.#log = log;
  }

  async load(scope: string): Promise<ScopeState> {
    const state = this.#scopes.get(scope);
    return state ? { ...state, entries: new Map(state.entries) } : { known: false, entries: new Map(), cursor: null, sinceComplete: 0 };
  }

  async commit(scope: string, diff: SessionDiff, meta: ScopeMeta): Promise<SessionChangeEvent[]> {
    const events = await this.#log.append(diff.records);
    const state = this.#scopes.get(scope) ?? { known: true, entries: new Map(), cursor: null, sinceComplete: 0 };
    for (const [id, entry] of diff.upserts) state.entries.set(id, entry);
    for (const id of diff.deletes) state.entries.delete(id);
    this.#scopes.set(scope, { ...state, known: true, ...meta });
    return events;
  }

  async holdLease(): Promise<LeaseHold> {
    return 'renewed';
  }

  async releaseLease(): Promise<void> {}
}
