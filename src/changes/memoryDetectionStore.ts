import type { SessionChangeEvent } from '../models/sessionChange.js';
import type { ProviderName } from '../providers.js';
import type { ChangeLog } from './changeLog.js';
import type { DetectionStore, LeaseHold, ScopeMeta, ScopeState } from './detectionStore.js';
import type { SessionDiff } from './diffSessions.js';

/** Change detection's state in process memory (no `REDIS_URL`): one process, so it always holds the lease. */
export class MemoryDetectionStore implements DetectionStore {
  readonly #log: ChangeLog;
  readonly #scopes = new Map<string, ScopeState>();
  readonly #notBefore = new Map<ProviderName, number>();

  constructor(log: ChangeLog) {
    this.#log = log;
  }

  async load(scope: string): Promise<ScopeState> {
    const state = this.#scopes.get(scope);
    return state ? { ...state, entries: new Map(state.entries) } : { known: false, entries: new Map(), cursor: null, sinceComplete: 0, gen: 0 };
  }

  async loadEntries(scope: string, ids: readonly string[]): Promise<ScopeState> {
    const state = this.#scopes.get(scope);
    if (!state) return { known: false, entries: new Map(), cursor: null, sinceComplete: 0, gen: 0 };
    const entries = new Map();
    for (const id of ids) {
      const entry = state.entries.get(id);
      if (entry) entries.set(id, entry);
    }
    return { ...state, entries };
  }

  async commit(scope: string, diff: SessionDiff, meta: ScopeMeta, expectedGen?: number): Promise<SessionChangeEvent[] | 'conflict'> {
    return this.#apply(scope, diff, meta, expectedGen);
  }

  async commitRefresh(scope: string, diff: SessionDiff, expectedGen: number): Promise<SessionChangeEvent[] | 'conflict'> {
    return this.#apply(scope, diff, undefined, expectedGen);
  }

  async holdLease(): Promise<LeaseHold> {
    return 'renewed';
  }

  async releaseLease(): Promise<void> {}

  async notBefore(provider: ProviderName): Promise<number> {
    return this.#notBefore.get(provider) ?? 0;
  }

  async setNotBefore(provider: ProviderName, at: number): Promise<void> {
    this.#notBefore.set(provider, at);
  }

  /** Checks the generation and applies the diff at once (no await between), then appends the records. */
  #apply(scope: string, diff: SessionDiff, meta: ScopeMeta | undefined, expectedGen: number | undefined): Promise<SessionChangeEvent[]> | 'conflict' {
    const previous = this.#scopes.get(scope);
    if (expectedGen !== undefined && (previous?.gen ?? 0) !== expectedGen) return 'conflict';
    const state = previous ?? { known: false, entries: new Map(), cursor: null, sinceComplete: 0, gen: 0 };
    for (const [id, entry] of diff.upserts) state.entries.set(id, entry);
    for (const id of diff.deletes) state.entries.delete(id);
    this.#scopes.set(scope, { ...state, ...(meta ? { known: true, ...meta } : {}), gen: state.gen + 1 });
    return this.#log.append(diff.records);
  }
}
