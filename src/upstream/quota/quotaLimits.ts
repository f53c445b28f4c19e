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
  /**
   * Paces the day's budget so that it lasts the day: while the day's count is ahead of
   * `paceAllowance` (this share of the limit, plus the rest of it short of the reserve in
   * proportion to the part of the day gone), cached answers are served stale rather than
   * refreshed; misses still go upstream. null: no pacing, only the reserve.
   */
  paceBurstPercent: number | null;
}

export const UNLIMITED: QuotaLimits = { perDay: 0, perMinute: 0, reservePercent: 0, paceBurstPercent: null };

/**
 * The calls the day's pace allows once `elapsedShare` (0–1) of the day has gone: the burst
 * at once, then the rest of the budget short of the reserve, evenly.
 */
export function paceAllowance(limit: number, reservePercent: number, burstPercent: number, elapsedShare: number): number {
  const spendable = limit - reserveOf(limit, reservePercent);
  const burst = Math.min(spendable, Math.ceil((limit * burstPercent) / 100));
  return burst + (spendable - burst) * Math.min(1, Math.max(0, elapsedShare));
}

/** The reserve of one limit, in calls. */
export function reserveOf(limit: number, reservePercent: number): number {
  return limit > 0 ? Math.min(limit, Math.ceil((limit * reservePercent) / 100)) : 0;
}
