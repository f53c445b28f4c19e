import { setTimeout as sleep } from 'node:timers/promises';

import { ErrorCode, UpstreamError } from '../../errors/index.js';
import type { ProviderName } from '../../providers.js';
import type { AttemptCall, CallInfo, CallPolicy } from '../callPolicy.js';
import { providerLabel } from '../classifyFailure.js';
import { attemptOutcome } from './attemptOutcome.js';
import { CircuitBreaker, type BreakerState } from './circuitBreaker.js';
import { backoffDelayMs, isRetryable, requestedWaitMs, type RetryOptions } from './retryPolicy.js';

export interface ResiliencePolicyOptions {
  provider: ProviderName;
  retry: RetryOptions;
  /**
   * Overall budget of one idempotent call — every attempt and every wait between them.
   * Writes are never raced against it: a write cut short would have an unknown outcome,
   * so a write runs until the transport's own timeouts end it.
   */
  deadlineMs: number;
  breaker: { failureThreshold: number; cooldownMs: number };
  /** Called on every breaker state change (for logs and metrics). */
  onBreakerTransition?: (provider: ProviderName, from: BreakerState, to: BreakerState) => void;
  /** Called before each retry, with the failure that caused it (for logs and metrics). */
  onRetry?: (event: { provider: ProviderName; route: string; attempt: number; delayMs: number; error: unknown }) => void;
  /** Randomness of the backoff jitter, for tests. */
  random?: () => number;
}

/**
 * The gateway's CallPolicy for one provider: a circuit breaker around every attempt,
 * and retries of idempotent calls with exponential backoff and full jitter, honouring a
 * 429/503 `Retry-After` when the wait fits in the call's deadline.
 *
 * Contract: `run` settles exactly once; it rejects with an UpstreamError (the last
 * attempt's failure, a deadline UPSTREAM_TIMEOUT, or a breaker-open UPSTREAM_UNAVAILABLE)
 * or with whatever non-upstream error `call` threw. Writes (`idempotent: false`) get one
 * attempt, never a retry.
 */
export class ResiliencePolicy implements CallPolicy {
  readonly provider: ProviderName;
  readonly breaker: CircuitBreaker;
  readonly #options: ResiliencePolicyOptions;

  constructor(options: ResiliencePolicyOptions) {
    this.provider = options.provider;
    this.#options = options;
    this.breaker = new CircuitBreaker({
      ...options.breaker,
      onTransition: (from, to) => options.onBreakerTransition?.(options.provider, from, to),
    });
  }

  async run<T>(call: AttemptCall<T>, info: CallInfo): Promise<T> {
    const { retry } = this.#options;
    const deadline = info.idempotent ? Date.now() + this.#options.deadlineMs : Number.POSITIVE_INFINITY;
    const maxAttempts = info.idempotent ? Math.max(1, Math.min(retry.maxAttempts, info.maxAttempts ?? Number.POSITIVE_INFINITY)) : 1;
    for (let attempt = 1; ; attempt += 1) {
      const permit = this.breaker.tryAcquire();
      if (!permit) throw this.#breakerOpenError();
      let failure: unknown;
      try {
        return await this.#attempt(call, attempt, permit, deadline);
      } catch (error) {
        failure = error;
      }
      if (attempt >= maxAttempts || !isRetryable(failure)) throw failure;
      const requested = requestedWaitMs(failure);
      const delayMs = requested ?? backoffDelayMs(attempt, retry, this.#options.random);
      // A wait (the provider's own, or our backoff) that would end past the deadline is
      // pointless: fail now, and the error still carries the provider's Retry-After.
      if (Date.now() + delayMs >= deadline) throw failure;
      this.#options.onRetry?.({ provider: this.provider, route: info.route, attempt, delayMs, error: failure });
      if (delayMs > 0) await sleep(delayMs);
    }
  }

  /**
   * One attempt, raced against the deadline; past it the attempt is aborted (its request
   * stops and frees its connection) and counts for the breaker as the timeout it is.
   */
  async #attempt<T>(call: AttemptCall<T>, attempt: number, permit: { probe: boolean }, deadline: number): Promise<T> {
    // Only reads have a deadline; a write is never cut short (its outcome would be unknown).
    const controller = Number.isFinite(deadline) ? new AbortController() : undefined;
    let pending: Promise<T>;
    try {
      pending = call(attempt, controller?.signal);
    } catch (error) {
      this.breaker.record(permit, attemptOutcome(error), codeOf(error));
      throw error;
    }
    pending.then(
      () => this.breaker.record(permit, 'success'),
      (error: unknown) => this.breaker.record(permit, attemptOutcome(error), codeOf(error)),
    );
    if (!controller) return pending;
    const remaining = deadline - Date.now();
    // The abort's reason is the deadline's error, so the aborted attempt ends as the timeout
    // it is (for the breaker, the metrics and the attempt's span).
    if (remaining <= 0) {
      const error = this.#deadlineError();
      controller.abort(error);
      throw error;
    }
    // A plain timer, not an aborted timers/promises sleep: aborting one builds a
    // DOMException on every call, while this aborts only an attempt that ran out of time.
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = this.#deadlineError();
        reject(error);
        controller.abort(error);
      }, remaining);
    });
    try {
      return await Promise.race([pending, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  #deadlineError(): UpstreamError {
    const seconds = Math.round(this.#options.deadlineMs / 100) / 10;
    return new UpstreamError(`${providerLabel(this.provider)} did not answer within the gateway's ${seconds} s deadline.`, {
      provider: this.provider,
      code: ErrorCode.UPSTREAM_TIMEOUT,
    });
  }

  #breakerOpenError(): UpstreamError {
    const label = providerLabel(this.provider);
    const waitSeconds = Math.max(1, Math.ceil(this.breaker.retryInMs() / 1000));
    const message =
      this.breaker.state === 'half-open'
        ? `${label} is unavailable: the gateway is checking whether it has recovered. Try again in a few seconds.`
        : `${label} is unavailable: the gateway stopped calling it after ${this.breaker.failuresWhenOpened} consecutive failures and will try again in about ${waitSeconds} s.`;
    return new UpstreamError(message, { provider: this.provider, code: ErrorCode.UPSTREAM_UNAVAILABLE, retryAfter: waitSeconds });
  }
}

function codeOf(error: unknown): string | undefined {
  return error instanceof UpstreamError ? String(error.extensions.code) : undefined;
}
