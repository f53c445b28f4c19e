import { ErrorCode, UpstreamError } from '../../errors/index.js';
import type { ProviderName } from '../../providers.js';
import { providerLabel } from '../classifyFailure.js';
import type { QuotaCounter, QuotaWindow } from './quotaCounter.js';
import { paceAllowance, reserveOf, type QuotaLimits } from './quotaLimits.js';
import type { QuotaSnapshot } from './quotaSnapshot.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface QuotaGuardOptions {
  provider: ProviderName;
  /** Identifies the credential (hash prefix). */
  credentialId: string;
  limits: QuotaLimits;
  counter: QuotaCounter;
  now?: () => number;
}

interface Period {
  name: 'day' | 'minute';
  window: QuotaWindow;
  endsAt: number;
}

/**
 * The request budget of one provider and credential, per UTC day and per clock minute.
 * `take()` counts one upstream attempt (atomically, in counters every replica shares when
 * Redis is configured) or refuses it with UPSTREAM_RATE_LIMITED when a window is spent.
 * `low` tells the cache to serve stale answers rather than spend the reserve, or spend the
 * day's budget faster than the day goes (`QuotaLimits.paceBurstPercent`): a busy morning
 * must not leave the afternoon with nothing but stale answers and refused misses.
 */
export class QuotaGuard {
  readonly provider: ProviderName;
  readonly credentialId: string;
  readonly limits: QuotaLimits;
  readonly #counter: QuotaCounter;
  readonly #now: () => number;
  /** Last counts seen per window key (this replica's view between takes). */
  #seen = new Map<string, number>();
  /** Whether `#seen` holds the counter's estimates (Redis away) rather than shared counts. */
  #seenEstimated = false;
  #refused = 0;

  constructor(options: QuotaGuardOptions) {
    this.provider = options.provider;
    this.credentialId = options.credentialId;
    this.limits = options.limits;
    this.#counter = options.counter;
    this.#now = options.now ?? Date.now;
  }

  get #budget(): string {
    return `${this.provider}:${this.credentialId}`;
  }

  /**
   * Counts one upstream attempt, or throws UPSTREAM_RATE_LIMITED without counting. A
   * `refresh` renews an answer the cache still holds, so it may spend neither the reserve nor
   * ahead of the day's pace; that is checked in the same atomic step as the count, so that
   * refreshes decided at once — a list's pages, or several replicas — cannot overshoot the
   * pace together, as checking `low` beforehand alone lets them.
   */
  async take(refresh = false): Promise<void> {
    const periods = this.#periods();
    const windows = periods.map((p) => (refresh ? this.#refreshWindow(p) : p.window));
    const { allowed, counts } = await this.#counter.take(this.#budget, windows);
    this.#remember(periods, counts);
    if (!allowed) throw this.#refusal(periods, counts, windows);
  }

  /** `period`'s window for a refresh: its limit lowered to the reserve and the pace (0 stays unlimited). */
  #refreshWindow(period: Period): QuotaWindow {
    const { limit } = period.window;
    if (limit <= 0) return period.window;
    const ceiling = Math.min(limit - reserveOf(limit, this.limits.reservePercent), Math.floor(this.#allowance(period)));
    return { ...period.window, limit: Math.max(1, ceiling) };
  }

  /**
   * Throws UPSTREAM_RATE_LIMITED if this replica already knows a window is spent (no I/O).
   * Estimated counts are not knowledge: the counter decides, and learns the shared counts
   * again as soon as Redis answers.
   */
  assertAvailable(): void {
    if (this.#seenEstimated) return;
    const periods = this.#periods();
    const counts = periods.map((p) => this.#seen.get(p.window.key) ?? 0);
    if (periods.some((p, i) => p.window.limit > 0 && counts[i]! >= p.window.limit)) throw this.#refusal(periods, counts);
  }

  /** True when some window is down to its reserve, or the day is ahead of its pace (as last seen by this replica). */
  get low(): boolean {
    return this.#periods().some((p) => {
      const { limit } = p.window;
      const used = this.#seen.get(p.window.key) ?? 0;
      return limit > 0 && (used >= limit - reserveOf(limit, this.limits.reservePercent) || used >= this.#allowance(p));
    });
  }

  /** What the pace allows of `period` by now; unlimited for the minute window and without pacing. */
  #allowance(period: Period): number {
    const burst = this.limits.paceBurstPercent;
    if (period.name !== 'day' || burst === null || period.window.limit <= 0) return Number.POSITIVE_INFINITY;
    return paceAllowance(period.window.limit, this.limits.reservePercent, burst, 1 - (period.endsAt - this.#now()) / DAY_MS);
  }

  /** Each window as it stands, read from the shared counters. */
  async snapshot(): Promise<QuotaSnapshot[]> {
    const periods = this.#periods();
    const counts = await this.#counter.read(
      this.#budget,
      periods.map((p) => p.window),
    );
    this.#remember(periods, counts);
    const { replicas, estimated } = this.#counter.status?.() ?? { replicas: 1, estimated: false };
    return periods.map((p, i) => {
      const { limit } = p.window;
      const used = counts[i] ?? 0;
      const reserve = reserveOf(limit, this.limits.reservePercent);
      const remaining = limit > 0 ? Math.max(0, limit - used) : null;
      const allowance = this.#allowance(p);
      return {
        provider: this.provider,
        credential: this.credentialId,
        window: p.name,
        limit,
        used,
        remaining,
        reserve,
        paceAllowance: Number.isFinite(allowance) ? Math.floor(allowance) : null,
        low: remaining !== null && (remaining <= reserve || used >= allowance),
        refused: this.#refused,
        resetsAt: new Date(p.endsAt).toISOString(),
        replicas,
        estimated,
      };
    });
  }

  #periods(): Period[] {
    const now = this.#now();
    const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
    const minute = Math.floor(now / MINUTE_MS);
    return [
      {
        name: 'day',
        window: { key: `d:${new Date(dayStart).toISOString().slice(0, 10)}`, limit: this.limits.perDay, ttlMs: dayStart + DAY_MS - now + 3_600_000 },
        endsAt: dayStart + DAY_MS,
      },
      { name: 'minute', window: { key: `m:${minute}`, limit: this.limits.perMinute, ttlMs: 2 * MINUTE_MS }, endsAt: (minute + 1) * MINUTE_MS },
    ];
  }

  /**
   * Keeps the highest count seen per window (answers to concurrent takes arrive in any
   * order), except that shared counts replace estimates: an estimate may be above what the
   * replicas really spent while Redis was away.
   */
  #remember(periods: Period[], counts: number[]): void {
    const estimated = this.#counter.status?.().estimated ?? false;
    const seen = new Map<string, number>();
    periods.forEach((p, i) => {
      const before = this.#seenEstimated && !estimated ? 0 : (this.#seen.get(p.window.key) ?? 0);
      seen.set(p.window.key, Math.max(counts[i] ?? 0, before));
    });
    this.#seen = seen;
    this.#seenEstimated = estimated;
  }

  #refusal(periods: Period[], counts: number[], windows: readonly QuotaWindow[] = periods.map((p) => p.window)): UpstreamError {
    this.#refused += 1;
    const at = Math.max(
      0,
      windows.findIndex((w, i) => w.limit > 0 && counts[i]! >= w.limit),
    );
    const spent = periods[at]!;
    const retryAfter = Math.max(1, Math.ceil((spent.endsAt - this.#now()) / 1000));
    const what =
      windows[at]!.limit < spent.window.limit
        ? `is at its reserve or its pace (${windows[at]!.limit} of ${spent.window.limit} calls)`
        : `is spent (${spent.window.limit} calls)`;
    return new UpstreamError(`The gateway's ${providerLabel(this.provider)} request budget for this ${spent.name} ${what}. Try again in ${retryAfter} s.`, {
      provider: this.provider,
      code: ErrorCode.UPSTREAM_RATE_LIMITED,
      retryAfter,
    });
  }
}
