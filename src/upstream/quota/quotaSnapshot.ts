import type { ProviderName } from '../../providers.js';

/** One budget window as it stands: what metrics export. */
export interface QuotaSnapshot {
  provider: ProviderName;
  /** Identifies the credential (a hash prefix; never the credential itself). */
  credential: string;
  window: 'day' | 'minute';
  /** 0 = unlimited. */
  limit: number;
  /** Calls counted in the current window (by every replica sharing the counters). */
  used: number;
  /** `limit - used` (never below 0); null when unlimited. */
  remaining: number | null;
  /** Calls kept back for cache misses. */
  reserve: number;
  /** Day window with pacing: the calls the pace allows by now; null otherwise. */
  paceAllowance: number | null;
  /** True once `remaining <= reserve` or `used >= paceAllowance`: cached answers are then served stale. */
  low: boolean;
  /** Calls this process refused since it started (all windows of the budget). */
  refused: number;
  /** When the current window ends (ISO 8601). */
  resetsAt: string;
  /** Replicas sharing the counters, this one included, as last seen (1 without Redis). */
  replicas: number;
  /** True while Redis is away: `used` is this replica's estimate (see RedisQuotaCounter). */
  estimated: boolean;
}
