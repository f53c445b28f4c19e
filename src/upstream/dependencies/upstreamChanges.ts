/**
 * Who is told when what the upstream cache holds changes, so that what was built from it
 * (the whole-response cache) dies with it. Implementations never throw and may be slow
 * (Redis): the upstream client awaits `changedUnder` after a write before it answers, so a
 * write's effect is visible to the caller that made it at once.
 */
export interface UpstreamChanges {
  /**
   * The entry under `key` was refreshed with different content (`previousKnown`), or was
   * fetched anew without the previous content at hand (evicted, expired): answers built
   * from it are dropped (in the second case, only where any are known).
   */
  changed(key: string, previousKnown: boolean): Promise<void>;
  /** Every entry whose key starts with one of `prefixes` may have changed (a write): answers built from any are dropped. */
  changedUnder(prefixes: readonly string[]): Promise<void>;
}
