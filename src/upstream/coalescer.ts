/**
 * In-flight coalescing: while a call for a key is under way, every other caller of the same
 * key shares its promise, so a hundred simultaneous operations make one upstream call.
 * The entry is dropped as soon as the call settles, success or failure.
 */
export class Coalescer {
  readonly #inFlight = new Map<string, Promise<unknown>>();

  run<T>(key: string, call: () => Promise<T>): Promise<T> {
    const pending = this.#inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const promise = call().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, promise);
    return promise;
  }

  /** The call under way for `key`, if any. */
  pending<T>(key: string): Promise<T> | undefined {
    return this.#inFlight.get(key) as Promise<T> | undefined;
  }

  get size(): number {
    return this.#inFlight.size;
  }
}
