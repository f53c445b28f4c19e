/** One call under way and who waits for it. */
interface Flight {
  promise: Promise<unknown>;
  /** Aborted once nobody waits any more. */
  controller: AbortController;
  /** Waiters that may still withdraw (they came with a signal). */
  withdrawable: number;
  /** A waiter came without a signal: it waits to the end, so the call is never withdrawn. */
  anchored: boolean;
}

const ignore = () => undefined;

/**
 * In-flight coalescing: while a call for a key is under way, every other caller of the same
 * key shares it, so a hundred simultaneous operations make one upstream call. The entry is
 * dropped as soon as the call settles, success or failure.
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
    const flight: Flight = { promise: Promise.resolve(), controller, withdrawable: 0, anchored: false };
    // Dropped before any waiter resumes, so that a caller reading again starts a new call.
    flight.promise = call(controller.signal).finally(() => {
      if (this.#inFlight.get(key) === flight) this.#inFlight.delete(key);
    });
    // A withdrawn call still settles (usually rejects) with nobody listening.
    flight.promise.catch(ignore);
    this.#inFlight.set(key, flight);
    return this.#wait(key, flight, signal) as Promise<T>;
  }

  #wait(key: string, flight: Flight, signal: AbortSignal | undefined): Promise<unknown> {
    if (!signal) {
      flight.anchored = true;
      return flight.promise;
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    flight.withdrawable += 1;
    return new Promise((resolve, reject) => {
      const leave = () => {
        reject(signal.reason);
        flight.withdrawable -= 1;
        if (flight.withdrawable > 0 || flight.anchored) return;
        if (this.#inFlight.get(key) === flight) this.#inFlight.delete(key);
        flight.controller.abort(new CallWithdrawn());
      };
      signal.addEventListener('abort', leave, { once: true });
      flight.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }
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
