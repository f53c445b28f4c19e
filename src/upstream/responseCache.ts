import { LRUCache } from 'lru-cache';

/**
 * The shared upstream response cache: one per process, keyed by the exact upstream request
 * and the credential's identity (see `cacheKey`). Only successful, validated payloads are
 * stored; errors never are.
 */
export interface ResponseCache {
  get(key: string): Promise<unknown | undefined>;
  /** `size`: the value's weight in process memory, e.g. the length of the JSON it was parsed from. */
  set(key: string, value: unknown, ttlMs: number, size?: number): Promise<void>;
  /** Drops every entry whose key starts with `prefix` (used after writes). */
  deletePrefix(prefix: string): Promise<void>;
  /** Releases connections (Redis); the gateway calls it on stop. */
  close?(): Promise<void>;
}

export interface MemoryResponseCacheOptions {
  /** Maximum number of cached upstream responses. */
  maxEntries?: number;
  /**
   * Maximum total weight: the sum of the entries' `size` (the JSON text they were parsed
   * from; a value set without one weighs its string length, else 1 KiB). The least
   * recently used entries go first; an entry heavier than the whole budget is not kept.
   */
  maxSize?: number;
}

/** Weight of a value set without a size: a string's length, anything else 1 KiB. */
const fallbackSize = (value: unknown) => (typeof value === 'string' ? Math.max(1, value.length) : 1_024);

/** An in-process LRU with per-entry TTL, bounded by entries and by weight (lru-cache). */
export class MemoryResponseCache implements ResponseCache {
  readonly #lru: LRUCache<string, { value: unknown; size: number }>;

  constructor(options: MemoryResponseCacheOptions = {}) {
    this.#lru = new LRUCache({
      max: options.maxEntries ?? 5_000,
      maxSize: options.maxSize ?? 64 * 1_048_576,
      sizeCalculation: (entry) => entry.size,
      ttlAutopurge: false,
    });
  }

  async get(key: string): Promise<unknown | undefined> {
    return this.#lru.get(key)?.value;
  }

  async set(key: string, value: unknown, ttlMs: number, size?: number): Promise<void> {
    if (ttlMs > 0) this.#lru.set(key, { value, size: size !== undefined && size > 0 ? size : fallbackSize(value) }, { ttl: ttlMs });
  }

  /** Entries and their total weight (tests, metrics). */
  get usage(): { entries: number; size: number } {
    return { entries: this.#lru.size, size: this.#lru.calculatedSize };
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of this.#lru.keys()) if (key.startsWith(prefix)) this.#lru.delete(key);
  }
}
