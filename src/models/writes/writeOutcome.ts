import type { UserError } from './userError.js';

/**
 * What a validated write gives back: the changed object, or the reasons the input was
 * refused (by the gateway's validation, or by the provider's 400/404). Failures of the
 * provider itself (401, 429, 5xx, timeouts, unknown outcome) are thrown, not returned.
 */
export type WriteOutcome<T> =
  { ok: true; value: T; /** The provider's HTTP status, when it answered. */ status?: number } | { ok: false; userErrors: UserError[] };

export function succeeded<T>(value: T, status?: number): WriteOutcome<T> {
  return status === undefined ? { ok: true, value } : { ok: true, value, status };
}

export function refused<T>(userErrors: UserError[]): WriteOutcome<T> {
  return { ok: false, userErrors };
}
