import type { ResponseCache } from '../responseCache.js';

/**
 * Apollo's `KeyValueCache<string>` (the shape its automatic persisted queries store uses)
 * over our ResponseCache, under a key prefix, so APQ lives in the same memory LRU or Redis
 * as the upstream responses and replicas share registered queries.
 */
export class ResponseCacheKeyValue {
  readonly #cache: ResponseCache;
  readonly #prefix: string;
  readonly #defaultTtlMs: number;

  /** `defaultTtlMs` applies when Apollo passes no TTL (or `null`, meaning "forever"). */
  constructor(cache: ResponseCache, prefix: string, defaultTtlMs: number) {
    this.#cache = cache;
    this.#prefix = prefix;
    this.#defaultTtlMs = defaultTtlMs;
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.#cache.get(this.#prefix + key);
    return typeof value === 'string' ? value : undefined;
  }

  /** Apollo's `ttl` is in seconds. */
  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttlMs = typeof options?.ttl === 'number' && options.ttl > 0 ? options.ttl * 1000 : this.#defaultTtlMs;
    await this.#cache.set(this.#prefix + key, value, ttlMs);
  }

  async delete(key: string): Promise<boolean> {
    await this.#cache.deletePrefix(this.#prefix + key);
    return true;
  }
}
