import { randomUUID } from 'node:crypto';

import type { SessionChangeEvent } from '../models/sessionChange.js';
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

  async load(scope: string): Promise<ScopeState> {
    const [meta, snapshot] = await Promise.all([this.#redis.hget(this.#keys.meta, scope), this.#redis.hgetall(this.#keys.snapshot(scope))]);
    const entries = new Map<string, SnapshotEntry>();
    for (const [id, text] of Object.entries(snapshot)) {
      const { f, s } = JSON.parse(text) as { f: SessionFingerprint; s: string };
      entries.set(id, { fingerprint: f, session: decodeSession(s) });
    }
    if (meta === null) return { known: false, entries, cursor: null, sinceComplete: 0 };
    return { known: true, entries, ...(JSON.parse(meta) as ScopeMeta) };
  }

  commit(scope: string, diff: SessionDiff, meta: ScopeMeta): Promise<SessionChangeEvent[] | null> {
    return this.#log.commit(diff.records, {
      owner: this.#owner,
      scope,
      meta: JSON.stringify(meta),
      upserts: [...diff.upserts].map(([id, entry]) => [id, JSON.stringify({ f: entry.fingerprint, s: encodeSession(entry.session) })]),
      deletes: diff.deletes,
    });
  }

  async holdLease(): Promise<LeaseHold> {
    const held = await this.#redis.eval(HOLD_SCRIPT, 1, this.#keys.lease, this.#owner, String(this.#leaseTtlMs));
    return held === 1 ? 'renewed' : held === 2 ? 'taken' : null;
  }

  async releaseLease(): Promise<void> {
    await this.#redis.eval(RELEASE_SCRIPT, 1, this.#keys.lease, this.#owner);
  }
}
