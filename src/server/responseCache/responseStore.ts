import type { StoredResponse } from './storedResponse.js';

/** What a look-up found: the answer (if any), and the invalidation epoch to hand back to `store`. */
export interface ResponseLookup {
  hit: StoredResponse | undefined;
  /** Undefined when the store cannot tell (Redis away): nothing is stored then. */
  epoch: number | undefined;
}

/**
 * Where whole answers are kept, with the index from each upstream cache key to the answers
 * built from it.
 *
 * The guarantee, whatever the store: an answer is never served after an invalidation of
 * any upstream key it was built from has returned. `store` keeps an answer only if no
 * invalidation at all happened since the `lookup` that preceded its execution (the epoch):
 * an execution that may have read what an invalidation was dropping is not kept.
 */
export interface ResponseStore {
  readonly kind: 'memory' | 'redis';
  lookup(key: string): Promise<ResponseLookup>;
  /**
   * The answer under `key` when this process holds it (without Redis: the store; with it:
   * the local front) — what `lookup` would answer first, without waiting. For the hit path.
   */
  peek(key: string): StoredResponse | undefined;
  /** Keeps `response` until its `expiresAt` unless the epoch moved since `epoch` (see above). Never throws. */
  store(key: string, response: StoredResponse, epoch: number | undefined): Promise<void>;
  /**
   * Drops the answers built from any of `keys`. `onlyIfKnown`: the caller does not know
   * whether the entries changed (fetched anew after an eviction), so nothing happens for a
   * key no answer is known to depend on.
   */
  invalidateKeys(keys: readonly string[], onlyIfKnown: boolean): Promise<void>;
  /** Drops the answers built from any upstream key starting with one of `prefixes`. */
  invalidatePrefixes(prefixes: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
