/**
 * Faults a test or benchmark can inject into an emulator, per route. A fault replaces the
 * provider's answer for the requests it matches, `times` times (default: until cleared).
 */
export type FaultKind =
  /** Answer with this status; `body` is sent as JSON, or as-is when it is a string. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** The provider's own 429 body, with `Retry-After: retryAfterSeconds`. */
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  /** 200 with `Content-Type: application/json` and a body that is not JSON. */
  | { kind: 'malformed-json' }
  /** 200 whose body stops half-way: Content-Length promises more than is sent, then the socket closes. */
  | { kind: 'truncated' }
  /** The TCP connection is reset before any response byte. */
  | { kind: 'reset' }
  /** Headers are never sent; the connection stays open until the client gives up. */
  | { kind: 'hang' }
  /** A 200 whose JSON has the wrong shape for the route (an object where a list is due). */
  | { kind: 'wrong-shape' };

export interface FaultMatch {
  /** HTTP method; any when omitted. */
  method?: string;
  /**
   * The route template as registered, relative to the provider's base path
   * (e.g. `/sessions/` or `/sessions/:id/`); any route when omitted.
   */
  route?: string;
  /** A query parameter the request must carry (e.g. `projection`); any request when omitted. */
  queryParam?: string;
}

export type FaultSpec = FaultKind & FaultMatch & { times?: number };

export interface ActiveFault {
  id: number;
  spec: FaultSpec;
  remaining: number;
}

/** Holds the injected faults and hands out the one that applies to a request, if any. */
export class FaultTable {
  #faults: ActiveFault[] = [];
  #nextId = 1;

  add(spec: FaultSpec): number {
    const id = this.#nextId++;
    this.#faults.push({ id, spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  clear(): void {
    this.#faults = [];
  }

  list(): ActiveFault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  /** Takes one use of the first fault that matches, or returns undefined. */
  take(method: string, route: string | undefined, query?: URLSearchParams): FaultKind | undefined {
    const fault = this.#faults.find(
      ({ spec }) =>
        (spec.method === undefined || spec.method.toUpperCase() === method) &&
        (spec.route === undefined || spec.route === route) &&
        (spec.queryParam === undefined || query?.has(spec.queryParam) === true),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== fault);
    return fault.spec;
  }
}
