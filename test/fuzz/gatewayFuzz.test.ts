import { it } from '@fast-check/vitest';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { describeFailure, fuzzOnce, gatewayArbitrary, isUp, type FuzzTarget } from './fuzzTarget.js';
import type { FuzzRequest } from './requestArbitrary.js';

// Property-based fuzzing (issue 22): requests generated from the introspected schema and
// malformed HTTP, over loopback to gateways over the emulators, one in development and one
// in production mode. A fixed seed, so `npm test` is repeatable; `npm run fuzz` runs
// thousands with a random seed.

const SEED = 220_22;

let emulators: EmulatorSet;
const gateways: Record<'development' | 'production', { harness: Harness; target: FuzzTarget; requests: fc.Arbitrary<FuzzRequest> }> = {} as never;

beforeAll(async () => {
  emulators = await startEmulators();
  const secrets = {
    hosts: [emulators.guidebook, emulators.roundware, emulators.planstone].map((emulator) => new URL(emulator.baseUrl).host),
    credentials: [
      emulators.env.GUIDEBOOK_API_KEY!,
      emulators.env.ROUNDWARE_API_TOKEN!,
      emulators.env.PLANSTONE_API_TOKEN!,
      Buffer.from(`${emulators.env.PLANSTONE_API_TOKEN}:`).toString('base64'),
    ],
  };
  for (const mode of ['development', 'production'] as const) {
    const harness = await startHarness({ emulatorSet: emulators, env: { NODE_ENV: mode } });
    const { requests } = await gatewayArbitrary(harness.url);
    gateways[mode] = { harness, target: { url: harness.url, secrets: { ...secrets, gatewayPort: Number(new URL(harness.url).port) } }, requests };
  }
});

afterAll(async () => {
  for (const gateway of Object.values(gateways)) {
    await gateway.harness.close();
  }
  await emulators?.close();
});

/** The arbitrary of a gateway started in beforeAll (properties are declared before it exists). */
const requestsOf = (mode: 'development' | 'production') => fc.constant(null).chain(() => gateways[mode].requests);

async function holds(mode: 'development' | 'production', request: FuzzRequest): Promise<void> {
  const gateway = gateways[mode];
  const outcome = await fuzzOnce(gateway.target, request);
  if (outcome.open.length > 0) throw new Error(describeFailure(gateway.target, request, outcome));
}

describe('fuzzed requests (fixed seed)', () => {
  it.prop([requestsOf('development')], { seed: SEED, numRuns: 300, endOnFailure: true })(
    'development gateway: no 5xx, JSON bodies, no INTERNAL_SERVER_ERROR, documented codes only, nothing leaked',
    (request) => holds('development', request),
    60_000,
  );

  it.prop([requestsOf('production')], { seed: SEED + 1, numRuns: 150, endOnFailure: true })(
    'production gateway: the same properties',
    (request) => holds('production', request),
    60_000,
  );

  it('both gateways are still up after the fuzzing', async () => {
    expect(await isUp(gateways.development.harness.url)).toBe(true);
    expect(await isUp(gateways.production.harness.url)).toBe(true);
  });
});
