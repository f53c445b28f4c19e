import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { ROUNDWARE_DEMO_TOKEN, ROUNDWARE_PROJECTS } from '@sessions-gateway/emulators/roundware';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { roundwareSessionList } from '../../src/datasources/roundware/wire.js';
import { ErrorCode } from '../../src/errors/index.js';
import { MemoryResponseCache, UpstreamClient } from '../../src/upstream/index.js';
import { ResiliencePolicy } from '../../src/upstream/resilience/index.js';

// A read past its deadline is aborted, not abandoned: its request stops and its connection
// is free for the next call. With one connection, a hung request that was merely abandoned
// would hold it until the transport's own 60 s timeout, and the next read would queue
// behind it and miss its own deadline. The emulator sees the request closed before its
// answer, and none left in flight.

const SETTLED = { timeout: 5_000, interval: 20 };

describe('a read past its deadline', () => {
  let emulators: EmulatorSet;
  beforeAll(async () => {
    emulators = await startEmulators();
  });
  afterAll(async () => {
    await emulators.close();
  });
  beforeEach(() => emulators.roundware.reset());

  const newClient = () =>
    new UpstreamClient({
      provider: 'roundware',
      baseUrl: emulators.roundware.baseUrl,
      authorization: `token ${ROUNDWARE_DEMO_TOKEN}`,
      timeouts: { connectMs: 2_000, headersMs: 60_000, bodyMs: 60_000 },
      cache: new MemoryResponseCache(),
      connections: 1,
      policy: new ResiliencePolicy({
        provider: 'roundware',
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
        deadlineMs: 500,
        breaker: { failureThreshold: 100, cooldownMs: 1_000 },
      }),
    });

  it('is aborted, so the only connection serves the next read', async () => {
    const client = newClient();
    try {
      const read = (projectId: number) => client.get('sessions/', { project_id: projectId }, roundwareSessionList, { ttlMs: 0 });
      emulators.roundware.faults.add({ kind: 'hang', times: 1 });
      await expect(read(ROUNDWARE_PROJECTS[0]!.id)).rejects.toMatchObject({ extensions: { code: ErrorCode.UPSTREAM_TIMEOUT, provider: 'roundware' } });
      const next = await read(ROUNDWARE_PROJECTS[1]!.id);
      expect(next.length).toBeGreaterThan(0);
      expect(emulators.roundware.log.count({ method: 'GET' })).toBe(2);
      expect(emulators.roundware.log.closedEarly().map((entry) => entry.outcome)).toEqual(['hang']);
      await vi.waitFor(() => expect(emulators.roundware.inFlight).toBe(0), SETTLED);
    } finally {
      await client.close();
    }
  });

  it('is aborted even while several callers share it: the deadline ends the attempt for all of them', async () => {
    const client = newClient();
    try {
      emulators.roundware.faults.add({ kind: 'hang', times: 1 });
      const read = () => client.get('sessions/', { project_id: ROUNDWARE_PROJECTS[0]!.id }, roundwareSessionList, { ttlMs: 0 });
      const timeout = { extensions: { code: ErrorCode.UPSTREAM_TIMEOUT, provider: 'roundware' } };
      const [first, second] = [read(), read()];
      await expect(first).rejects.toMatchObject(timeout);
      await expect(second).rejects.toMatchObject(timeout);
      expect(emulators.roundware.log.count({ method: 'GET' })).toBe(1);
      await vi.waitFor(() => expect(emulators.roundware.inFlight).toBe(0), SETTLED);
      expect(emulators.roundware.log.closedEarly()).toHaveLength(1);
    } finally {
      await client.close();
    }
  });
});
