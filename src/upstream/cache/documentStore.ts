import type { DocumentNode, Token } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Heap bytes a parsed and validated document takes per source character and per token (measured with graphql 16). */
const BYTES_PER_CHARACTER = 2;
const BYTES_PER_TOKEN = 320;

/**
 * Estimated heap weight of a parsed document: its source text (kept by `loc`) and its
 * tokens, which the AST keeps as a linked list with one node per token or so. A 130-character
 * operation is about 11 KB; one of 3,000 tokens (GRAPHQL_MAX_TOKENS) about 1 MB.
 */
export function documentWeight(document: DocumentNode): number {
  const loc = document.loc;
  if (!loc) return 1_000;
  let tokens = 0;
  for (let token: Token | null = loc.startToken; token !== null; token = token.next) tokens += 1;
  return Math.max(1, loc.source.body.length * BYTES_PER_CHARACTER + tokens * BYTES_PER_TOKEN);
}

/**
 * Apollo's parsed-and-validated document cache (`documentStore`): a repeated operation
 * skips parsing and validation. Per process — documents are not JSON. Bounded by entry count
 * and by estimated heap weight (`documentWeight`): entries alone let 1,000 hostile documents
 * of 3,000 tokens each hold about 1 GB.
 */
export class DocumentStore {
  readonly #lru: LRUCache<string, DocumentNode>;

  constructor(maxEntries: number, maxBytes = 32 * 1_048_576) {
    this.#lru = new LRUCache({ max: Math.max(1, maxEntries), maxSize: Math.max(1, maxBytes), sizeCalculation: documentWeight });
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
