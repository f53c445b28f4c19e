/** One provider's request budget per credential. */
export interface QuotaLimits {
  /** Calls per UTC day; 0 = unlimited. */
  perDay: number;
  /** Calls per clock minute; 0 = unlimited. */
  perMinute: number;
  /**
   * Share of each limit (percent) kept back: once only this much is left, cached answers
   * are served stale rather than refreshed, and only cache misses may spend it.
   */
  reservePercent: number;
}

export const UNLIMITED: QuotaLimits = { perDay: 0, perMinute: 0, reservePercent: 0 };

/** The reserve of one limit, in calls. */
export function reserveOf(limit: number, reservePercent: number): number {
  return limit > 0 ? Math.min(limit, Math.ceil((limit * reservePercent) / 100)) : 0;
}
