import type { DataSources } from '../datasources/providers.js';
import type { SessionChangeEvent } from '../models/sessionChange.js';
import type { ProviderName } from '../providers.js';
import type { DetectionStore, ScopeState } from './detectionStore.js';
import { diffSessions } from './diffSessions.js';
import type { KindPollScope } from './kindPollScopes.js';
import { pollScopes, type PollScope } from './pollScopes.js';

const DAY_MS = 86_400_000;
/** Commits of one scope tried per poll when refreshes keep committing between its read and its commit. */
const MAX_COMMIT_ATTEMPTS = 5;
/** The order providers are polled in: the cheap polls first (see pollOnce). */
const POLL_ORDER: readonly ProviderName[] = ['planstone', 'roundware', 'guidebook'];

export interface ChangePollerOptions {
  store: DetectionStore;
  /** Fresh datasources for one poll (system headers, the shared upstream cache). */
  dataSources: () => DataSources;
  /**
   * Datasources for one poll whose reads go to the provider past the shared cache and store
   * their answers in it (`cache-control: no-cache`, see GetOptions.headers): Planstone's scopes
   * read through these when it has no daily budget, so an edit is found by the next poll, not
   * after the cached page expired, and a client reading after the event sees what it says.
   * Guidebook (a budget) keeps reading through the cache.
   */
  freshDataSources?: () => DataSources;
  /** Time between the ends of two polls (ms). */
  intervalMs: number;
  /** Planstone: every this many polls is a complete read (deletions); the others read only what changed. */
  completeEvery: number;
  /**
   * The largest share (0–1] of a provider's daily request budget polls may spend: after a poll
   * that cost `n` calls of a provider, that provider is polled again no sooner than
   * `n / (share × perDay)` of a day later. With `quotaUsed` only.
   */
  quotaShare?: number;
  /** Calls counted so far today per provider (all callers: an upper bound of the poll's own cost). */
  quotaUsed?: () => Promise<Partial<Record<ProviderName, number>>>;
  /** Each provider's daily budget (0: unlimited, no pacing). */
  perDay?: Partial<Record<ProviderName, number>>;
  /** The scopes of further kinds (personalized schedules, client sessions: KindPollScopes), polled after the sessions' under the same lease and pacing. */
  kindScopes?: (dataSources: DataSources) => KindPollScope[];
  /**
   * How old a poll's read may be (ms): its pages come through the shared cache, so a page may
   * have been fetched up to its TTL plus the stale grace before the poll. A snapshot entry
   * that a client read's refresh wrote later than the poll's start minus this is newer than
   * anything the poll can prove, and the poll leaves it alone (RefreshDetector). Default 0.
   */
  readAgeMs?: number;
  /**
   * Awaited before each commit: the comparisons of client-read refreshes under way in this
   * process (among them the pages this poll fetched itself), so that they commit first and
   * the poll's commit does not conflict with them.
   */
  beforeCommit?: () => Promise<void>;
  /** A poll that failed (a provider or the store down); the poller goes on. */
  onError?: (error: unknown) => void;
}

/**
 * The background poll of change detection (issue 20, docs/live-schedule.md): every
 * `intervalMs`, while this process holds the lease, each scope (pollScopes) is read afresh,
 * compared with its saved state (diffSessions) and the differences committed with the new
 * state in one step (DetectionStore.commit), if no other commit (a refresh of a client's
 * read, RefreshDetector) came between; else compared again with the state as it now is. A scope's first read is its baseline and
 * records nothing. A failed read or commit changes nothing: the next poll finds the same
 * differences again, so no event is lost or recorded twice.
 */
export class ChangePoller {
  readonly #options: ChangePollerOptions;
  /** The states this process committed last, while it held the lease (dropped when it may be stale). */
  readonly #states = new Map<string, ScopeState>();
  #timer: NodeJS.Timeout | undefined;
  #stopped = true;

  constructor(options: ChangePollerOptions) {
    this.#options = options;
  }

  /**
   * Starts polling. The first poll comes one interval after the start, not at once: a
   * starting replica serves its first requests without the lists' reads competing with them.
   */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(this.#options.intervalMs);
  }

  /**
   * Stops polling and gives the lease up at once, so another replica takes over without
   * waiting for its expiry. A poll under way is not waited for (its provider reads may be
   * slow, and shutdown must not be): its commit, should it still come, is refused for want
   * of the lease (Redis) or lands in a log nobody reads any more (memory).
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#states.clear();
    await this.#options.store.releaseLease().catch((error: unknown) => this.#options.onError?.(error));
  }

  /**
   * One poll of every scope, if this process holds (or can take) the lease: the session
   * events it recorded (those of the further kinds go to their own logs, not in this list),
   * or null when another replica holds the lease.
   */
  async pollOnce(): Promise<SessionChangeEvent[] | null> {
    if (!(await this.#holdLease())) return null;
    const { store } = this.#options;
    const recorded: SessionChangeEvent[] = [];
    const dataSources = this.#options.dataSources();
    const byProvider = new Map<ProviderName, Array<PollScope | KindPollScope>>();
    const fresh = (this.#options.perDay?.planstone ?? 0) > 0 ? undefined : this.#options.freshDataSources?.();
    for (const scope of [...pollScopes(dataSources, this.#options.completeEvery, fresh), ...(this.#options.kindScopes?.(dataSources) ?? [])]) {
      byProvider.set(scope.provider, [...(byProvider.get(scope.provider) ?? []), scope]);
    }
    let failure: unknown;
    // Cheap polls first: Guidebook's paced whole read (hundreds of pages at 10,000 sessions)
    // must not hold back the one-request polls' events.
    const order = [...byProvider].sort(([a], [b]) => POLL_ORDER.indexOf(a) - POLL_ORDER.indexOf(b));
    for (const [provider, scopes] of order) {
      // Kept in the store (Redis with REDIS_URL): a restart or a new lease holder honours it.
      if ((await store.notBefore(provider)) > Date.now()) continue;
      const usedBefore = await this.#used(provider);
      for (const scope of scopes) {
        try {
          // Renewed before each scope, so a long poll keeps it (the commit checks it again).
          if (!(await this.#holdLease())) return recorded;
          // A further kind reads, compares and commits by itself (its own log and state).
          if ('poll' in scope) {
            if ((await scope.poll()) === null) return recorded;
            continue;
          }
          // A read may ask for a second one (a due complete read after the cheap one).
          for (let followUp = false; ; followUp = true) {
            const events = await this.#pollScope(scope, followUp);
            if (events === null) return recorded; // the lease went to another replica mid-poll
            recorded.push(...events.recorded);
            if (!events.again) break;
          }
        } catch (error) {
          failure ??= error;
        }
      }
      await this.#pace(provider, usedBefore, await this.#used(provider));
    }
    if (failure !== undefined) throw failure;
    return recorded;
  }

  /**
   * Reads one scope, compares the read with its state and commits the events: those recorded
   * and whether the read asked for another, or null when the lease went to another replica.
   */
  async #pollScope(scope: PollScope, followUp: boolean): Promise<{ recorded: SessionChangeEvent[]; again: boolean } | null> {
    const { store } = this.#options;
    let state = this.#states.get(scope.key) ?? (await store.load(scope.key));
    // A read through the cache may be as old as readAgeMs; a fresh one is the poll's own.
    const readAt = Date.now() - (scope.fresh ? 0 : (this.#options.readAgeMs ?? 0));
    const read = await scope.read(state, followUp);
    const meta = { cursor: read.cursor, sinceComplete: read.complete ? 0 : state.sinceComplete + 1, atCursor: read.atCursor };
    this.#states.delete(scope.key);
    await this.#options.beforeCommit?.();
    // Compare-and-set on the scope's generation: a refresh of a client read (any replica)
    // may have committed since the state was read; then the state is read again and the
    // same read compared with it (no new upstream request).
    for (let attempt = 1; ; attempt += 1) {
      const detectedAt = new Date().toISOString();
      const diff = diffSessions(state.entries, read.sessions, { complete: read.complete, detectedAt, readAt });
      // The first read is the baseline: what was there before detection started is no change.
      if (!state.known) diff.records = [];
      const events = await store.commit(scope.key, diff, meta, state.gen);
      if (events === null) return null;
      if (events === 'conflict') {
        if (attempt >= MAX_COMMIT_ATTEMPTS) throw new Error(`change detection: the state of ${scope.key} kept changing under the poll`);
        state = await store.load(scope.key);
        continue;
      }
      for (const [id, entry] of diff.upserts) state.entries.set(id, entry);
      for (const id of diff.deletes) state.entries.delete(id);
      this.#states.set(scope.key, { ...state, known: true, ...meta, gen: state.gen + 1 });
      return { recorded: events, again: read.followUp === true };
    }
  }

  /**
   * Takes or renews the lease. The states remembered are kept only while the lease is held
   * without a break: when it was just taken (another replica may have polled meanwhile) or
   * cannot be confirmed, they are dropped and read from the store again.
   */
  async #holdLease(): Promise<boolean> {
    let held: Awaited<ReturnType<DetectionStore['holdLease']>>;
    try {
      held = await this.#options.store.holdLease();
    } catch (error) {
      this.#states.clear();
      throw error;
    }
    if (held !== 'renewed') this.#states.clear();
    return held !== null;
  }

  async #used(provider: ProviderName): Promise<number | undefined> {
    if (!this.#options.quotaUsed) return undefined;
    return (await this.#options.quotaUsed().catch(() => ({}) as Partial<Record<ProviderName, number>>))[provider];
  }

  async #pace(provider: ProviderName, before: number | undefined, after: number | undefined): Promise<void> {
    const share = this.#options.quotaShare ?? 1;
    const perDay = this.#options.perDay?.[provider] ?? 0;
    if (before === undefined || after === undefined || perDay <= 0 || share <= 0) return;
    const cost = Math.max(0, after - before);
    await this.#options.store.setNotBefore(provider, Date.now() + (cost * DAY_MS) / (share * perDay));
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.pollOnce()
        .catch((error: unknown) => {
          if (!this.#stopped) this.#options.onError?.(error);
        })
        .finally(() => this.#schedule(this.#options.intervalMs));
    }, delayMs);
    this.#timer.unref();
  }
}
