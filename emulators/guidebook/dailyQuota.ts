/**
 * The account-wide limit of 10,000 requests per UTC day [V `_rate_limits.md`], kept per API
 * key. A refused request is not counted, as with DRF's throttles.
 */
export class DailyQuota {
  readonly #limit: number;
  #used = new Map<string, { day: string; count: number }>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Counts one request; returns undefined when allowed, else the seconds to wait (until next UTC midnight). */
  take(key: string, nowMs: number): number | undefined {
    const day = new Date(nowMs).toISOString().slice(0, 10);
    const entry = this.#used.get(key);
    const count = entry?.day === day ? entry.count : 0;
    if (count >= this.#limit) return secondsToNextUtcMidnight(nowMs);
    this.#used.set(key, { day, count: count + 1 });
    return undefined;
  }

  /** Requests counted today for a key. */
  used(key: string, nowMs: number): number {
    const entry = this.#used.get(key);
    return entry?.day === new Date(nowMs).toISOString().slice(0, 10) ? entry.count : 0;
  }

  reset(): void {
    this.#used.clear();
  }
}

export function secondsToNextUtcMidnight(nowMs: number): number {
  const now = new Date(nowMs);
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - nowMs) / 1000));
}
