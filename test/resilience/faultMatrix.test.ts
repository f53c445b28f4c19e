import type { FaultSpec } from '@sessions-gateway/emulators/kit/faults.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { attemptsByPage, attemptsByUrl, calm, FAULT_ENV, MIXED_QUERY, PROVIDERS, type MixedData, type ProviderKey } from './faultEnv.js';

// Every provider × every way a provider fails, through the emulators' control surface.
// For each: what survives (the other providers' data), the code and provider on the
// error, and how many times the gateway tried (reads are retried only when retrying can help).

/** Attempts of a retried read (UPSTREAM_RETRY_MAX_ATTEMPTS in FAULT_ENV). */
const RETRIED = Number(FAULT_ENV.UPSTREAM_RETRY_MAX_ATTEMPTS);

interface FaultCase {
  name: string;
  /** A fault to inject on every route of the provider, or a latency above the timeout. */
  fault: FaultSpec | { latencyMs: number };
  code: string;
  /** Attempts per upstream URL: UPSTREAM_RETRY_MAX_ATTEMPTS when retried, 1 when not. */
  attempts: number;
  extensions?: Record<string, unknown>;
}

const CASES: FaultCase[] = [
  { name: 'timeout (latency above the headers timeout)', fault: { latencyMs: 3_000 }, code: 'UPSTREAM_TIMEOUT', attempts: RETRIED },
  { name: 'hang (headers never sent)', fault: { kind: 'hang' }, code: 'UPSTREAM_TIMEOUT', attempts: RETRIED },
  {
    name: '500',
    fault: { kind: 'status', status: 500, body: { detail: 'A server error occurred.' } },
    code: 'UPSTREAM_UNAVAILABLE',
    attempts: RETRIED,
    extensions: { upstreamStatus: 500 },
  },
  {
    name: '502 with a proxy HTML page',
    fault: { kind: 'status', status: 502, body: '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>', headers: { 'content-type': 'text/html' } },
    code: 'UPSTREAM_UNAVAILABLE',
    attempts: RETRIED,
    extensions: { upstreamStatus: 502 },
  },
  {
    name: '503 with an empty body',
    fault: { kind: 'status', status: 503 },
    code: 'UPSTREAM_UNAVAILABLE',
    attempts: RETRIED,
    extensions: { upstreamStatus: 503 },
  },
  {
    name: '429 with a Retry-After beyond the deadline',
    fault: { kind: 'rate-limit', retryAfterSeconds: 120 },
    code: 'UPSTREAM_RATE_LIMITED',
    attempts: 1,
    extensions: { upstreamStatus: 429, retryAfter: 120 },
  },
  { name: 'connection reset', fault: { kind: 'reset' }, code: 'UPSTREAM_UNAVAILABLE', attempts: RETRIED },
  { name: 'malformed JSON', fault: { kind: 'malformed-json' }, code: 'UPSTREAM_BAD_RESPONSE', attempts: 1 },
  { name: 'truncated body', fault: { kind: 'truncated' }, code: 'UPSTREAM_BAD_RESPONSE', attempts: RETRIED },
  { name: 'wrong shape', fault: { kind: 'wrong-shape' }, code: 'UPSTREAM_BAD_RESPONSE', attempts: 1 },
  {
    name: '401',
    fault: { kind: 'status', status: 401, body: { detail: 'Invalid token.' } },
    code: 'UPSTREAM_UNAUTHORIZED',
    attempts: 1,
    extensions: { upstreamStatus: 401 },
  },
];

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ env: FAULT_ENV });
});
afterAll(() => harness?.close());
beforeEach(() => calm(harness));

function inject(provider: ProviderKey, fault: FaultCase['fault']): void {
  if ('latencyMs' in fault) harness.emulators[provider].setLatency({ fixedMs: fault.latencyMs });
  else harness.emulators[provider].faults.add(fault);
}

/** What must survive when `failed` is down: the other providers' data, untouched. */
function expectSurvivors(failed: ProviderKey, data: MixedData | null | undefined): void {
  expect(data).toBeTruthy();
  const sessions = data!.sessions;
  const clientSessions = data!.clientSessions;
  if (failed === 'roundware') {
    expect(clientSessions).toBeNull();
    expect(sessions!.edges).toHaveLength(5);
    return;
  }
  expect(clientSessions!.edges.length).toBeGreaterThan(0);
  // The merged list keeps the healthy source's sessions, and only those.
  const healthy = failed === 'guidebook' ? 'PLANSTONE' : 'GUIDEBOOK';
  expect(sessions!.edges).toHaveLength(5);
  expect(new Set(sessions!.edges.map((edge) => edge.node.source))).toEqual(new Set([healthy]));
}

describe.each(PROVIDERS)('%s fails', (provider) => {
  it.each(CASES)('$name', async ({ fault, code, attempts, extensions }) => {
    inject(provider, fault);
    const response = await harness.query<MixedData>(MIXED_QUERY);

    expectSurvivors(provider, response.data);
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors!) {
      expect(error.extensions).toMatchObject({ code, provider, ...extensions });
      expect(error.path).toEqual([provider === 'roundware' ? 'clientSessions' : 'sessions']);
      expect(error.message).toMatch(/^(Guidebook|Roundware|Planstone) /);
    }

    // Retried reads hit the same URL `attempts` times; never-retried failures once. Pages
    // 2..n of a list whose layout an earlier case taught the gateway go out with page 1,
    // ahead of need, and get one attempt: with page 1 failing, nothing waits for them.
    const { first, ahead } = attemptsByPage(harness.emulators[provider]);
    expect(first.length).toBeGreaterThan(0);
    expect(first).toEqual(first.map(() => attempts));
    expect(ahead).toEqual(ahead.map(() => 1));
    // The healthy providers were asked once per URL.
    for (const other of PROVIDERS.filter((p) => p !== provider)) {
      expect(attemptsByUrl(harness.emulators[other]).every((count) => count === 1)).toBe(true);
    }
  });
});

describe('recoverable failures are retried into a complete answer', () => {
  it.each([
    ['429 with Retry-After: 1', { kind: 'rate-limit', retryAfterSeconds: 1, times: 1 }],
    ['503 with Retry-After: 1', { kind: 'status', status: 503, headers: { 'retry-after': '1' }, times: 1 }],
    ['a reset connection', { kind: 'reset', times: 1 }],
    ['a truncated body', { kind: 'truncated', times: 1 }],
  ] as Array<[string, FaultSpec]>)('%s, once: no error, one extra attempt', async (_name, fault) => {
    harness.emulators.planstone.faults.add(fault);
    const response = await harness.query<MixedData>(MIXED_QUERY);
    expect(response.errors).toBeUndefined();
    expect(new Set(response.data!.sessions!.edges.map((edge) => edge.node.source)).size).toBeGreaterThan(0);
    const log = harness.emulators.planstone.log.entries();
    // The first request got the fault; the same URL was asked again and answered.
    expect(log[0]!.outcome).toBe(fault.kind === 'status' ? fault.status : fault.kind);
    expect(log.filter((entry) => entry.url === log[0]!.url).map((entry) => entry.outcome)).toEqual([log[0]!.outcome, 200]);
  });
});

describe('answers that are not what they claim become UPSTREAM_BAD_RESPONSE (or their status code), never a crash or an empty list', () => {
  it.each([
    [
      'an HTML page with 200',
      { kind: 'status', status: 200, body: '<!DOCTYPE html><html><body>Maintenance</body></html>', headers: { 'content-type': 'text/html' } },
      'UPSTREAM_BAD_RESPONSE',
      /HTML page/,
    ],
    ['an empty 200', { kind: 'status', status: 200 }, 'UPSTREAM_BAD_RESPONSE', /unexpected shape/],
    ['an empty 500', { kind: 'status', status: 500 }, 'UPSTREAM_UNAVAILABLE', /HTTP 500/],
    ['an HTML 404 page', { kind: 'status', status: 404, body: '<h1>Not Found</h1>', headers: { 'content-type': 'text/html' } }, 'NOT_FOUND', /no such object/],
    ['a 400', { kind: 'status', status: 400, body: { detail: 'Invalid filter.' } }, 'UPSTREAM_REJECTED', /rejected the request/],
    ['a redirect', { kind: 'status', status: 301, headers: { location: 'http://example.invalid/' } }, 'UPSTREAM_BAD_RESPONSE', /HTTP 301/],
  ] as Array<[string, FaultSpec, string, RegExp]>)('%s', async (_name, fault, code, message) => {
    harness.emulators.guidebook.faults.add(fault);
    const response = await harness.query<MixedData>(MIXED_QUERY);
    expectSurvivors('guidebook', response.data);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions).toMatchObject({ code, provider: 'guidebook' });
    expect(response.errors![0]!.message).toMatch(message);
    // None of these is worth a retry except the 500.
    expect(attemptsByUrl(harness.emulators.guidebook)).toEqual([code === 'UPSTREAM_UNAVAILABLE' ? RETRIED : 1]);
  });
});
