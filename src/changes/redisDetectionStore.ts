import { randomUUID } from 'node:crypto';

import type { SessionChangeEvent } from '../models/sessionChange.js';
import type { ProviderName } from '../providers.js';
import type { RedisClient } from '../upstream/redis/index.js';
import { decodeSession, encodeSession } from './changeRecordJson.js';
import type { DetectionStore, LeaseHold, ScopeMeta, ScopeState } from './detectionStore.js';
import type { SessionDiff, SnapshotEntry } from './diffSessions.js';
import type { ChangeKeys, RedisChangeLog } from './redisChangeLog.js';
import type { SessionFingerprint } from './sessionFingerprint.js';

/** Renews the lease if ours (compare-and-extend: 1), else takes it if free (2); 0 when another holds it. KEYS: lease. ARGV: owner, ttl ms. */
const HOLD_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 2 end
return 0
`;

/** Deletes the lease only if ours. KEYS: lease. ARGV: owner. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * A scope's bookkeeping, generation and snapshot entries (all, or those of ARGV[2..]), read
 * together so the generation is the one the entries belong to. KEYS: meta, gen, snapshot.
 * ARGV: scope, ids.
 */
const LOAD_SCRIPT = `
local meta = redis.call('HGET', KEYS[1], ARGV[1])
local gen = redis.call('HGET', KEYS[2], ARGV[1]) or '0'
local values
if #ARGV > 1 then values = redis.call('HMGET', KEYS[3], unpack(ARGV, 2)) else values = redis.call('HGETALL', KEYS[3]) end
return {meta, gen, values}
`;

export interface RedisDetectionStoreOptions {
  redis: RedisClient;
  keys: ChangeKeys;
  log: RedisChangeLog;
  /** How long the lease lasts unless renewed (ms). */
  leaseTtlMs: number;
  /** This process's lease id (random by default). */
  owner?: string;
}

/**
 * Change detection's state in RedisClient, beside the stream, so whichever replica holds the lease
 * continues where the last holder stopped: one hash per scope (session global ID → its
 * fingerprint and model) and a hash of each scope's bookkeeping. A commit is one script
 * that checks the lease, appends the events and updates the scope's hash (COMMIT_SCRIPT):
 * a holder that lost its lease writes nothing, and a commit whose answer was lost either
 * happened entirely (the next poll finds no difference) or not at all (it finds the same ones).
 */
export class RedisDetectionStore implements DetectionStore {
  readonly #redis: RedisClient;
  readonly #keys: ChangeKeys;
  readonly #log: RedisChangeLog;
  readonly #leaseTtlMs: number;
  readonly #owner: string;

  constructor(options: RedisDetectionStoreOptions) {
    this.#redis = options.redis;
    this.#keys = options.keys;
    this.#log = options.log;
    this.#leaseTtlMs = options.leaseTtlMs;
    this.#owner = options.owner ?? randomUUID();
  }

  load(scope: string): Promise<ScopeState> {
    return this.#load(scope, []);
  }

  loadEntries(scope: string, ids: readonly string[]): Promise<ScopeState> {
    return ids.length === 0 ? this.#load(scope, []).then((state) => ({ ...state, entries: new Map() })) : this.#load(scope, ids);
  }

  commit(scope: string, diff: SessionDiff, meta: ScopeMeta, expectedGen?: number): Promise<SessionChangeEvent[] | null | 'conflict'> {
    return this.#log.commit(diff.records, { owner: this.#owner, scope, meta: JSON.stringify(meta), expectedGen, ...snapshotChanges(diff) });
  }

  async commitRefresh(scope: string, diff: SessionDiff, expectedGen: number): Promise<SessionChangeEvent[] | 'conflict'> {
    // No owner: no lease check (any replica's refresh may commit); the generation is the check.
    const events = await this.#log.commit(diff.records, { owner: '', scope, meta: '', expectedGen, ...snapshotChanges(diff) });
    return events ?? 'conflict';
  }

  async holdLease(): Promise<LeaseHold> {
    const held = await this.#redis.eval(HOLD_SCRIPT, 1, this.#keys.lease, this.#owner, String(this.#leaseTtlMs));
    return held === 1 ? 'renewed' : held === 2 ? 'taken' : null;
  }

  async releaseLease(): Promise<void> {
    await this.#redis.eval(RELEASE_SCRIPT, 1, this.#keys.lease, this.#owner);
  }

  async notBefore(provider: ProviderName): Promise<number> {
    return Number((await this.#redis.hget(this.#keys.pacing, provider)) ?? 0) || 0;
  }

  async setNotBefore(provider: ProviderName, at: number): Promise<void> {
    await this.#redis.hset(this.#keys.pacing, provider, String(Math.ceil(at)));
  }

  /** The scope's state with the entries of `ids` (none: all of them). */
  async #load(scope: string, ids: readonly string[]): Promise<ScopeState> {
    const [meta, gen, values] = (await this.#redis.eval(LOAD_SCRIPT, 3, this.#keys.meta, this.#keys.gen, this.#keys.snapshot(scope), scope, ...ids)) as [
      string | null,
      string,
      Array<string | null>,
    ];
    const entries = new Map<string, SnapshotEntry>();
    const add = (id: string, text: string) => {
      const { f, s, r } = JSON.parse(text) as { f: SessionFingerprint; s: string; r?: number };
      entries.set(id, r === undefined ? { fingerprint: f, session: decodeSession(s) } : { fingerprint: f, session: decodeSession(s), readAt: r });
    };
    if (ids.length > 0) ids.forEach((id, index) => values[index] && add(id, values[index]));
    else for (let index = 0; index + 1 < values.length; index += 2) add(values[index]!, values[index + 1]!);
    const generation = Number(gen);
    if (meta === null) return { known: false, entries, cursor: null, sinceComplete: 0, gen: generation };
    return { known: true, entries, ...(JSON.parse(meta) as ScopeMeta), gen: generation };
  }
}

/** A diff's snapshot changes as the commit script takes them: [global ID, JSON] to set, IDs to delete. */
function snapshotChanges(diff: SessionDiff): { upserts: Array<[string, string]>; deletes: string[] } {
  return {
    upserts: [...diff.upserts].map(([id, entry]) => [id, JSON.stringify({ f: entry.fingerprint, s: encodeSession(entry.session), r: entry.readAt })]),
    deletes: diff.deletes,
  };
}
