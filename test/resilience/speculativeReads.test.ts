import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { roundwareSessionList } from '../../src/datasources/roundware/wire.js';
import { ErrorCode } from '../../src/errors/index.js';
import { startEmulators, type EmulatorSet } from '../../src/emulators/index.js';
import { ROUNDWARE_DEMO_TOKEN } from '../../src/emulators/roundware/index.js';
import { MemoryResponseCache, UpstreamClient } from '../../src/upstream/index.js';
import { ResiliencePolicy } from '../../src/upstream/resilience/index.js';

// A speculative read (a page asked for before page 1 of its list has answered) gets one
// attempt, and a read that needs its answer never shares one: it would lose its retries.

describe('speculative reads', () => {
  let emulators: EmulatorSet;
  let client: UpstreamClient;
  beforeAll(async () => {
    emulators = await startEmulators();
    client = new UpstreamClient({
      provider: 'roundware',
      baseUrl: emulators.roundware.baseUrl,
      authorization: `token ${ROUNDWARE_DEMO_TOKEN}`,
      timeouts: { connectMs: 2_000, headersMs: 5_000, bodyMs: 5_000 },
      cache: new MemoryResponseCache(),
      policy: new ResiliencePolicy({
        provider: 'roundware',
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
        deadlineMs: 5_000,
        breaker: { failureThreshold: 100, cooldownMs: 1_000 },
      }),
    });
  });
  afterAll(async () => {
    await client.close();
    await emulators.close();
  });
  beforeEach(() => {
    emulators.roundware.faults.clear();
    emulators.roundware.setLatency({});
    emulators.roundware.log.clear();
  });

  const read = (speculative: boolean) => client.get('sessions/', { project_id: 1 }, roundwareSessionList, { ttlMs: 0, speculative });
  const attempts = () => emulators.roundware.log.count({ method: 'GET' });

  it('are not retried', async () => {
    emulators.roundware.faults.add({ kind: 'status', status: 503, times: 1 });
    await expect(read(true)).rejects.toMatchObject({ extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE, provider: 'roundware' } });
    expect(attempts()).toBe(1);
    // The same failure on a read that needs the answer is retried into one.
    emulators.roundware.faults.add({ kind: 'status', status: 503, times: 1 });
    expect((await read(false)).length).toBeGreaterThan(0);
    expect(attempts()).toBe(3);
  });

  it('are never joined by a read that needs the answer, but may join one', async () => {
    emulators.roundware.setLatency({ fixedMs: 100 });
    const ahead = read(true);
    const needed = read(false); // a request of its own, so that it keeps its retries
    await Promise.all([ahead, needed]);
    expect(attempts()).toBe(2);

    emulators.roundware.log.clear();
    const first = read(false);
    const second = read(true); // joins the read under way: no request of its own
    expect(await second).toBe(await first);
    expect(attempts()).toBe(1);
  });
});
