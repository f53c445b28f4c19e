import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';

import { globLiteral, unlinkMatching, type RedisClient } from '../redis/index.js';
import type { ResponseCache } from '../responseCache.js';

export interface RedisResponseCacheOptions {
  /** A connected (or connecting) ioredis client of a server or a cluster; the cache does not own it unless `ownsClient`. */
  redis: RedisClient;
  /** Prepended to every key, so one Redis can hold several deployments. Default `sessions-gateway:cache:`. */
  keyPrefix?: string;
  /** `close()` quits the client too. Default false. */
  ownsClient?: boolean;
  /** Told about Redis failures, which never fail a request (a failed read is a miss). */
  onError?: (error: unknown) => void;
  /**
   * Each replica keeps the values it read or wrote, parsed, in a local LRU, and asks Redis
   * at most this often (ms) per entry whether the entry changed — a check that moves a few
   * bytes unless it did. So a hot entry costs no round trip per request, is parsed again
   * only when it changed, and stays the same object (per-object memos in the datasources
   * keep working). Another replica's write is seen after at most this long. 0: no local
   * copies, every read goes to Redis. Default 1,000.
   */
  confirmEveryMs?: number;
  /** Entries of the local LRU. Default 1,000. */
  localMaxEntries?: number;
  /** Total weight of the local LRU: characters of the entries' JSON. Default 64 MiB. */
  localMaxSize?: number;
}

/**
 * A value in Redis is a write stamp followed by the JSON: `~` + 14 hex digits + `~`. JSON
 * never starts with `~`, so a value written without one (by an older build) is still read.
 */
const STAMP_LENGTH = 16;
const newStamp = () => `~${randomBytes(7).toString('hex')}~`;
const stampOf = (text: string) => (text.length >= STAMP_LENGTH && text[0] === '~' && text[STAMP_LENGTH - 1] === '~' ? text.slice(0, STAMP_LENGTH) : undefined);

// KEYS[1]: the entry. ARGV[1]: the stamp of the caller's local copy, or '' for none.
// {0}: no entry. {1, pttl}: the entry still carries that stamp. {2, pttl, value}: read it.
const READ_SCRIPT = `
local pttl = redis.call('PTTL', KEYS[1])
if pttl == -2 then return {0} end
if ARGV[1] ~= '' and redis.call('GETRANGE', KEYS[1], 0, ${STAMP_LENGTH - 1}) == ARGV[1] then return {1, pttl} end
return {2, pttl, redis.call('GET', KEYS[1])}
`;
type ReadReply = [0] | [1, number] | [2, number, string];

interface LocalCopy {
  value: unknown;
  stamp: string | undefined;
  /** Characters of its JSON: its weight in the local LRU. */
  size: number;
  /** When Redis last confirmed it (ms since the epoch). */
  checkedAt: number;
  /** The `reconfirmLocalCopies` round it was last confirmed in: an older one is asked about again. */
  round: number;
  /** When its Redis entry expires: it is not served past that, confirmed or not. */
  expiresAt: number;
}

/**
 * The shared response cache in Redis, so several gateway replicas share one cache. Values
 * are stamped JSON with a per-key expiry (`SET … PX`); a replica's local copy is confirmed by
 * its stamp (one Lua script: `PTTL`, `GETRANGE` of the stamp, `GET` only when it differs),
 * and concurrent reads of one key share one round trip and one parse; while Redis is away,
 * copies are served until their TTL ends. `deletePrefix` walks
 * the keyspace with `SCAN MATCH prefix*` (on a cluster: of every master) and unlinks what it
 * finds: O(keys) but only after writes, which are rare next to reads. Every command names
 * one key, so on a Redis Cluster entries spread over the masters untagged. Redis being away
 * never fails a request: reads miss, writes are lost.
 */
export class RedisResponseCache implements ResponseCache {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #ownsClient: boolean;
  readonly #onError: (error: unknown) => void;
  readonly #confirmEveryMs: number;
  readonly #local: LRUCache<string, LocalCopy> | undefined;
  /** Reads of Redis in flight, per key, so concurrent misses share one. */
  readonly #reading = new Map<string, Promise<unknown>>();
  /** Bumped by `deletePrefix` (before and after unlinking): a read that began before must not keep what it read. */
  #deletions = 0;
  /** Bumped by `reconfirmLocalCopies`. */
  #round = 0;

  constructor(options: RedisResponseCacheOptions) {
    this.#redis = options.redis;
    this.#prefix = options.keyPrefix ?? 'sessions-gateway:cache:';
    this.#ownsClient = options.ownsClient ?? false;
    this.#onError = options.onError ?? (() => undefined);
    this.#confirmEveryMs = options.confirmEveryMs ?? 1_000;
    this.#local =
      this.#confirmEveryMs > 0
        ? new LRUCache({ max: options.localMaxEntries ?? 1_000, maxSize: options.localMaxSize ?? 64 * 1_048_576, sizeCalculation: (copy) => copy.size })
        : undefined;
  }

  async get(key: string): Promise<unknown | undefined> {
    const now = Date.now();
    let copy = this.#local?.get(key);
    if (copy && now >= copy.expiresAt) {
      this.#local?.delete(key);
      copy = undefined;
    }
    if (copy && now - copy.checkedAt < this.#confirmEveryMs && copy.round === this.#round) return copy.value;
    const pending = this.#reading.get(key);
    if (pending) return pending;
    const read = this.#read(key, copy).finally(() => {
      if (this.#reading.get(key) === read) this.#reading.delete(key);
    });
    this.#reading.set(key, read);
    return read;
  }

  /** Reads `key` from Redis, or confirms `copy` by its stamp; keeps the result locally unless a write came between. */
  async #read(key: string, copy: LocalCopy | undefined): Promise<unknown | undefined> {
    const deletions = this.#deletions;
    const round = this.#round;
    const unchanged = () => this.#deletions === deletions && this.#local?.peek(key) === copy;
    try {
      const reply = (await this.#redis.eval(READ_SCRIPT, 1, this.#prefix + key, copy?.stamp ?? '')) as ReadReply;
      const now = Date.now();
      if (reply[0] === 0) {
        if (copy && unchanged()) this.#local?.delete(key);
        return undefined;
      }
      const expiresAt = reply[1] >= 0 ? now + reply[1] : Infinity;
      if (reply[0] === 1 && copy) {
        if (unchanged()) Object.assign(copy, { checkedAt: now, expiresAt, round });
        return copy.value;
      }
      const text = reply[2] ?? '';
      const stamp = stampOf(text);
      const json = stamp ? text.slice(STAMP_LENGTH) : text;
      const value = JSON.parse(json) as unknown;
      if (unchanged()) this.#local?.set(key, { value, stamp, size: Math.max(1, json.length), checkedAt: now, expiresAt, round });
      return value;
    } catch (error) {
      this.#onError(error);
      // Redis away: a copy still within its TTL is served rather than sent upstream, so an
      // outage does not turn every read into a provider call (and spend its budget).
      return copy && Date.now() < copy.expiresAt ? copy.value : undefined;
    }
  }

  async set(key: string, value: unknown, ttlMs: number, size?: number): Promise<void> {
    if (!(ttlMs > 0)) return;
    const stamp = newStamp();
    const json = JSON.stringify(value);
    const now = Date.now();
    // A read of the older value still in flight must not be joined by later readers.
    this.#reading.delete(key);
    this.#local?.set(key, { value, stamp, size: Math.max(1, size ?? json.length), checkedAt: now, expiresAt: now + ttlMs, round: this.#round });
    try {
      await this.#redis.set(this.#prefix + key, stamp + json, 'PX', Math.ceil(ttlMs));
    } catch (error) {
      this.#onError(error);
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    this.#forgetLocally(prefix);
    try {
      await unlinkMatching(this.#redis, `${globLiteral(this.#prefix + prefix)}*`);
    } catch (error) {
      this.#onError(error);
    }
    // Reads that ran while the keys were being unlinked may have seen them: not kept either.
    this.#forgetLocally(prefix);
  }

  /**
   * Every local copy is confirmed with Redis (by its stamp: a few bytes unless it changed)
   * before it is served again. Called when another replica is known to have changed or
   * dropped entries (the whole-response cache's invalidations), so that no answer is built
   * from a copy older than that change.
   */
  reconfirmLocalCopies(): void {
    this.#round += 1;
    // Reads already sent may answer with what was there before: not joined any more.
    this.#reading.clear();
  }

  #forgetLocally(prefix: string): void {
    this.#deletions += 1;
    for (const key of [...this.#reading.keys()]) if (key.startsWith(prefix)) this.#reading.delete(key);
    if (this.#local) for (const key of [...this.#local.keys()]) if (key.startsWith(prefix)) this.#local.delete(key);
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}
