/** A UTF-16 surrogate without its other half: not text, and not encodable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `value` with every lone surrogate replaced by U+FFFD — what `URLSearchParams` and
 * `TextEncoder` do — so it can always be encoded. Well-formed text comes back unchanged.
 */
export function toWellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * The one percent-encoding of a path segment or query-string component sent to a provider
 * or used in a cache key. Unlike `encodeURIComponent` it never throws: a lone surrogate is
 * encoded as U+FFFD (`%EF%BF%BD`), as `URL.searchParams` encodes it. Input that reaches a
 * provider has already been refused when it held one (see wellFormedArgumentsCheck); this
 * is the floor beneath that check, not a substitute for it.
 */
export function encodeQueryComponent(value: string): string {
  return encodeURIComponent(toWellFormed(value));
}
