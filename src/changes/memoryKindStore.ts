import type { ChangeLog, ChangeRecordBase, LoggedChange } from './changeLog.js';
import type { KindCommit, KindScopeState, KindStore } from './kindStore.js';
import { MemoryChangeLog, type ChangeLogRetention } from './memoryChangeLog.js';

/** A further kind's log and scope state in process memory (no `REDIS_URL`): one process, so no lease to check. */
export class MemoryKindStore<R extends ChangeRecordBase> implements KindStore<R> {
  readonly log: ChangeLog<R>;
  readonly #scopes = new Map<string, KindScopeState>();

  constructor(retention: ChangeLogRetention) {
    this.log = new MemoryChangeLog<R>(retention);
  }

  async load(scope: string): Promise<KindScopeState> {
    const state = this.#scopes.get(scope);
    return state ? { ...state, entries: new Map(state.entries) } : { known: false, entries: new Map(), cursor: null, sinceComplete: 0 };
  }

  async commit(scope: string, { records, upserts, deletes, meta }: KindCommit<R>): Promise<Array<LoggedChange<R>>> {
    const events = await this.log.append(records);
    const state = this.#scopes.get(scope) ?? { known: true, entries: new Map(), cursor: null, sinceComplete: 0 };
    for (const [id, text] of upserts) state.entries.set(id, text);
    for (const id of deletes) state.entries.delete(id);
    this.#scopes.set(scope, { ...state, known: true, ...meta });
    return events;
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
