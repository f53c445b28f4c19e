import { randomUUID } from 'node:crypto';

import { hashTaggedKey, type RedisClient } from '../redis/index.js';
import type { QuotaCounter, QuotaCounterStatus, QuotaTake, QuotaWindow } from './quotaCounter.js';

// KEYS: one counter per window, then the replica registry. ARGV: limit, ttlMs per window,
// then this replica's id and the registry's horizon (ms).
// All-or-nothing: if any window is at its limit nothing is counted. Either way the replica
// is registered (by Redis's clock, so that replicas' clocks need not agree) and the live
// replicas are counted. Reply: allowed (0/1), live replicas, then each window's count.
const TAKE_SCRIPT = `
local windows = #KEYS - 1
local counts = {}
local refused = 0
for i = 1, windows do
  counts[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
  local limit = tonumber(ARGV[2 * i - 1])
  if limit > 0 and counts[i] >= limit then refused = 1 end
end
if refused == 0 then
  for i = 1, windows do
    counts[i] = redis.call('INCR', KEYS[i])
    if counts[i] == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[2 * i]) end
  end
end
local registry = KEYS[#KEYS]
local time = redis.call('TIME')
local nowMs = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local horizon = tonumber(ARGV[2 * windows + 2])
redis.call('ZADD', registry, nowMs, ARGV[2 * windows + 1])
redis.call('ZREMRANGEBYSCORE', registry, '-inf', nowMs - horizon)
redis.call('PEXPIRE', registry, horizon)
table.insert(counts, 1, redis.call('ZCARD', registry))
table.insert(counts, 1, 1 - refused)
return counts
`;

// KEYS: counters; ARGV: amount, ttlMs per counter. Adds calls counted while Redis was away.
const ADD_SCRIPT = `
for i = 1, #KEYS do
  local amount = tonumber(ARGV[2 * i - 1])
  if redis.call('INCRBY', KEYS[i], amount) == amount then redis.call('PEXPIRE', KEYS[i], ARGV[2 * i]) end
end
return #KEYS
`;

/** The hash tag of every key of the counters: the scripts touch several at once. */
const QUOTA_TAG = 'quota';
/** A replica that has not counted or checked in for this long is no longer counted. */
const REPLICA_HORIZON_MS = 180_000;
/** How often a replica checks in and re-reads the counts it knows, calls or not. */
const HEARTBEAT_MS = 60_000;

export interface RedisQuotaCounterOptions {
  /** A client of a Redis server or a Redis Cluster (createRedisClient). */
  redis: RedisClient;
  /**
   * The deployment's key prefix (REDIS_KEY_PREFIX). Every key is `<keyPrefix>{quota}:…`:
   * the scripts touch several counters and the replica registry at once, so on a Redis
   * Cluster they all share one hash tag, and so one slot and one master. Default `sessions-gateway:`.
   */
  keyPrefix?: string;
  onError?: (error: unknown) => void;
  now?: () => number;
}

interface Count {
  count: number;
  expiresAt: number;
}

/**
 * Quota counters in Redis, shared by every replica: one atomic Lua script checks every
 * window and increments them (INCR, with an expiry set on the first count). All keys share
 * the hash tag `{quota}`, so the scripts and MGETs run on a Redis Cluster too (on the one
 * master of that slot; when it fails over, the commands meanwhile fail and are counted as
 * while away, below, then added to the promoted replica).
 *
 * When Redis is unreachable the guard does not block traffic, but nor does it forget the
 * budget: it goes on from the counts it last saw in Redis, and spends only its share of
 * what was left, as if every replica it last saw registered in Redis spent as fast as it
 * does — so that replicas cut off from Redis together cannot spend a budget each. The calls
 * it counted meanwhile are added to Redis once it answers again. Replicas register in Redis
 * with every count, and check in every minute (re-reading the counts they know); one not seen
 * for three minutes is no longer counted. What others spent since this replica last looked
 * is not known to it: the share is of what was left as it last saw it. (A replica that
 * never reached Redis knows neither the counts nor the replicas, and counts as if alone.)
 */
export class RedisQuotaCounter implements QuotaCounter {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #onError: (error: unknown) => void;
  readonly #now: () => number;
  readonly #replicaId = randomUUID();
  readonly #heartbeat: NodeJS.Timeout;
  /** Live replicas, this one included, as Redis last said. */
  #replicas = 1;
  /** Whether the last command failed: counts are estimated until one succeeds. */
  #away = false;
  /** Per Redis key: the count Redis last gave. */
  readonly #shared = new Map<string, Count>();
  /** Per Redis key: calls counted while Redis was away, not yet added to it. */
  #unsent = new Map<string, Count>();

  constructor(options: RedisQuotaCounterOptions) {
    this.#redis = options.redis;
    this.#prefix = options.keyPrefix ?? 'sessions-gateway:';
    this.#onError = options.onError ?? (() => undefined);
    this.#now = options.now ?? Date.now;
    this.#heartbeat = setInterval(() => void this.#checkIn(), HEARTBEAT_MS).unref();
  }

  status(): QuotaCounterStatus {
    return { replicas: this.#replicas, estimated: this.#away };
  }

  async take(budget: string, windows: readonly QuotaWindow[]): Promise<QuotaTake> {
    const keys = this.#keys(budget, windows);
    try {
      if (this.#unsent.size > 0) await this.#sendUnsent();
      const args = windows.flatMap((w) => [String(w.limit), String(Math.ceil(w.ttlMs))]);
      const [allowed, replicas, ...counts] = (await this.#redis.eval(
        TAKE_SCRIPT,
        keys.length + 1,
        ...keys,
        this.#registryKey,
        ...args,
        this.#replicaId,
        String(REPLICA_HORIZON_MS),
      )) as number[];
      this.#replicas = Math.max(1, replicas ?? 1);
      this.#rememberShared(keys, windows, counts);
      this.#away = false;
      return { allowed: allowed === 1, counts };
    } catch (error) {
      this.#away = true;
      this.#onError(error);
      return this.#takeWhileAway(keys, windows);
    }
  }

  async read(budget: string, windows: readonly QuotaWindow[]): Promise<number[]> {
    const keys = this.#keys(budget, windows);
    try {
      if (this.#unsent.size > 0) await this.#sendUnsent();
      const values = await this.#redis.mget(...keys);
      const counts = values.map((v) => (v === null ? 0 : Number(v)));
      this.#rememberShared(keys, windows, counts);
      this.#away = false;
      return counts.map((count, i) => count + (this.#live(this.#unsent, keys[i]!)?.count ?? 0));
    } catch (error) {
      this.#away = true;
      this.#onError(error);
      return keys.map((key) => this.#estimate(key));
    }
  }

  /** Stops checking in (on gateway stop). */
  close(): void {
    clearInterval(this.#heartbeat);
  }

  get #registryKey(): string {
    return hashTaggedKey(this.#prefix, QUOTA_TAG, ':replicas');
  }

  #keys(budget: string, windows: readonly QuotaWindow[]): string[] {
    return windows.map((w) => hashTaggedKey(this.#prefix, QUOTA_TAG, `:${budget}:${w.key}`));
  }

  /** What the shared count of `key` must be by now: as Redis last said, plus every replica's share of the calls since. */
  #estimate(key: string): number {
    return (this.#live(this.#shared, key)?.count ?? 0) + this.#replicas * (this.#live(this.#unsent, key)?.count ?? 0);
  }

  /** While Redis is away: this replica's call counts for all of them (see the class comment). */
  #takeWhileAway(keys: string[], windows: readonly QuotaWindow[]): QuotaTake {
    const estimates = keys.map((key) => this.#estimate(key));
    if (windows.some((w, i) => w.limit > 0 && estimates[i]! + this.#replicas > w.limit)) return { allowed: false, counts: estimates };
    const now = this.#now();
    keys.forEach((key, i) => {
      const away = this.#live(this.#unsent, key)?.count ?? 0;
      this.#unsent.set(key, { count: away + 1, expiresAt: now + windows[i]!.ttlMs });
    });
    return { allowed: true, counts: estimates.map((estimate) => estimate + this.#replicas) };
  }

  /** Adds the calls counted while Redis was away to it; if that fails they are kept for the next try. */
  async #sendUnsent(): Promise<void> {
    const now = this.#now();
    const pending = [...this.#unsent].filter(([, c]) => c.expiresAt > now);
    // Taken out first, so that takes running meanwhile do not add them a second time.
    this.#unsent = new Map();
    if (pending.length === 0) return;
    try {
      await this.#redis.eval(
        ADD_SCRIPT,
        pending.length,
        ...pending.map(([key]) => key),
        ...pending.flatMap(([, c]) => [String(c.count), String(Math.ceil(c.expiresAt - now))]),
      );
    } catch (error) {
      for (const [key, c] of pending) {
        const later = this.#unsent.get(key);
        this.#unsent.set(key, { count: c.count + (later?.count ?? 0), expiresAt: Math.max(c.expiresAt, later?.expiresAt ?? 0) });
      }
      throw error;
    }
  }

  #rememberShared(keys: string[], windows: readonly QuotaWindow[], counts: number[]): void {
    const now = this.#now();
    keys.forEach((key, i) => this.#shared.set(key, { count: counts[i] ?? 0, expiresAt: now + windows[i]!.ttlMs }));
    // Periods roll over every minute: drop the dead ones now and then.
    if (this.#shared.size >= 256) for (const [key, c] of this.#shared) if (c.expiresAt <= now) this.#shared.delete(key);
  }

  #live(counts: Map<string, Count>, key: string): Count | undefined {
    const c = counts.get(key);
    return c && c.expiresAt > this.#now() ? c : undefined;
  }

  /**
   * Registers this replica and learns how many are live, and what the budgets it counts
   * stand at, without counting a call: so that, should Redis go away, this replica's view is
   * at most a minute old even when it has made no calls.
   */
  async #checkIn(): Promise<void> {
    try {
      if (this.#unsent.size > 0) await this.#sendUnsent();
      const [, replicas] = (await this.#redis.eval(TAKE_SCRIPT, 1, this.#registryKey, this.#replicaId, String(REPLICA_HORIZON_MS))) as number[];
      this.#replicas = Math.max(1, replicas ?? 1);
      const now = this.#now();
      const live = [...this.#shared].filter(([, c]) => c.expiresAt > now);
      if (live.length === 0) {
        this.#away = false;
        return;
      }
      const values = await this.#redis.mget(...live.map(([key]) => key));
      live.forEach(([key, c], i) => this.#shared.set(key, { count: Number(values[i] ?? 0), expiresAt: c.expiresAt }));
      this.#away = false;
    } catch {
      this.#away = true;
      // Reported by the next take or read that fails; a heartbeat alone says nothing new.
    }
  }
}
