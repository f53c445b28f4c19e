import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { ROUNDWARE_DEMO_TOKEN } from '@sessions-gateway/emulators/roundware';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { roundwareSessionList } from '../../src/datasources/roundware/wire.js';
import { ErrorCode } from '../../src/errors/index.js';
import { CallWithdrawn, MemoryResponseCache, UpstreamClient } from '../../src/upstream/index.js';
import { observeUpstreamCalls, upstreamErrorCode } from '../../src/upstream/observer.js';
import { ResiliencePolicy } from '../../src/upstream/resilience/index.js';

// A speculative read (a page asked for before page 1 of its list has answered) gets one
// attempt, and a read that needs its answer never shares one: it would lose its retries.

describe('speculative reads', () => {
  let emulators: EmulatorSet;
  let client: UpstreamClient;
  let policy: ResiliencePolicy;
  beforeAll(async () => {
    emulators = await startEmulators();
    policy = new ResiliencePolicy({
      provider: 'roundware',
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      deadlineMs: 60_000,
      breaker: { failureThreshold: 100, cooldownMs: 1_000 },
    });
    client = new UpstreamClient({
      provider: 'roundware',
      baseUrl: emulators.roundware.baseUrl,
      authorization: `token ${ROUNDWARE_DEMO_TOKEN}`,
      // Long enough that only a cancellation ends a hung request while a test waits.
      timeouts: { connectMs: 2_000, headersMs: 60_000, bodyMs: 60_000 },
      cache: new MemoryResponseCache(),
      policy,
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

  const read = (speculative: boolean, signal?: AbortSignal) =>
    client.get('sessions/', { project_id: 1 }, roundwareSessionList, { ttlMs: 0, speculative, signal });
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

  // Withdrawal (GetOptions.signal): what the emulator sees of a request nobody waits for.
  const SETTLED = { timeout: 5_000, interval: 20 };
  const roundware = () => emulators.roundware;

  it('are cancelled at the provider when their caller withdraws, without counting against it', async () => {
    const codes: string[] = [];
    const stop = observeUpstreamCalls((event) => {
      if (event.source === client && event.error !== undefined) codes.push(upstreamErrorCode(event.error));
    });
    try {
      roundware().faults.add({ kind: 'hang', times: 1 });
      const controller = new AbortController();
      const ahead = read(true, controller.signal);
      await vi.waitFor(() => expect(roundware().inFlight).toBe(1), SETTLED);
      controller.abort();
      await expect(ahead).rejects.toMatchObject({ name: 'AbortError' });
      await vi.waitFor(() => expect(roundware().inFlight).toBe(0), SETTLED);
      expect(
        roundware()
          .log.closedEarly()
          .map((entry) => entry.outcome),
      ).toEqual(['hang']);
      // Cancelled by us: neither a failure for the breaker nor a retry; metrics say CANCELLED.
      await vi.waitFor(() => expect(codes).toEqual(['CANCELLED']), SETTLED);
      expect(policy.breaker.snapshot().consecutiveFailures).toBe(0);
      expect(attempts()).toBe(1);
    } finally {
      stop();
    }
  });

  it('shared by several callers, are cancelled only when the last one withdraws', async () => {
    roundware().setLatency({ fixedMs: 300 });
    const [one, two] = [new AbortController(), new AbortController()];
    const first = read(true, one.signal);
    await vi.waitFor(() => expect(roundware().inFlight).toBe(1), SETTLED);
    const second = read(true, two.signal); // joins the request under way
    one.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    // The one still waiting gets the answer of the same, uncut request.
    expect((await second).length).toBeGreaterThan(0);
    expect(attempts()).toBe(1);
    expect(roundware().log.closedEarly()).toEqual([]);

    roundware().log.clear();
    roundware().faults.add({ kind: 'hang', times: 1 });
    const [three, four] = [new AbortController(), new AbortController()];
    const third = read(true, three.signal);
    await vi.waitFor(() => expect(roundware().inFlight).toBe(1), SETTLED);
    const fourth = read(true, four.signal);
    three.abort();
    await expect(third).rejects.toMatchObject({ name: 'AbortError' });
    expect(roundware().inFlight).toBe(1);
    four.abort();
    await expect(fourth).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(roundware().inFlight).toBe(0), SETTLED);
    expect(roundware().log.closedEarly()).toHaveLength(1);
    expect(attempts()).toBe(1);
  });

  it('joined to a read that needs the answer, never cut that read short', async () => {
    roundware().setLatency({ fixedMs: 300 });
    const needed = read(false); // waits without a signal: the request is never withdrawn
    await vi.waitFor(() => expect(roundware().inFlight).toBe(1), SETTLED);
    const controller = new AbortController();
    const ahead = read(true, controller.signal);
    controller.abort();
    await expect(ahead).rejects.toMatchObject({ name: 'AbortError' });
    expect((await needed).length).toBeGreaterThan(0);
    expect(attempts()).toBe(1);
    expect(roundware().log.closedEarly()).toEqual([]);
  });

  it('already withdrawn, make no request', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(read(true, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(attempts()).toBe(0);
    expect(new CallWithdrawn().name).toBe('CallWithdrawn');
  });
});
