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

/** The request log tests read to count how many upstream calls the gateway made. */
export class RequestLog {
  #entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.#entries.push(entry);
  }

  entries(): LoggedRequest[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }

  /** Requests the client closed before their answer was sent (see `LoggedRequest.closedEarlyAtMs`). */
  closedEarly(): LoggedRequest[] {
    return this.#entries.filter((entry) => entry.closedEarlyAtMs !== undefined);
  }

  /** Requests matching a method and/or route template; all requests when no filter is given. */
  count(filter: { method?: string; route?: string } = {}): number {
    return this.#entries.filter(
      (entry) =>
        (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
        (filter.route === undefined || entry.route === filter.route),
    ).length;
  }

  /** Counts keyed by `METHOD route`, e.g. `{"GET /sessions/": 3}`. */
  countsByRoute(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of this.#entries) {
      const key = `${entry.method} ${entry.route ?? '(no route)'}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }
}
