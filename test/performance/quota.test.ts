import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { quotaSnapshot } from '../../src/upstream/index.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { clientSessions, roundwareGets, sleep } from './helpers.js';

// The quota guard: a per-day budget of 4 Roundware calls with a reserve of 1 (25 %), a
// short TTL and no stale grace, so every step below is one decision of the guard. Pacing is
// off here (with it, the steps would depend on the time of day): test/unit/quotaPacing.test.ts.

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    env: { ROUNDWARE_QUOTA_PER_DAY: '4', QUOTA_RESERVE_PERCENT: '25', QUOTA_PACING: 'false', ROUNDWARE_CACHE_TTL_MS: '300', CACHE_STALE_GRACE_MS: '0' },
  });
});
afterAll(() => harness?.close());

describe('quota guard', () => {
  it('refreshes while the budget lasts, serves stale once it is low, spends the reserve only on misses, then refuses', async () => {
    harness.resetLogs();
    const first = await clientSessions(harness, 1);
    expect(first.errors).toBeUndefined();
    expect(roundwareGets(harness)).toBe(1); // used 1

    await sleep(350);
    await clientSessions(harness, 1); // expired, budget healthy: refreshed
    expect(roundwareGets(harness)).toBe(2); // used 2
    await clientSessions(harness, 2);
    expect(roundwareGets(harness)).toBe(3); // used 3: only the reserve is left

    await sleep(350);
    const stale = await clientSessions(harness, 1);
    expect(stale.errors).toBeUndefined();
    expect(stale.data).toEqual(first.data);
    expect(roundwareGets(harness)).toBe(3); // served stale rather than spend the reserve

    const miss = await clientSessions(harness, 3);
    expect(miss.errors).toBeUndefined();
    expect(roundwareGets(harness)).toBe(4); // a miss may spend the reserve

    const refused = await clientSessions(harness, 4);
    expect(refused.data?.clientSessions ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', provider: 'roundware' });
    expect(refused.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    expect(roundwareGets(harness)).toBe(4); // refused without calling

    // Still served from the cache, stale, even with the budget spent.
    const spent = await clientSessions(harness, 2);
    expect(spent.errors).toBeUndefined();
    expect(roundwareGets(harness)).toBe(4);
  });

  it('shows what is left: per gateway and process-wide', async () => {
    const rows = await harness.gateway.quotaSnapshot();
    const day = rows.find((r) => r.provider === 'roundware' && r.window === 'day');
    expect(day).toMatchObject({ limit: 4, used: 4, remaining: 0, reserve: 1, low: true });
    expect(day!.refused).toBeGreaterThanOrEqual(1);
    expect(Date.parse(day!.resetsAt)).toBeGreaterThan(Date.now());
    expect(rows.find((r) => r.provider === 'roundware' && r.window === 'minute')).toMatchObject({ limit: 0, remaining: null, low: false });
    expect(JSON.stringify(rows)).not.toContain('aed40ccd'); // never the credential
    const all = await quotaSnapshot();
    expect(all).toEqual(expect.arrayContaining([expect.objectContaining({ provider: 'roundware', window: 'day', used: 4 })]));
  });
});

describe('provider rate limits', () => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await startHarness({ env: { ROUNDWARE_CACHE_TTL_MS: '200', CACHE_STALE_GRACE_MS: '0' } });
  });
  afterAll(() => limited?.close());

  it('a 429 from the provider is met with the expired cached answer when there is one', async () => {
    const first = await clientSessions(limited, 1);
    await sleep(250);
    limited.emulators.roundware.faults.add({ kind: 'rate-limit', retryAfterSeconds: 30, method: 'GET', route: '/sessions/' });
    const stale = await clientSessions(limited, 1);
    expect(stale.errors).toBeUndefined();
    expect(stale.data).toEqual(first.data);
    const cold = await clientSessions(limited, 2);
    expect(cold.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', provider: 'roundware' });
  });
});
