import { LRUCache } from 'lru-cache';

/**
 * The shared upstream response cache: one per process, keyed by the exact upstream request
 * and the credential's identity (see `cacheKey`). Only successful, validated payloads are
 * stored; errors never are.
 */
export interface ResponseCache {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /** Drops every entry whose key starts with `prefix` (used after writes). */
  deletePrefix(prefix: string): Promise<void>;
  /** Releases connections (Redis); the gateway calls it on stop. */
  close?(): Promise<void>;
}

export interface MemoryResponseCacheOptions {
  /** Maximum number of cached upstream responses. */
  maxEntries?: number;
}

/** An in-process LRU with per-entry TTL (lru-cache). */
export class MemoryResponseCache implements ResponseCache {
  readonly #lru: LRUCache<string, { value: unknown }>;

  constructor(options: MemoryResponseCacheOptions = {}) {
    this.#lru = new LRUCache({ max: options.maxEntries ?? 5_000, ttlAutopurge: false });
  }

  async get(key: string): Promise<unknown | undefined> {
    return this.#lru.get(key)?.value;
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    if (ttlMs > 0) this.#lru.set(key, { value }, { ttl: ttlMs });
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of this.#lru.keys()) if (key.startsWith(prefix)) this.#lru.delete(key);
  }
}
