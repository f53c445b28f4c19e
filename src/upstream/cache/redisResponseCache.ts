import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { ResponseCache } from '../responseCache.js';

export interface RedisResponseCacheOptions {
  /** A connected (or connecting) ioredis client; the cache does not own it unless `ownsClient`. */
  redis: Redis;
  /** Prepended to every key, so one Redis can hold several deployments. Default `sessions-gateway:cache:`. */
  keyPrefix?: string;
  /** `close()` quits the client too. Default false. */
  ownsClient?: boolean;
  /** Told about Redis failures, which never fail a request (a failed read is a miss). */
  onError?: (error: unknown) => void;
  /**
   * Each replica keeps what it read or wrote for this long (ms) in a small local LRU, so a
   * hot entry costs no Redis round trip or JSON parse per request and the same object is
   * reused (per-object memos in the datasources keep working). Another replica's write
   * is seen after at most this long. 0 turns it off. Default 1,000.
   */
  localTtlMs?: number;
  /** Entries of the local LRU. Default 1,000. */
  localMaxEntries?: number;
}

/** Escapes the glob characters of a literal for `SCAN MATCH`. */
function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * The shared response cache in Redis, so several gateway replicas share one cache. Values
 * are JSON with a per-key expiry (`SET … PX`). `deletePrefix` walks the keyspace with
 * `SCAN MATCH prefix*` and unlinks what it finds: O(keys) but only after writes, which are
 * rare next to reads. Redis being away never fails a request: reads miss, writes are lost.
 */
export class RedisResponseCache implements ResponseCache {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #ownsClient: boolean;
  readonly #onError: (error: unknown) => void;
  readonly #local: LRUCache<string, { value: unknown }> | undefined;

  constructor(options: RedisResponseCacheOptions) {
    this.#redis = options.redis;
    this.#prefix = options.keyPrefix ?? 'sessions-gateway:cache:';
    this.#ownsClient = options.ownsClient ?? false;
    this.#onError = options.onError ?? (() => undefined);
    const localTtl = options.localTtlMs ?? 1_000;
    this.#local = localTtl > 0 ? new LRUCache({ max: options.localMaxEntries ?? 1_000, ttl: localTtl }) : undefined;
  }

  async get(key: string): Promise<unknown | undefined> {
    const local = this.#local?.get(key);
    if (local) return local.value;
    try {
      const text = await this.#redis.get(this.#prefix + key);
      if (text === null) return undefined;
      const value = JSON.parse(text) as unknown;
      this.#local?.set(key, { value });
      return value;
    } catch (error) {
      this.#onError(error);
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) return;
    this.#local?.set(key, { value }, { ttl: Math.min(ttlMs, this.#local.ttl) });
    try {
      await this.#redis.set(this.#prefix + key, JSON.stringify(value), 'PX', Math.ceil(ttlMs));
    } catch (error) {
      this.#onError(error);
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    if (this.#local) for (const key of [...this.#local.keys()]) if (key.startsWith(prefix)) this.#local.delete(key);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await this.#redis.scan(cursor, 'MATCH', `${globLiteral(this.#prefix + prefix)}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await this.#redis.unlink(...keys);
      } while (cursor !== '0');
    } catch (error) {
      this.#onError(error);
    }
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}
