import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/index.js';
import { checkReadiness } from '../../src/observability/readiness.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { captureLogLines } from '../support/logCapture.js';
import { getPath, sample } from './httpGet.js';

// Metrics, request ids on logs and upstream calls, health and readiness — against the
// emulators over loopback HTTP.

const { destination: capture, lines } = captureLogLines();

let harness: Harness;
beforeAll(async () => {
  // The response cache off: these tests count what each execution does (operations, upstream
  // cache hits, log lines), and a repeated operation would be answered without one.
  harness = await startHarness({ env: { LOG_LEVEL: 'debug', RESPONSE_CACHE: 'false' }, gatewayOptions: { logDestination: capture } });
});
afterAll(() => harness.close());

const HOME = 'query Home { sessions(first: 5) { totalCount edges { node { id name } } } }';

describe('GET /metrics', () => {
  it('counts operations by name and outcome, upstream calls by provider and route, and cache hits and misses', async () => {
    await harness.query(HOME);
    await harness.query(HOME);
    await harness.query('query Broken { session(id: "not-an-id") { id } }');
    await harness.query('{ nope }');
    const { status, contentType, text } = await getPath(harness.url, '/metrics');
    expect(status).toBe(200);
    expect(contentType).toContain('text/plain');
    expect(sample(text, 'gateway_operations_total', { operation: 'Home', type: 'query', outcome: 'success' })).toBe(2);
    expect(sample(text, 'gateway_operations_total', { operation: 'Broken', type: 'query', outcome: 'error' })).toBe(1);
    expect(sample(text, 'gateway_operations_total', { operation: '(invalid)', outcome: 'error' })).toBe(1);
    expect(sample(text, 'gateway_operation_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(text, 'gateway_operation_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    // The first Home read Guidebook's first page from the provider, the second from the cache.
    expect(sample(text, 'gateway_upstream_cache_total', { provider: 'guidebook', route: 'GET sessions/', result: 'miss' })).toBe(1);
    expect(sample(text, 'gateway_upstream_cache_total', { provider: 'guidebook', route: 'GET sessions/', result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'gateway_upstream_request_duration_seconds_count', { provider: 'guidebook', route: 'GET sessions/', status: '200' })).toBe(1);
    expect(
      sample(text, 'gateway_upstream_request_duration_seconds_count', { provider: 'planstone', route: 'GET sessions', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    // Breakers (resilience layer) and quota (performance layer) are read at scrape time.
    expect(sample(text, 'gateway_circuit_breaker_state', { provider: 'guidebook' })).toBe(0);
    expect(sample(text, 'gateway_upstream_quota_remaining', { provider: 'guidebook', window: 'day' })).toBeLessThan(10_000);
    // Paced: at least the burst (10 % of 10,000) is allowed at any time of day, at most the budget short of its reserve.
    expect(sample(text, 'gateway_upstream_quota_pace_allowance', { provider: 'guidebook', window: 'day' })).toBeGreaterThanOrEqual(1_000);
    expect(sample(text, 'gateway_upstream_quota_pace_allowance', { provider: 'guidebook', window: 'day' })).toBeLessThanOrEqual(9_500);
    // In process memory: one replica, exact counts.
    expect(sample(text, 'gateway_upstream_quota_replicas', { provider: 'guidebook', window: 'day' })).toBe(1);
    expect(sample(text, 'gateway_upstream_quota_estimated', { provider: 'guidebook', window: 'day' })).toBe(0);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('counts upstream errors by provider, route template and code, with ids replaced in the route', async () => {
    harness.emulators.roundware.faults.add({ kind: 'status', status: 500, route: '/sessions/:id/', times: 10 });
    const id = Buffer.from('ClientSession:roundware:1').toString('base64url');
    const result = await harness.query('query One($id: ID!) { node(id: $id) { id } }', { id });
    harness.emulators.roundware.faults.clear();
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    const { text } = await getPath(harness.url, '/metrics');
    expect(
      sample(text, 'gateway_upstream_errors_total', { provider: 'roundware', route: 'GET sessions/:id/', code: 'UPSTREAM_UNAVAILABLE' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'gateway_upstream_request_duration_seconds_count', { provider: 'roundware', route: 'GET sessions/:id/', status: '500' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'gateway_operations_total', { operation: 'One', type: 'query', outcome: 'error' })).toBe(1);
  });
});

describe('request ids', () => {
  it('echoes the caller’s x-request-id, sends it upstream, and puts it on every log line of the operation', async () => {
    harness.resetLogs();
    lines.length = 0;
    await harness.query('query Tracks { tracks(first: 3) { edges { node { name } } } }', {}, { 'x-request-id': 'ops-test-42' });
    const upstream = [harness.emulators.guidebook, harness.emulators.planstone].flatMap((e) => e.log.entries());
    expect(upstream.length).toBeGreaterThan(0);
    for (const entry of upstream) expect(entry.headers['x-request-id']).toBe('ops-test-42');
    const mine = lines.filter((line) => line.requestId === 'ops-test-42');
    expect(mine.map((line) => line.msg)).toContain('operation finished');
    expect(mine.map((line) => line.msg)).toContain('upstream call');
    // No line of this operation lacks the id.
    expect(lines.filter((line) => line.msg === 'upstream call' || line.msg === 'operation finished').every((line) => line.requestId === 'ops-test-42')).toBe(
      true,
    );
    const finished = mine.find((line) => line.msg === 'operation finished');
    expect(finished).toMatchObject({ operation: 'Tracks', operationType: 'query', outcome: 'success' });
  });

  it('makes up a request id when the caller sends none (or an unsafe one) and returns it', async () => {
    const { request } = await import('undici');
    const response = await request(harness.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    await response.body.text();
    const id = String(response.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health and readiness', () => {
  it('GET /healthz answers while the process runs', async () => {
    const { status, text } = await getPath(harness.url, '/healthz');
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 200 with every provider ready', async () => {
    const { status, text } = await getPath(harness.url, '/readyz');
    expect(status).toBe(200);
    const body = JSON.parse(text) as { status: string; mode: string; providers: Record<string, { status: string; breaker?: string }> };
    expect(body.status).toBe('ready');
    // Real providers as far as the gateway knows (demo mode says `demo`: test/operations/entryPoint.test.ts).
    expect(body.mode).toBe('live');
    expect(Object.keys(body.providers).sort()).toEqual(['guidebook', 'planstone', 'roundware']);
    for (const provider of Object.values(body.providers)) expect(provider.status).toBe('ready');
  });

  it('GET /readyz is 503 naming the provider whose breaker is open, and reports a switched-off provider as disabled', async () => {
    const broken = await startHarness({
      env: { ROUNDWARE_API_URL: 'off', UPSTREAM_BREAKER_FAILURE_THRESHOLD: '2', UPSTREAM_RETRY_MAX_ATTEMPTS: '1', LOG_LEVEL: 'silent' },
    });
    try {
      broken.emulators.planstone.faults.add({ kind: 'status', status: 503, times: 100 });
      for (let i = 0; i < 3; i += 1) await broken.query('{ speakers(first: 1) { totalCount } }');
      const { status, text } = await getPath(broken.url, '/readyz');
      const body = JSON.parse(text) as { status: string; providers: Record<string, { status: string; breaker?: string }> };
      expect(status).toBe(503);
      expect(body.status).toBe('unavailable');
      expect(body.providers.planstone).toMatchObject({ status: 'unavailable', breaker: 'open' });
      expect(body.providers.guidebook?.status).toBe('ready');
      expect(body.providers.roundware).toEqual({ status: 'disabled' });
    } finally {
      await broken.close();
    }
  });

  it('without breaker states, probes each provider with a TCP connect (no HTTP request, no quota spent)', async () => {
    const config = loadConfig({ ...harness.emulators.env, PLANSTONE_API_URL: 'http://127.0.0.1:1/', ROUNDWARE_API_URL: 'off' });
    harness.resetLogs();
    const readiness = await checkReadiness(config, {}, { timeoutMs: 1_000 });
    expect(readiness.ready).toBe(false);
    expect(readiness.providers).toEqual({
      guidebook: { status: 'ready', reachable: true },
      roundware: { status: 'disabled' },
      planstone: { status: 'unavailable', reachable: false },
    });
    expect(harness.upstreamCalls().total).toBe(0);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  it('answers only the scraper that sends the token as a bearer credential', async () => {
    const guarded = await startHarness({ env: { LOG_LEVEL: 'silent', METRICS_TOKEN: 'scrape-secret-7f3a' } });
    try {
      const scrape = async (authorization?: string) => {
        const response = await request(new URL('/metrics', guarded.url), { headers: authorization ? { authorization } : {} });
        return { status: response.statusCode, challenge: response.headers['www-authenticate'], text: await response.body.text() };
      };
      const anonymous = await scrape();
      expect(anonymous).toMatchObject({ status: 401, challenge: 'Bearer realm="metrics"' });
      expect(anonymous.text).not.toContain('scrape-secret');
      expect((await scrape('Bearer not-the-token')).status).toBe(401);
      expect((await scrape('Basic c2NyYXBlLXNlY3JldC03ZjNhOg==')).status).toBe(401);
      const allowed = await scrape('Bearer scrape-secret-7f3a');
      expect(allowed.status).toBe(200);
      expect(allowed.text).toContain('gateway_operations_total');
      // The GraphQL endpoint does not ask for it.
      expect((await guarded.query('{ tracks(first: 1) { totalCount } }')).errors).toBeUndefined();
    } finally {
      await guarded.close();
    }
  });
});
