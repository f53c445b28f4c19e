import { describe, expect, it } from 'vitest';

import { MemoryQuotaCounter, QuotaGuard } from '../../src/upstream/quota/index.js';
import { paceAllowance } from '../../src/upstream/quota/quotaLimits.js';

// Pacing: the day's budget is spread over the day. A guard on a fake clock is asked, as the
// shared cache asks it, whether to refresh a cached answer (`low` says serve it stale) by a
// demand far above what the budget allows; what it spends, hour by hour, is the point.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MIDNIGHT = Date.UTC(2026, 11, 1);

function pacedGuard(limits: { perDay: number; reservePercent: number; paceBurstPercent: number | null }, clock: { now: number }) {
  return new QuotaGuard({
    provider: 'guidebook',
    credentialId: 'test',
    limits: { perMinute: 0, ...limits },
    counter: new MemoryQuotaCounter(() => clock.now),
    now: () => clock.now,
  });
}

/** One refresh attempt a minute per client for `hours`, from `startHour`: returns the calls spent per hour. */
async function refreshAllDay(guard: QuotaGuard, clock: { now: number }, clients: number, hours = 24, startHour = 0): Promise<number[]> {
  const spent: number[] = [];
  for (let hour = startHour; hour < startHour + hours; hour += 1) {
    let calls = 0;
    for (let minute = 0; minute < 60; minute += 1) {
      clock.now = MIDNIGHT + hour * HOUR_MS + minute * 60_000;
      for (let client = 0; client < clients; client += 1) {
        if (guard.low) break; // the cache serves its stale copy instead
        await guard.take();
        calls += 1;
      }
    }
    spent.push(calls);
  }
  return spent;
}

describe('paceAllowance', () => {
  it('allows the burst at once, then the rest short of the reserve evenly over the day', () => {
    expect(paceAllowance(10_000, 5, 10, 0)).toBe(1_000);
    expect(paceAllowance(10_000, 5, 10, 0.5)).toBe(1_000 + 8_500 / 2);
    expect(paceAllowance(10_000, 5, 10, 1)).toBe(9_500);
    expect(paceAllowance(10_000, 5, 100, 0)).toBe(9_500); // a burst beyond the spendable part is capped
  });
});

describe('a paced day budget', () => {
  it('spreads a demand far above the budget over the whole day, within the budget', async () => {
    const clock = { now: MIDNIGHT };
    const guard = pacedGuard({ perDay: 10_000, reservePercent: 5, paceBurstPercent: 10 }, clock);
    const perHour = await refreshAllDay(guard, clock, 60); // 86,400 refreshes wanted
    const total = perHour.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(9_500);
    expect(total).toBeGreaterThan(9_000);
    expect(perHour[0]).toBeGreaterThan(1_000); // the burst, then the first hour's share
    // Every later hour gets its even share of the rest (8,500 / 24 ≈ 354), give or take one minute's demand.
    for (const calls of perHour.slice(1)) expect(Math.abs(calls - 8_500 / 24)).toBeLessThanOrEqual(20);
  });

  it('without pacing the same demand spends the budget by morning and only the reserve holds calls back', async () => {
    const clock = { now: MIDNIGHT };
    const guard = pacedGuard({ perDay: 10_000, reservePercent: 5, paceBurstPercent: null }, clock);
    const perHour = await refreshAllDay(guard, clock, 20);
    expect(perHour.slice(0, 9).reduce((a, b) => a + b, 0)).toBe(9_500);
    expect(perHour.slice(9).every((calls) => calls === 0)).toBe(true);
  });

  it('lets a gateway that starts late in the day spend what the day has left, then paces it', async () => {
    const clock = { now: MIDNIGHT + 18 * HOUR_MS };
    const guard = pacedGuard({ perDay: 10_000, reservePercent: 5, paceBurstPercent: 10 }, clock);
    const perHour = await refreshAllDay(guard, clock, 200, 6, 18);
    expect(perHour[0]).toBeGreaterThan(7_000); // the allowance accrued since midnight
    expect(perHour.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9_500);
  });

  it('refuses refreshes past the pace in the same step as the count, however many are decided at once; misses still pass', async () => {
    const clock = { now: MIDNIGHT + DAY_MS / 2 };
    const guard = pacedGuard({ perDay: 1_000, reservePercent: 5, paceBurstPercent: 10 }, clock);
    const allowance = Math.floor(paceAllowance(1_000, 5, 10, 0.5)); // 100 + 850 / 2 = 525
    for (let i = 0; i < allowance - 3; i += 1) await guard.take();
    expect(guard.low).toBe(false);
    // Eleven pages of a list found stale together: all decided before any count came back.
    const refreshes = await Promise.allSettled(Array.from({ length: 11 }, () => guard.take(true)));
    expect(refreshes.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = refreshes.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.every((r) => (r.reason as { extensions?: { code?: string } }).extensions?.code === 'UPSTREAM_RATE_LIMITED')).toBe(true);
    expect(String((refused[0]!.reason as Error).message)).toMatch(/at its reserve or its pace \(525 of 1000 calls\)/);
    expect(guard.low).toBe(true);
    await expect(guard.take()).resolves.toBeUndefined(); // a miss is not held to the pace
    const [day] = await guard.snapshot();
    expect(day).toMatchObject({ used: allowance + 1, refused: 8 });
  });

  it('keeps refreshes out of the reserve in the same way when pacing is off', async () => {
    const clock = { now: MIDNIGHT };
    const guard = pacedGuard({ perDay: 100, reservePercent: 10, paceBurstPercent: null }, clock);
    for (let i = 0; i < 88; i += 1) await guard.take();
    const refreshes = await Promise.allSettled(Array.from({ length: 5 }, () => guard.take(true)));
    expect(refreshes.filter((r) => r.status === 'fulfilled')).toHaveLength(2); // up to 90 = 100 − the reserve of 10
    await expect(guard.take()).resolves.toBeUndefined();
  });

  it('shows the allowance and ahead-of-pace as low in its snapshot', async () => {
    const clock = { now: MIDNIGHT + DAY_MS / 2 };
    const guard = pacedGuard({ perDay: 100, reservePercent: 0, paceBurstPercent: 0 }, clock);
    for (let i = 0; i < 50; i += 1) await guard.take();
    const [day, minute] = await guard.snapshot();
    expect(day).toMatchObject({ window: 'day', used: 50, remaining: 50, paceAllowance: 50, low: true });
    expect(minute).toMatchObject({ window: 'minute', paceAllowance: null, low: false });
    clock.now += HOUR_MS; // the pace moves on
    expect(guard.low).toBe(false);
  });
});
