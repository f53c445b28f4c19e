import { LRUCache } from 'lru-cache';

import type { ResponseLookup, ResponseStore } from './responseStore.js';
import { storedWeight, type StoredResponse } from './storedResponse.js';

export interface MemoryResponseStoreOptions {
  /** Most answers kept. */
  maxEntries: number;
  /** Most characters kept (bodies and their dependency lists); least recently used first out. */
  maxSize: number;
}

/**
 * Whole answers in process memory: an LRU bounded by entries and weight, each entry with
 * its own TTL, and the index upstream key → answers (kept in step with the LRU: an answer
 * leaving it, for whatever reason, leaves the index). Also the local front of the Redis
 * store (`put`, `forget…`).
 */
export class MemoryResponseStore implements ResponseStore {
  readonly kind = 'memory';
  readonly #lru: LRUCache<string, StoredResponse>;
  readonly #index = new Map<string, Set<string>>();
  #epoch = 0;

  constructor({ maxEntries, maxSize }: MemoryResponseStoreOptions) {
    this.#lru = new LRUCache<string, StoredResponse>({
      max: Math.max(1, maxEntries),
      maxSize: Math.max(1, maxSize),
      sizeCalculation: storedWeight,
      ttlAutopurge: false,
      dispose: (response, key) => this.#unindex(key, response),
    });
  }

  async lookup(key: string): Promise<ResponseLookup> {
    return { hit: this.get(key), epoch: this.#epoch };
  }

  peek(key: string): StoredResponse | undefined {
    return this.get(key);
  }

  /** The answer under `key`, if kept and not expired. */
  get(key: string): StoredResponse | undefined {
    const response = this.#lru.get(key);
    if (response && response.expiresAt <= Date.now()) {
      this.#lru.delete(key);
      return undefined;
    }
    return response;
  }

  async store(key: string, response: StoredResponse, epoch: number | undefined): Promise<void> {
    if (epoch === this.#epoch) this.put(key, response, response.expiresAt - Date.now());
  }

  /** Keeps `response` for `ttlMs` (at most until its `expiresAt`), whatever the epoch. */
  put(key: string, response: StoredResponse, ttlMs: number): void {
    const ttl = Math.min(ttlMs, response.expiresAt - Date.now());
    if (!(ttl > 0)) return;
    this.#lru.set(key, response, { ttl });
    // An answer heavier than the whole budget is not kept: not indexed either.
    if (this.#lru.peek(key) !== response) return;
    for (const dep of response.deps) {
      let keys = this.#index.get(dep);
      if (!keys) this.#index.set(dep, (keys = new Set()));
      keys.add(key);
    }
  }

  async invalidateKeys(keys: readonly string[], onlyIfKnown: boolean): Promise<void> {
    const known = keys.filter((key) => this.#index.has(key));
    if (onlyIfKnown && known.length === 0) return;
    this.#epoch += 1;
    this.forgetKeys(known);
  }

  async invalidatePrefixes(prefixes: readonly string[]): Promise<void> {
    this.#epoch += 1;
    this.forgetPrefixes(prefixes);
  }

  /** Drops the answers built from `keys` (no epoch: the front of a shared store). */
  forgetKeys(keys: readonly string[]): void {
    for (const key of keys) for (const answer of [...(this.#index.get(key) ?? [])]) this.#lru.delete(answer);
  }

  /** Drops the answers built from any key under `prefixes`. */
  forgetPrefixes(prefixes: readonly string[]): void {
    const matching = [...this.#index.keys()].filter((key) => prefixes.some((prefix) => key.startsWith(prefix)));
    this.forgetKeys(matching);
  }

  /** Drops everything. */
  clear(): void {
    this.#lru.clear();
    this.#index.clear();
  }

  /** Answers kept and their total weight (tests). */
  get usage(): { entries: number; size: number } {
    return { entries: this.#lru.size, size: this.#lru.calculatedSize };
  }

  async close(): Promise<void> {
    this.clear();
  }

  #unindex(key: string, response: StoredResponse): void {
    for (const dep of response.deps) {
      const keys = this.#index.get(dep);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.#index.delete(dep);
    }
  }
}
