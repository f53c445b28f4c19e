import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { calm, FAULT_ENV, MIXED_QUERY, type MixedData } from './faultEnv.js';

// The per-provider circuit breaker over real HTTP: it opens after consecutive failures,
// refuses calls without touching the provider while open, lets one probe through after
// the cool-down, and closes again when the probe succeeds. Its state is readable.

const THRESHOLD = 3;
const COOLDOWN_MS = 400;
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    env: {
      ...FAULT_ENV,
      UPSTREAM_RETRY_MAX_ATTEMPTS: '1',
      UPSTREAM_BREAKER_FAILURE_THRESHOLD: String(THRESHOLD),
      UPSTREAM_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS),
    },
  });
});
afterAll(() => harness?.close());
beforeEach(() => calm(harness));

const planstoneHealth = () => harness.gateway.providerHealth().planstone!;

/** Waits (without asserting how long) until the open breaker's cool-down is over. */
async function waitForProbeTime(): Promise<void> {
  const probeAt = Date.parse(planstoneHealth().probeAt!);
  await sleep(Math.max(0, probeAt - Date.now()) + 20);
}

describe('circuit breaker', () => {
  it('starts closed for every configured provider', () => {
    const health = harness.gateway.providerHealth();
    expect(Object.keys(health).sort()).toEqual(['guidebook', 'planstone', 'roundware']);
    for (const provider of Object.values(health))
      expect(provider).toMatchObject({ breaker: 'closed', consecutiveFailures: 0, opens: 0, openedAt: null, probeAt: null });
  });

  it('opens after consecutive failures, then fails fast without calling the provider', async () => {
    harness.emulators.planstone.faults.add({ kind: 'status', status: 503 });
    for (let i = 0; i < 10 && planstoneHealth().breaker === 'closed'; i += 1) await harness.query(MIXED_QUERY);
    expect(planstoneHealth()).toMatchObject({ breaker: 'open', opens: 1, lastFailureCode: 'UPSTREAM_UNAVAILABLE' });
    expect(planstoneHealth().consecutiveFailures).toBeGreaterThanOrEqual(THRESHOLD);
    expect(harness.emulators.planstone.log.count()).toBe(planstoneHealth().consecutiveFailures);
    expect(harness.gateway.providerHealth().guidebook!.breaker).toBe('closed');

    harness.resetLogs();
    const response = await harness.query<MixedData>(MIXED_QUERY);
    // Guidebook's sessions and Roundware still answer; Planstone is refused here, not called.
    expect(response.data!.sessions!.edges.every((edge) => edge.node.source === 'GUIDEBOOK')).toBe(true);
    expect(response.data!.clientSessions).not.toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'planstone' });
    expect(response.errors![0]!.message).toMatch(/stopped calling it after \d+ consecutive failures and will try again in about \d+ s/);
    expect(response.errors![0]!.extensions!.retryAfter).toBeGreaterThanOrEqual(1);
    expect(harness.emulators.planstone.log.count()).toBe(0);
  });

  it('after the cool-down, a failed probe opens it again', async () => {
    harness.emulators.planstone.faults.add({ kind: 'status', status: 503 });
    expect(planstoneHealth().breaker).toBe('open');
    await waitForProbeTime();
    const response = await harness.query<MixedData>(MIXED_QUERY);
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'planstone', upstreamStatus: 503 });
    // Exactly one probe went out.
    expect(harness.emulators.planstone.log.count()).toBe(1);
    expect(planstoneHealth()).toMatchObject({ breaker: 'open', opens: 2 });
  });

  it('after the cool-down, a successful probe closes it and answers are complete again', async () => {
    await waitForProbeTime();
    await harness.query(MIXED_QUERY);
    expect(planstoneHealth()).toMatchObject({ breaker: 'closed', consecutiveFailures: 0, probeAt: null });
    const response = await harness.query<MixedData>(MIXED_QUERY);
    expect(response.errors).toBeUndefined();
    expect(response.data!.sessions!.totalCount).toBeGreaterThan(0);
  });

  it('a 401 and unreadable 200s do not open it (the provider is up)', async () => {
    harness.emulators.roundware.faults.add({ kind: 'status', status: 401 });
    harness.emulators.guidebook.faults.add({ kind: 'malformed-json' });
    for (let i = 0; i < THRESHOLD + 2; i += 1) await harness.query(MIXED_QUERY);
    expect(harness.emulators.roundware.log.count()).toBeGreaterThanOrEqual(THRESHOLD + 2);
    expect(harness.gateway.providerHealth()).toMatchObject({
      roundware: { breaker: 'closed', consecutiveFailures: 0 },
      guidebook: { breaker: 'closed', consecutiveFailures: 0 },
    });
  });
});
