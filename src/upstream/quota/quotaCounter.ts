/** One counting window of a budget: a key naming the period, its limit and how long to keep it. */
export interface QuotaWindow {
  /** Names this period, e.g. `d:2025-01-31` or `m:29012345`. */
  key: string;
  /** Calls allowed in the period; 0 = unlimited (still counted). */
  limit: number;
  /** How long the period's counter must live (at least until the period ends). */
  ttlMs: number;
}

/** The outcome of `take`: allowed or not, and each window's count afterwards. */
export interface QuotaTake {
  allowed: boolean;
  counts: number[];
}

/**
 * Counters of upstream calls per budget and window, shared by every replica that uses the
 * same store. `take` is atomic: it counts one call in every window, unless one of them is
 * already at its limit, in which case it counts nothing.
 */
export interface QuotaCounter {
  take(budget: string, windows: readonly QuotaWindow[]): Promise<QuotaTake>;
  /** Current counts, without counting. */
  read(budget: string, windows: readonly QuotaWindow[]): Promise<number[]>;
  /** Stops any background work (on gateway stop). */
  close?(): void;
  /** How the counts are shared; without it, by this process alone and always exact. */
  status?(): QuotaCounterStatus;
}

export interface QuotaCounterStatus {
  /** Replicas sharing the counters, this one included, as last seen. */
  replicas: number;
  /** True while the shared store is away: the counts are this replica's estimate. */
  estimated: boolean;
}
