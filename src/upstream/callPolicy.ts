/** What a policy knows about the call it runs. */
export interface CallInfo {
  /** Reads may be retried; writes never are. */
  idempotent: boolean;
  /** At most this many attempts (a read asked for ahead of need gets 1); the policy's own limit otherwise. */
  maxAttempts?: number;
  /** Method and path template, for metrics and logs (never the full URL). */
  route: string;
}

/**
 * One try of an upstream call. `signal` (when the policy sets a deadline) is aborted when
 * the policy gives up on the attempt, so that its request stops and frees its connection.
 */
export type AttemptCall<T> = (attempt: number, signal: AbortSignal | undefined) => Promise<T>;

/**
 * The resilience seam around every upstream call: retries, circuit breaking, quota, an
 * overall deadline. A policy runs `call` (possibly several times) and settles once.
 */
export interface CallPolicy {
  run<T>(call: AttemptCall<T>, info: CallInfo): Promise<T>;
}

/** One attempt, nothing else. */
export const directCallPolicy: CallPolicy = {
  run: (call) => call(1, undefined),
};
