import type { SessionListRead, SessionListReadObserver } from '../datasources/sessionListReads.js';
import type { SessionChangeEvent } from '../models/sessionChange.js';
import type { DetectionStore } from './detectionStore.js';
import { diffSessions, sessionGlobalId } from './diffSessions.js';
import { sessionScopeKey } from './pollScopes.js';

/** Commits of one refresh tried when other commits keep coming between its read of the state and its commit. */
const MAX_ATTEMPTS = 5;

export interface RefreshDetectorOptions {
  store: DetectionStore;
  /** A refresh that could not be compared or committed (the store down, a conflict that lasted): logged, never surfaced. */
  onError?: (error: unknown) => void;
  /** Refreshes waiting per scope beyond which new ones are dropped (the poll finds what they would have). Default 1,000. */
  maxPending?: number;
}

/**
 * Change detection from the reads clients already make (issue 20, docs/live-schedule.md):
 * each session list page a provider answers for the shared cache (a first read or a
 * refresh; SessionListReads) is compared with the scope's state and the differences
 * recorded, so a change is seen as soon as any client's read refreshes the data — no
 * request of its own.
 *
 * - A page says `CREATED`/`UPDATED` for the sessions on it only; `DELETED` only when it is
 *   the scope's whole list (`complete`): a session missing from one page of a list may have
 *   moved to another page (its start changed) or be outside the page's filter.
 * - Nothing is recorded before the scope's baseline (the poll's first read).
 * - The comparison is against the shared state as it is, with the poll's commit path: the
 *   commit names the scope's generation it read and is refused when another commit (the
 *   poll, another replica's refresh) came between; then the state is read again and the
 *   page compared again. A page read before the one that wrote an entry leaves that entry
 *   alone (`readAt`): a stale replica's page never undoes newer news. So each change is
 *   recorded once, whichever replica or poll sees it first.
 * - Off the request path: the work starts after the read answered (setImmediate), pages of
 *   one scope one after the other; failures go to `onError`.
 */
export class RefreshDetector {
  readonly #store: DetectionStore;
  readonly #onError: (error: unknown) => void;
  readonly #maxPending: number;
  readonly #queues = new Map<string, { tail: Promise<void>; pending: number }>();
  readonly #inFlight = new Set<Promise<SessionChangeEvent[]>>();

  constructor(options: RefreshDetectorOptions) {
    this.#store = options.store;
    this.#onError = options.onError ?? (() => undefined);
    this.#maxPending = options.maxPending ?? 1_000;
  }

  /** The observer to register with SessionListReads. */
  readonly observer: SessionListReadObserver = (read) => {
    void this.detect(read);
  };

  /**
   * Compares one page (built by `read`, after the current work: the models are not built on
   * the request path), behind the scope's other pages; resolves with the events it recorded
   * (none when it failed or was dropped: never rejects).
   */
  detect(read: () => SessionListRead): Promise<SessionChangeEvent[]> {
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#enqueue(read()))
      .catch((error: unknown) => {
        this.#onError(error);
        return [];
      });
    this.#inFlight.add(done);
    void done.finally(() => this.#inFlight.delete(done));
    return done;
  }

  /** Resolves when the pages reported before the call were compared (not those reported meanwhile). */
  async settled(): Promise<void> {
    await Promise.all([...this.#inFlight]);
  }

  /** Resolves when every page reported so far was compared (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  /** Runs the comparison after the scope's pages queued before it (one at a time per scope: fewer conflicts). */
  #enqueue(read: SessionListRead): Promise<SessionChangeEvent[]> {
    if (read.provider !== 'planstone' && read.provider !== 'guidebook') return Promise.resolve([]);
    const key = sessionScopeKey(read.provider, read.conferenceId);
    let queue = this.#queues.get(key);
    if (!queue) this.#queues.set(key, (queue = { tail: Promise.resolve(), pending: 0 }));
    if (queue.pending >= this.#maxPending) return Promise.resolve([]);
    queue.pending += 1;
    const owner = queue;
    const done = owner.tail
      .then(() => this.#compare(key, read))
      .finally(() => {
        owner.pending -= 1;
        if (owner.pending === 0 && this.#queues.get(key) === owner) this.#queues.delete(key);
      });
    owner.tail = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  async #compare(scope: string, read: SessionListRead): Promise<SessionChangeEvent[]> {
    const ids = read.sessions.map(sessionGlobalId);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      // A whole list needs the whole state (deletions); a page, only its sessions' entries.
      const state = read.complete ? await this.#store.load(scope) : await this.#store.loadEntries(scope, ids);
      if (!state.known) return []; // before the baseline: what is there is no change
      const diff = diffSessions(state.entries, read.sessions, { complete: read.complete, detectedAt: new Date().toISOString(), readAt: read.readAt });
      if (diff.records.length === 0) return [];
      const events = await this.#store.commitRefresh(scope, diff, state.gen);
      if (events !== 'conflict') return events;
    }
    throw new Error(`change detection: the state of ${scope} kept changing under a refresh (${MAX_ATTEMPTS} attempts); the poll will find its differences`);
  }
}
