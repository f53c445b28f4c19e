import { describe, expect, it } from 'vitest';

import { ErrorCode, UpstreamError } from '../../src/errors/index.js';
import type { CallPolicy } from '../../src/upstream/callPolicy.js';
import { backoffDelayMs, CircuitBreaker, composePolicies, isRetryable, ResiliencePolicy, type BreakerState } from '../../src/upstream/resilience/index.js';

// The policy's decisions in isolation: which failures are retried, how long it waits,
// what the deadline does, and the breaker's state machine on a fake clock.

const upstream = (code: ErrorCode, upstreamStatus?: number, retryAfter?: number) =>
  new UpstreamError('Planstone failed.', {
    provider: 'planstone',
    code,
    ...(upstreamStatus !== undefined ? { upstreamStatus } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });

const policy = (overrides: Partial<ConstructorParameters<typeof ResiliencePolicy>[0]> = {}) =>
  new ResiliencePolicy({
    provider: 'planstone',
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 4 },
    deadlineMs: 2_000,
    breaker: { failureThreshold: 100, cooldownMs: 1_000 },
    ...overrides,
  });

/** A call that fails with `errors` in turn, then succeeds; counts its attempts. */
function scripted(...errors: unknown[]) {
  const attempts: number[] = [];
  return {
    attempts,
    call: async (attempt: number) => {
      attempts.push(attempt);
      const error = errors[attempts.length - 1];
      if (error) throw error;
      return 'ok';
    },
  };
}

describe('isRetryable', () => {
  it.each([
    ['5xx', upstream(ErrorCode.UPSTREAM_UNAVAILABLE, 503), true],
    ['429', upstream(ErrorCode.UPSTREAM_RATE_LIMITED, 429), true],
    ['timeout', upstream(ErrorCode.UPSTREAM_TIMEOUT), true],
    ['refused/reset', upstream(ErrorCode.UPSTREAM_UNAVAILABLE), true],
    ['truncated body (no status)', upstream(ErrorCode.UPSTREAM_BAD_RESPONSE), true],
    ['malformed 200', upstream(ErrorCode.UPSTREAM_BAD_RESPONSE, 200), false],
    ['400', upstream(ErrorCode.UPSTREAM_REJECTED, 400), false],
    ['401', upstream(ErrorCode.UPSTREAM_UNAUTHORIZED, 401), false],
    ['404', upstream(ErrorCode.NOT_FOUND, 404), false],
    ['501', upstream(ErrorCode.UPSTREAM_UNAVAILABLE, 501), false],
    ["the gateway's own quota guard", upstream(ErrorCode.UPSTREAM_RATE_LIMITED), false],
    ['a bug', new TypeError('x is undefined'), false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe('backoffDelayMs (full jitter)', () => {
  const options = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
  it('is uniform in [0, min(max, base·2^(retry−1))]', () => {
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, options, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
  });
});

describe('ResiliencePolicy', () => {
  it('retries an idempotent read up to maxAttempts, then throws the last failure', async () => {
    const script = scripted(upstream(ErrorCode.UPSTREAM_UNAVAILABLE, 502), upstream(ErrorCode.UPSTREAM_TIMEOUT), upstream(ErrorCode.UPSTREAM_UNAVAILABLE, 503));
    await expect(policy().run(script.call, { idempotent: true, route: 'GET sessions' })).rejects.toMatchObject({ upstreamStatus: 503 });
    expect(script.attempts).toEqual([1, 2, 3]);
  });

  it('succeeds on a retry', async () => {
    const script = scripted(upstream(ErrorCode.UPSTREAM_UNAVAILABLE));
    await expect(policy().run(script.call, { idempotent: true, route: 'GET sessions' })).resolves.toBe('ok');
    expect(script.attempts).toEqual([1, 2]);
  });

  it('never retries a write', async () => {
    const script = scripted(upstream(ErrorCode.UPSTREAM_UNAVAILABLE, 503));
    await expect(policy().run(script.call, { idempotent: false, route: 'POST sessions' })).rejects.toMatchObject({ upstreamStatus: 503 });
    expect(script.attempts).toEqual([1]);
  });

  it('never retries a 401', async () => {
    const script = scripted(upstream(ErrorCode.UPSTREAM_UNAUTHORIZED, 401));
    await expect(policy().run(script.call, { idempotent: true, route: 'GET sessions' })).rejects.toMatchObject({ upstreamStatus: 401 });
    expect(script.attempts).toEqual([1]);
  });

  it('waits the Retry-After that fits in the deadline, and gives up on one that does not', async () => {
    const retries: number[] = [];
    const fits = scripted(upstream(ErrorCode.UPSTREAM_RATE_LIMITED, 429, 0));
    await expect(policy({ onRetry: ({ delayMs }) => retries.push(delayMs) }).run(fits.call, { idempotent: true, route: 'GET x' })).resolves.toBe('ok');
    expect(retries).toEqual([0]);
    const tooLong = scripted(upstream(ErrorCode.UPSTREAM_RATE_LIMITED, 429, 5));
    await expect(policy().run(tooLong.call, { idempotent: true, route: 'GET x' })).rejects.toMatchObject({ retryAfter: 5 });
    expect(tooLong.attempts).toEqual([1]);
  });

  it('ends a read that outlives the deadline with UPSTREAM_TIMEOUT', async () => {
    const never = () => new Promise<string>(() => undefined);
    await expect(policy({ deadlineMs: 50 }).run(never, { idempotent: true, route: 'GET x' })).rejects.toMatchObject({
      extensions: { code: ErrorCode.UPSTREAM_TIMEOUT, provider: 'planstone' },
      message: expect.stringMatching(/deadline/),
    });
  });

  it('aborts the attempt it gives up on at the deadline, and counts it as a failure', async () => {
    const signals: Array<AbortSignal | undefined> = [];
    const hangs = (_attempt: number, signal: AbortSignal | undefined) => {
      signals.push(signal);
      return new Promise<string>((_resolve, reject) => signal?.addEventListener('abort', () => reject(upstream(ErrorCode.UPSTREAM_TIMEOUT))));
    };
    const p = policy({ deadlineMs: 50, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    await expect(p.run(hangs, { idempotent: true, route: 'GET x' })).rejects.toMatchObject({ message: expect.stringMatching(/deadline/) });
    expect(signals.map((signal) => signal?.aborted)).toEqual([true]);
    await Promise.resolve();
    expect(p.breaker.snapshot().consecutiveFailures).toBe(1);

    const answered: Array<AbortSignal | undefined> = [];
    await expect(p.run(async (_attempt, signal) => (answered.push(signal), 'ok'), { idempotent: true, route: 'GET x' })).resolves.toBe('ok');
    expect(answered.map((signal) => signal?.aborted)).toEqual([false]);
  });

  it('gives a write no signal: a write is never cut short', async () => {
    const signals: Array<AbortSignal | undefined> = [];
    await policy({ deadlineMs: 50 }).run(async (_attempt, signal) => (signals.push(signal), 'ok'), { idempotent: false, route: 'POST x' });
    expect(signals).toEqual([undefined]);
  });

  it('fails fast with UPSTREAM_UNAVAILABLE while the breaker is open, and reports transitions', async () => {
    const transitions: Array<[BreakerState, BreakerState]> = [];
    const p = policy({
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      breaker: { failureThreshold: 2, cooldownMs: 60_000 },
      onBreakerTransition: (_provider, from, to) => transitions.push([from, to]),
    });
    for (let i = 0; i < 2; i += 1)
      await expect(p.run(scripted(upstream(ErrorCode.UPSTREAM_TIMEOUT)).call, { idempotent: true, route: 'GET x' })).rejects.toThrow();
    const script = scripted();
    await expect(p.run(script.call, { idempotent: true, route: 'GET x' })).rejects.toMatchObject({
      extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE, provider: 'planstone', retryAfter: 60 },
    });
    expect(script.attempts).toEqual([]);
    expect(transitions).toEqual([['closed', 'open']]);
  });
});

describe('CircuitBreaker', () => {
  it('closed → open → half-open (one probe) → closed, on a fake clock', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 100, now: () => now });
    breaker.record(breaker.tryAcquire()!, 'failure', 'UPSTREAM_TIMEOUT');
    expect(breaker.state).toBe('closed');
    breaker.record(breaker.tryAcquire()!, 'success');
    breaker.record(breaker.tryAcquire()!, 'failure');
    breaker.record(breaker.tryAcquire()!, 'failure');
    expect(breaker.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 2, opens: 1, probeAt: new Date(100).toISOString() });
    expect(breaker.tryAcquire()).toBeNull();
    now = 100;
    const probe = breaker.tryAcquire();
    expect(probe).toEqual({ probe: true });
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBeNull();
    breaker.record(probe!, 'success');
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('a neutral probe frees the slot without deciding anything', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 10, now: () => now });
    breaker.record(breaker.tryAcquire()!, 'failure');
    now = 10;
    breaker.record(breaker.tryAcquire()!, 'neutral');
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toEqual({ probe: true });
  });
});

describe('composePolicies', () => {
  it('runs every attempt of the outer policy through the inner one', async () => {
    const seen: number[] = [];
    const counting: CallPolicy = { run: (call) => (seen.push(1), call(1, undefined)) };
    const script = scripted(upstream(ErrorCode.UPSTREAM_UNAVAILABLE));
    await expect(composePolicies(policy(), counting).run(script.call, { idempotent: true, route: 'GET x' })).resolves.toBe('ok');
    expect(script.attempts).toEqual([1, 2]);
    expect(seen).toHaveLength(2);
  });

  it("passes the outer policy's deadline signal through an inner policy to the call", async () => {
    const passThrough: CallPolicy = { run: (call) => call(1, undefined) };
    const signals: Array<AbortSignal | undefined> = [];
    const hangs = (_attempt: number, signal: AbortSignal | undefined) => (signals.push(signal), new Promise<string>(() => undefined));
    const composed = composePolicies(policy({ deadlineMs: 50, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }), passThrough);
    await expect(composed.run(hangs, { idempotent: true, route: 'GET x' })).rejects.toMatchObject({ extensions: { code: ErrorCode.UPSTREAM_TIMEOUT } });
    expect(signals.map((signal) => signal?.aborted)).toEqual([true]);
  });
});
