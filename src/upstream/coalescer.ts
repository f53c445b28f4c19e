/** One waiter's way out: settles its own promise, at most once. */
interface Waiter {
  /** Already handed its outcome (or withdrawn). */
  readonly settled: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One call under way and who waits for it. */
interface Flight {
  promise: Promise<unknown>;
  /** Aborted once nobody waits any more. */
  controller: AbortController;
  /** Waiters that may still withdraw (they came with a signal). */
  withdrawable: number;
  /** A waiter came without a signal: it waits to the end, so the call is never withdrawn. */
  anchored: boolean;
  /** Everyone waiting, in the order they came; released one per macrotask (see `#release`). */
  waiters: Waiter[];
}

/**
 * In-flight coalescing: while a call for a key is under way, every other caller of the same
 * key shares it, so a hundred simultaneous operations make one upstream call. The entry is
 * dropped as soon as the call settles, success or failure.
 *
 * Release (issue 21, the convoy): the waiters of one call are handed its outcome one per
 * macrotask, in the order they came — the first at once, every other one on its own
 * `setImmediate`. Released together, their continuations would interleave microtask by
 * microtask, so every waiter's operation would finish only when all of them had (each
 * waiting for N executions); released apart, each one's synchronous work (execution,
 * serialization, its response written) is done before the next one starts, so the first
 * answers after one execution, the median after about half of them (`npx tsx
 * bench/convoy.ts`, its burst row).
 *
 * Withdrawal: a caller may come with an `AbortSignal`. When it aborts, that caller's
 * promise rejects at once with the signal's reason, and the others go on waiting. Only
 * when every caller has withdrawn — and none came without a signal — is the call itself
 * withdrawn: the signal `call` got is aborted (with a `CallWithdrawn`) and the key is free
 * for a new call. A waiter leaving never cuts the call short for the waiters still there.
 */
export class Coalescer {
  readonly #inFlight = new Map<string, Flight>();

  /** Joins the call under way for `key`, or starts `call` for it. */
  run<T>(key: string, call: (withdrawn: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.join<T>(key, signal) ?? this.#start(key, call, signal);
  }

  /** Joins the call under way for `key`, if there is one (see the class comment for `signal`). */
  join<T>(key: string, signal?: AbortSignal): Promise<T> | undefined {
    const flight = this.#inFlight.get(key);
    return flight && (this.#wait(key, flight, signal) as Promise<T>);
  }

  get size(): number {
    return this.#inFlight.size;
  }

  #start<T>(key: string, call: (withdrawn: AbortSignal) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const controller = new AbortController();
    const flight: Flight = { promise: Promise.resolve(), controller, withdrawable: 0, anchored: false, waiters: [] };
    // Dropped before any waiter resumes, so that a caller reading again starts a new call.
    flight.promise = call(controller.signal).finally(() => {
      if (this.#inFlight.get(key) === flight) this.#inFlight.delete(key);
    });
    flight.promise.then(
      (value) => release(flight.waiters, (waiter) => waiter.resolve(value)),
      // A withdrawn call still settles (usually rejects) with nobody listening.
      (error: unknown) => release(flight.waiters, (waiter) => waiter.reject(error)),
    );
    this.#inFlight.set(key, flight);
    return this.#wait(key, flight, signal) as Promise<T>;
  }

  #wait(key: string, flight: Flight, signal: AbortSignal | undefined): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      let settled = false;
      const waiter: Waiter = {
        get settled() {
          return settled;
        },
        resolve: (value) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', leave);
          resolve(value);
        },
        reject: (error) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', leave);
          reject(error);
        },
      };
      const leave = () => {
        waiter.reject(signal!.reason);
        flight.withdrawable -= 1;
        if (flight.withdrawable > 0 || flight.anchored) return;
        if (this.#inFlight.get(key) === flight) this.#inFlight.delete(key);
        flight.controller.abort(new CallWithdrawn());
      };
      flight.waiters.push(waiter);
      if (!signal) {
        flight.anchored = true;
        return;
      }
      flight.withdrawable += 1;
      signal.addEventListener('abort', leave, { once: true });
    });
  }
}

/**
 * Hands `settle` to each waiter in turn (see the class comment of Coalescer): the first
 * now, every other one on its own `setImmediate`, queued together so that they run one
 * after another in the next check phase, each with its microtasks drained before the next.
 * (Chained instead, one queued by the one before, they let I/O in between and the last
 * answers later: measured.) A waiter that withdrew meanwhile is skipped.
 */
function release(waiters: readonly Waiter[], settle: (waiter: Waiter) => void): void {
  const [first, ...rest] = waiters;
  if (first) settle(first);
  for (const waiter of rest) if (!waiter.settled) setImmediate(() => settle(waiter));
}

/**
 * The reason a coalesced call is aborted when every caller waiting for it withdrew. Not an
 * UpstreamError: no client ever sees it, it is never retried, and it says nothing about
 * the provider's health (the circuit breaker counts it as neutral).
 */
export class CallWithdrawn extends Error {
  override readonly name = 'CallWithdrawn';

  constructor() {
    super('every caller waiting for this upstream call withdrew');
  }
}
