import { ErrorCode, UpstreamError } from '../../errors/index.js';

export interface RetryOptions {
  /** Attempts per idempotent call, the first included (1 = no retries). */
  maxAttempts: number;
  /** Backoff cap of the first retry; doubles per retry. */
  baseDelayMs: number;
  /** Upper bound of any one backoff. */
  maxDelayMs: number;
}

/** HTTP statuses worth another try: the provider is overloaded or a proxy failed. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Whether a failed idempotent attempt may be retried. Retried: 429/500/502/503/504, and
 * failures without an HTTP answer — timeouts, refused or reset connections, and bodies
 * that broke off before their Content-Length (UPSTREAM_BAD_RESPONSE without a status).
 * Never retried: any other 4xx (400, 401, 403, 404 — the same request gets the same
 * answer), and a complete 2xx whose body is not valid JSON or has the wrong shape (the
 * provider would send the same body again). Errors that are not UpstreamErrors (a bug of
 * ours) are never retried either.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  const status = error.upstreamStatus;
  if (status !== undefined) return RETRYABLE_STATUSES.has(status);
  const code = error.extensions.code;
  return code === ErrorCode.UPSTREAM_UNAVAILABLE || code === ErrorCode.UPSTREAM_TIMEOUT || code === ErrorCode.UPSTREAM_BAD_RESPONSE;
}

/**
 * The wait the provider asked for (`Retry-After` on a 429 or 503), in ms; undefined when
 * it asked for none.
 */
export function requestedWaitMs(error: unknown): number | undefined {
  if (!(error instanceof UpstreamError) || error.retryAfter === undefined) return undefined;
  return error.upstreamStatus === 429 || error.upstreamStatus === 503 ? error.retryAfter * 1000 : undefined;
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and
 * Jitter"): a uniformly random wait in [0, min(max, base · 2^(retry−1))]. Full jitter
 * spreads the retries of many simultaneous callers instead of synchronising them.
 * `retry` is 1 for the first retry.
 */
export function backoffDelayMs(retry: number, options: RetryOptions, random: () => number = Math.random): number {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * cap);
}
