import { ErrorCode, UpstreamError } from '../../errors/index.js';
import type { AttemptOutcome } from './circuitBreaker.js';

/** Codes that, without an HTTP answer, mean the provider could not serve the attempt. */
const TRANSPORT_FAILURE_CODES = new Set<string>([
  ErrorCode.UPSTREAM_UNAVAILABLE,
  ErrorCode.UPSTREAM_TIMEOUT,
  ErrorCode.UPSTREAM_BAD_RESPONSE,
  ErrorCode.UPSTREAM_OUTCOME_UNKNOWN,
]);

/**
 * How an attempt counts for the provider's circuit breaker:
 * - `failure`: no usable answer — a 5xx, a timeout, a refused or reset connection, a body
 *   that broke off. These are what make calls pointless and slow, so they open the breaker.
 * - `success`: any complete HTTP answer below 500 (a 404, 401 or 429 proves the provider is
 *   up; a breaker must not hide a credential problem behind "unavailable"), and a
 *   complete 200 whose body is unreadable (a contract problem, fast to fail, not an outage).
 * - `neutral`: the attempt never reached the provider for reasons of our own (e.g. the
 *   gateway's quota guard refused it) — it says nothing about the provider's health.
 */
export function attemptOutcome(error: unknown): AttemptOutcome {
  if (!(error instanceof UpstreamError)) return 'neutral';
  const status = error.upstreamStatus;
  if (status !== undefined) return status >= 500 ? 'failure' : 'success';
  return TRANSPORT_FAILURE_CODES.has(String(error.extensions.code)) ? 'failure' : 'neutral';
}
