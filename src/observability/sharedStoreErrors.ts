import type { Logger } from 'pino';

/**
 * Failures of the shared stores (Redis: the response cache and the quota counters). They
 * never fail a request — a read is served from the replica's local copy while its TTL
 * lasts or misses, a write is kept only locally, quota is counted in process memory — so
 * without this nobody would know Redis is away. Counted for the metrics, and said in the
 * log at once and then at most once per `intervalMs` (a dead Redis fails every read), with
 * how many went unsaid in between.
 */
export class SharedStoreErrors {
  readonly #logger: Logger;
  readonly #intervalMs: number;
  #count = 0;
  #unsaid = 0;
  #lastSaid = Number.NEGATIVE_INFINITY;

  constructor(logger: Logger, intervalMs = 30_000) {
    this.#logger = logger;
    this.#intervalMs = intervalMs;
  }

  /** Failures since start. */
  get count(): number {
    return this.#count;
  }

  readonly report = (error: unknown): void => {
    this.#count += 1;
    const now = Date.now();
    if (now - this.#lastSaid < this.#intervalMs) {
      this.#unsaid += 1;
      return;
    }
    const { name, message, code } = error instanceof Error ? (error as Error & { code?: unknown }) : { name: 'Error', message: String(error), code: undefined };
    // The message only: a client error's stack or command arguments could carry keys or values.
    this.#logger.warn(
      { store: 'redis', error: { name, message, ...(code === undefined ? {} : { code }) }, ...(this.#unsaid > 0 ? { unsaidSinceLast: this.#unsaid } : {}) },
      "shared store failed: until it answers again, reads are served from this replica's copies or miss, writes are kept only here and quota is counted in process memory",
    );
    this.#lastSaid = now;
    this.#unsaid = 0;
  };
}
