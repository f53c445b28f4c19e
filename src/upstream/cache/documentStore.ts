import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Apollo's parsed-and-validated document cache (`documentStore`), bounded by entry count:
 * a repeated operation skips parsing and validation. Per process — documents are not JSON.
 */
export class DocumentStore {
  readonly #lru: LRUCache<string, DocumentNode>;

  constructor(maxEntries: number) {
    this.#lru = new LRUCache({ max: Math.max(1, maxEntries) });
  }

  async get(key: string): Promise<DocumentNode | undefined> {
    return this.#lru.get(key);
  }

  async set(key: string, value: DocumentNode): Promise<void> {
    this.#lru.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.#lru.delete(key);
  }

  get size(): number {
    return this.#lru.size;
  }
}
