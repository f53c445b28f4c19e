import type { QuotaCounter, QuotaTake, QuotaWindow } from './quotaCounter.js';

/** Per-process quota counters (no Redis): each replica then has its own budget. */
export class MemoryQuotaCounter implements QuotaCounter {
  readonly #counts = new Map<string, { count: number; expiresAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async take(budget: string, windows: readonly QuotaWindow[]): Promise<QuotaTake> {
    const counts = this.#countsOf(budget, windows);
    if (windows.some((w, i) => w.limit > 0 && counts[i]! >= w.limit)) return { allowed: false, counts };
    const now = this.#now();
    const after = windows.map((w, i) => {
      const count = counts[i]! + 1;
      this.#counts.set(`${budget}:${w.key}`, { count, expiresAt: now + w.ttlMs });
      return count;
    });
    this.#sweep(now);
    return { allowed: true, counts: after };
  }

  async read(budget: string, windows: readonly QuotaWindow[]): Promise<number[]> {
    return this.#countsOf(budget, windows);
  }

  #countsOf(budget: string, windows: readonly QuotaWindow[]): number[] {
    const now = this.#now();
    return windows.map((w) => {
      const entry = this.#counts.get(`${budget}:${w.key}`);
      return entry && entry.expiresAt > now ? entry.count : 0;
    });
  }

  #sweep(now: number): void {
    // Periods roll over every minute; drop the dead ones now and then.
    if (this.#counts.size < 256) return;
    for (const [key, entry] of this.#counts) if (entry.expiresAt <= now) this.#counts.delete(key);
  }
}
