import type { UserError } from './userError.js';

/**
 * What a validated write gives back: the changed object, or the reasons the input was
 * refused (by the gateway's validation, or by the provider's 400/404). Failures of the
 * provider itself (401, 429, 5xx, timeouts, unknown outcome) are thrown, not returned.
 */
export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; userErrors: UserError[] };

export function succeeded<T>(value: T): WriteOutcome<T> {
  return { ok: true, value };
}

export function refused<T>(userErrors: UserError[]): WriteOutcome<T> {
  return { ok: false, userErrors };
}
