import { ROUNDWARE_DEMO_TOKEN, ROUNDWARE_DOCS_TOKEN, ROUNDWARE_PROJECTS } from '@sessions-gateway/emulators/roundware';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { MemoryResponseCache } from '../../src/upstream/index.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { clientSessions, HOME_PAGE, roundwareGets, sleep, waitFor } from './helpers.js';

// The shared response cache and in-flight coalescing, over real loopback HTTP against the
// emulators. Counts come from the emulators' request logs.

const PROJECT = ROUNDWARE_PROJECTS[0]!.id;
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ env: { ROUNDWARE_CACHE_TTL_MS: '60000' } });
});
afterAll(() => harness?.close());
afterEach(() => {
  harness.emulators.roundware.faults.clear();
  harness.emulators.roundware.setLatency({});
});

describe('shared response cache', () => {
  it('a repeated operation makes no upstream call', async () => {
    harness.resetLogs();
    const first = await harness.query(HOME_PAGE);
    expect(first.errors).toBeUndefined();
    const cold = harness.upstreamCalls();
    expect(cold.guidebook).toBeGreaterThan(0);
    expect(cold.planstone).toBeGreaterThan(0);
    harness.resetLogs();
    const second = await harness.query(HOME_PAGE);
    expect(second).toEqual(first);
    expect(harness.upstreamCalls().total).toBe(0);
  });

  it('never caches an error: the next operation asks again, and caches the success', async () => {
    // Failing until cleared, so whatever retry policy is wired gives up.
    harness.emulators.roundware.faults.add({ kind: 'status', status: 500, method: 'GET', route: '/sessions/' });
    harness.resetLogs();
    const failed = await clientSessions(harness, 9001);
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'roundware' });
    const attempts = roundwareGets(harness);
    expect(attempts).toBeGreaterThan(0);
    harness.emulators.roundware.faults.clear();
    const retried = await clientSessions(harness, 9001);
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.clientSessions).not.toBeNull();
    expect(roundwareGets(harness)).toBe(attempts + 1);
    await clientSessions(harness, 9001);
    expect(roundwareGets(harness)).toBe(attempts + 1);
  });

  it('honours Cache-Control: no-store and max-age=0 from the provider', async () => {
    const body = await directSessions(harness, PROJECT);
    for (const cacheControl of ['no-store', 'max-age=0']) {
      harness.emulators.roundware.faults.add({
        kind: 'status',
        status: 200,
        method: 'GET',
        route: '/sessions/',
        body,
        headers: { 'cache-control': cacheControl },
        times: 2,
      });
      harness.resetLogs();
      const projectId = cacheControl === 'no-store' ? 9101 : 9102;
      const a = await clientSessions(harness, projectId);
      const b = await clientSessions(harness, projectId);
      expect(a.data?.clientSessions?.totalCount).toBe(body.length);
      expect(b.data).toEqual(a.data);
      expect(roundwareGets(harness)).toBe(2);
    }
    // The same read without the header is cached as usual.
    harness.resetLogs();
    await clientSessions(harness, 9103);
    await clientSessions(harness, 9103);
    expect(roundwareGets(harness)).toBe(1);
  });

  it('caps the TTL at the provider’s max-age', async () => {
    const body = await directSessions(harness, PROJECT);
    harness.emulators.roundware.faults.add({
      kind: 'status',
      status: 200,
      method: 'GET',
      route: '/sessions/',
      body,
      headers: { 'cache-control': 'max-age=1, must-revalidate' },
      times: 1,
    });
    harness.resetLogs();
    await clientSessions(harness, 9201);
    await clientSessions(harness, 9201);
    expect(roundwareGets(harness)).toBe(1);
    await sleep(1_100);
    // Past max-age with must-revalidate: no stale grace, so this caller waits for a new answer.
    await clientSessions(harness, 9201);
    expect(roundwareGets(harness)).toBe(2);
  });

  it('coalesces N concurrent identical operations into one upstream call', async () => {
    harness.emulators.roundware.setLatency({ fixedMs: 150 });
    harness.resetLogs();
    const answers = await Promise.all(Array.from({ length: 25 }, () => clientSessions(harness, 9301)));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.errors).toBeUndefined();
    expect(roundwareGets(harness)).toBe(1);
  });
});

describe('in-flight coalescing without a cache', () => {
  let uncached: Harness;
  beforeAll(async () => {
    uncached = await startHarness({ env: NO_CACHE_ENV });
  });
  afterAll(() => uncached?.close());

  it('10 concurrent home pages cost what one costs', async () => {
    for (const emulator of [uncached.emulators.guidebook, uncached.emulators.planstone]) emulator.setLatency({ fixedMs: 100 });
    uncached.resetLogs();
    await uncached.query(HOME_PAGE);
    const one = uncached.upstreamCalls();
    expect(one.total).toBeGreaterThan(0);
    uncached.resetLogs();
    const answers = await Promise.all(Array.from({ length: 10 }, () => uncached.query(HOME_PAGE)));
    expect(answers.every((a) => a.errors === undefined)).toBe(true);
    expect(uncached.upstreamCalls()).toEqual(one);
    uncached.resetLogs();
    // Without a cache, sequential operations each go upstream.
    await uncached.query(HOME_PAGE);
    expect(uncached.upstreamCalls()).toEqual(one);
  });
});

describe('stale-while-revalidate', () => {
  let swr: Harness;
  beforeAll(async () => {
    swr = await startHarness({ env: { ROUNDWARE_CACHE_TTL_MS: '800', CACHE_STALE_GRACE_MS: '60000' } });
  });
  afterAll(() => swr?.close());

  it('serves the stale answer to every caller while exactly one refresh runs, then the new one', async () => {
    const before = await clientSessions(swr, PROJECT);
    const count = before.data!.clientSessions!.totalCount;
    await createRoundwareSession(swr, PROJECT);
    await sleep(900);
    swr.emulators.roundware.setLatency({ fixedMs: 200 });
    swr.resetLogs();
    const stale = await Promise.all(Array.from({ length: 8 }, () => clientSessions(swr, PROJECT)));
    for (const answer of stale) expect(answer.data!.clientSessions!.totalCount).toBe(count);
    const fresh = await waitFor(async () => {
      const answer = await clientSessions(swr, PROJECT);
      return answer.data!.clientSessions!.totalCount === count + 1 ? answer : undefined;
    });
    expect(fresh.errors).toBeUndefined();
    expect(roundwareGets(swr)).toBe(1);
  });
});

describe('credential isolation', () => {
  it('two gateways with different credentials sharing one cache do not share entries', async () => {
    const cache = new MemoryResponseCache();
    const a = await startHarness({ gatewayOptions: { cache } });
    const b = await startHarness({ emulatorSet: a.emulators, gatewayOptions: { cache }, env: { ROUNDWARE_API_TOKEN: ROUNDWARE_DOCS_TOKEN } });
    const c = await startHarness({ emulatorSet: a.emulators, gatewayOptions: { cache }, env: { ROUNDWARE_API_TOKEN: ROUNDWARE_DEMO_TOKEN } });
    try {
      await clientSessions(a, PROJECT);
      a.resetLogs();
      const other = await clientSessions(b, PROJECT);
      expect(other.errors).toBeUndefined();
      expect(roundwareGets(a)).toBe(1);
      a.resetLogs();
      // The same credential on another gateway does share.
      await clientSessions(c, PROJECT);
      expect(roundwareGets(a)).toBe(0);
    } finally {
      await c.close();
      await b.close();
      await a.close();
    }
  });
});

/** The provider's own answer for a project (read directly, not through the gateway). */
async function directSessions(h: Harness, projectId: number): Promise<unknown[]> {
  const response = await request(`${h.emulators.roundware.baseUrl}sessions/?project_id=${projectId}`, {
    headers: { authorization: `token ${ROUNDWARE_DEMO_TOKEN}` },
  });
  return (await response.body.json()) as unknown[];
}

/** A new Roundware session written straight to the emulator (so the gateway's cache does not know). */
async function createRoundwareSession(h: Harness, projectId: number): Promise<void> {
  const response = await request(`${h.emulators.roundware.baseUrl}sessions/`, {
    method: 'POST',
    headers: { authorization: `token ${ROUNDWARE_DEMO_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ project_id: projectId, timezone: '+0100', client_system: 'bench' }),
  });
  expect(response.statusCode).toBe(200);
  await response.body.dump();
}
