/** The three states of a circuit breaker. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** How one attempt counts for the breaker (see `attemptOutcome`). */
export type AttemptOutcome = 'success' | 'failure' | 'neutral';

/** Leave to make one attempt, from `tryAcquire()`; hand it back to `record()`. */
export interface BreakerPermit {
  /** Whether this attempt is the half-open probe. */
  readonly probe: boolean;
}

export interface CircuitBreakerOptions {
  /** Consecutive failed attempts that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker refuses calls before it lets one probe through. */
  cooldownMs: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Called on every state change (logs, metrics). Must not throw. */
  onTransition?: (from: BreakerState, to: BreakerState) => void;
}

/** What readiness and metrics read about one breaker. Plain data, safe to serialise. */
export interface BreakerSnapshot {
  state: BreakerState;
  /** Failed attempts in a row since the last success (reset when the breaker closes). */
  consecutiveFailures: number;
  /** When the breaker last opened (ISO 8601), or null if it never did. */
  openedAt: string | null;
  /** While open: when the next probe will be let through (ISO 8601); otherwise null. */
  probeAt: string | null;
  /** How many times the breaker has opened since the process started (a counter). */
  opens: number;
  /** Error code of the last failed attempt, or null. */
  lastFailureCode: string | null;
}

/**
 * A consecutive-failures circuit breaker. Closed: every call goes through and failures are
 * counted; `failureThreshold` failures in a row open it. Open: calls are refused without
 * touching the provider until `cooldownMs` has passed. Half-open: exactly one probe is let
 * through; its success closes the breaker, its failure opens it again for another cool-down.
 *
 * Callers `tryAcquire()` before an attempt and report the attempt's outcome exactly once
 * with `record(permit, ...)`; the half-open probe slot is held until its permit comes back.
 */
export class CircuitBreaker {
  readonly #options: Required<Omit<CircuitBreakerOptions, 'onTransition'>> & Pick<CircuitBreakerOptions, 'onTransition'>;
  #state: BreakerState = 'closed';
  #consecutiveFailures = 0;
  #openedAt: number | null = null;
  #probeInFlight = false;
  #opens = 0;
  #lastFailureCode: string | null = null;
  /** Failures that opened the breaker last time, for the client-facing message. */
  #failuresWhenOpened = 0;

  constructor(options: CircuitBreakerOptions) {
    this.#options = { now: Date.now, ...options, failureThreshold: Math.max(1, options.failureThreshold) };
  }

  get state(): BreakerState {
    return this.#state;
  }

  /**
   * Whether an attempt may go out now. An open breaker whose cool-down has passed turns
   * half-open and hands the caller the single probe slot.
   */
  tryAcquire(): BreakerPermit | null {
    if (this.#state === 'closed') return { probe: false };
    if (this.#state === 'open') {
      if (this.#options.now() < this.#probeTime()) return null;
      this.#transition('half-open');
    }
    if (this.#probeInFlight) return null;
    this.#probeInFlight = true;
    return { probe: true };
  }

  /** Reports the outcome of an attempt that `tryAcquire()` let through. */
  record(permit: BreakerPermit, outcome: AttemptOutcome, code?: string): void {
    if (permit.probe) this.#probeInFlight = false;
    if (outcome === 'neutral') return;
    if (outcome === 'success') {
      this.#consecutiveFailures = 0;
      if (this.#state !== 'closed') this.#transition('closed');
      return;
    }
    this.#consecutiveFailures += 1;
    this.#lastFailureCode = code ?? null;
    // A late failure of an attempt started before the breaker opened changes nothing.
    if (this.#state === 'open') return;
    if ((this.#state === 'half-open' && permit.probe) || this.#consecutiveFailures >= this.#options.failureThreshold) this.#open();
  }

  /** Milliseconds until an open breaker lets a probe through (0 when not open). */
  retryInMs(): number {
    return this.#state === 'open' ? Math.max(0, this.#probeTime() - this.#options.now()) : 0;
  }

  /** Consecutive failures that opened the breaker most recently. */
  get failuresWhenOpened(): number {
    return this.#failuresWhenOpened;
  }

  snapshot(): BreakerSnapshot {
    return {
      state: this.#state,
      consecutiveFailures: this.#consecutiveFailures,
      openedAt: this.#openedAt === null ? null : new Date(this.#openedAt).toISOString(),
      probeAt: this.#state === 'open' ? new Date(this.#probeTime()).toISOString() : null,
      opens: this.#opens,
      lastFailureCode: this.#lastFailureCode,
    };
  }

  #open(): void {
    this.#openedAt = this.#options.now();
    this.#opens += 1;
    this.#failuresWhenOpened = this.#consecutiveFailures;
    this.#transition('open');
  }

  #probeTime(): number {
    return (this.#openedAt ?? 0) + this.#options.cooldownMs;
  }

  #transition(to: BreakerState): void {
    const from = this.#state;
    if (from === to) return;
    this.#state = to;
    if (to === 'closed') this.#probeInFlight = false;
    try {
      this.#options.onTransition?.(from, to);
    } catch {
      // A listener's failure must never change how calls are treated.
    }
  }
}
