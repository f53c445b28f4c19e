/** How an UpstreamClient uses the shared cache, beyond the TTL each read passes. */
export interface CachingOptions {
  /**
   * After its TTL, an entry is still served for this long while one background request
   * refreshes it (stale-while-revalidate). 0 turns stale serving off.
   */
  staleGraceMs: number;
  /**
   * When the provider's request budget is low (see the quota guard), an entry is served
   * stale for up to this long after its TTL rather than spending the reserve. Entries are
   * kept in the cache for max(staleGraceMs, staleIfQuotaLowMs) after their TTL.
   */
  staleIfQuotaLowMs: number;
  /**
   * TTL per resource (the first path segment, e.g. `guides`, `schedule-tracks`,
   * `speakers`), overriding the TTL the read passes. A TTL of 0 means not cached.
   */
  ttlByResource: Readonly<Record<string, number>>;
}

export const DEFAULT_CACHING: CachingOptions = { staleGraceMs: 30_000, staleIfQuotaLowMs: 6 * 3_600_000, ttlByResource: {} };
