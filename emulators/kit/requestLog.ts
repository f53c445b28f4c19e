/** One request an emulator received (control requests are never logged). */
export interface LoggedRequest {
  at: string;
  method: string;
  /** Route template relative to the base path (`/sessions/:id/`), or undefined when none matched. */
  route: string | undefined;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string>;
  /** Status sent, or the fault that replaced the answer (`reset`, `hang`, ...). */
  outcome: number | string;
  /** Epoch milliseconds, sub-millisecond precision: when the request arrived... */
  receivedAtMs: number;
  /** ...and when its answer was handed to the socket (undefined until then, or for a fault). */
  answeredAtMs?: number;
  /**
   * When the client closed the request before the whole answer was handed to the socket
   * (a cancelled request: aborted, timed out, or its connection dropped); undefined otherwise.
   */
  closedEarlyAtMs?: number;
}

/**
 * The request log tests read to count how many upstream calls the gateway made. Counts are
 * exact however long it runs; only the latest `maxEntries` requests are kept in detail, so
 * a long-running demo (`npm start`) does not keep every request it ever served.
 */
export class RequestLog {
  #entries: LoggedRequest[] = [];
  /** Requests by `METHOD route` since the last clear (route `(no route)` when none matched). */
  #counts = new Map<string, { method: string; route: string | undefined; count: number }>();

  constructor(readonly maxEntries = 10_000) {}

  record(entry: LoggedRequest): void {
    this.#entries.push(entry);
    // Trimmed in batches, so recording stays O(1) amortised.
    if (this.#entries.length > this.maxEntries * 1.25) this.#entries = this.#entries.slice(-this.maxEntries);
    const key = `${entry.method} ${entry.route ?? '(no route)'}`;
    const counted = this.#counts.get(key);
    if (counted) counted.count += 1;
    else this.#counts.set(key, { method: entry.method, route: entry.route, count: 1 });
  }

  /** The latest requests (at most `maxEntries`), oldest first. */
  entries(): LoggedRequest[] {
    return this.#entries.slice(-this.maxEntries);
  }

  clear(): void {
    this.#entries = [];
    this.#counts.clear();
  }

  /** Requests the client closed before their answer was sent (see `LoggedRequest.closedEarlyAtMs`). */
  closedEarly(): LoggedRequest[] {
    return this.#entries.filter((entry) => entry.closedEarlyAtMs !== undefined);
  }

  /** Requests matching a method and/or route template; all requests when no filter is given. */
  count(filter: { method?: string; route?: string } = {}): number {
    let total = 0;
    for (const counted of this.#counts.values()) {
      if ((filter.method === undefined || counted.method === filter.method.toUpperCase()) && (filter.route === undefined || counted.route === filter.route))
        total += counted.count;
    }
    return total;
  }

  /** Counts keyed by `METHOD route`, e.g. `{"GET /sessions/": 3}`. */
  countsByRoute(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [key, counted] of this.#counts) counts[key] = counted.count;
    return counts;
  }
}
