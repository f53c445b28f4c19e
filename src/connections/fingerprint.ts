import { createHash } from 'node:crypto';

/** Length of a fingerprint: 10 base64url characters = 60 bits, ample to tell queries apart. */
const FINGERPRINT_LENGTH = 10;

/**
 * A short, stable hash of a connection's identity (field, filter, orderBy, ...), stored in
 * its cursors so that a cursor from another query is refused instead of silently misread.
 *
 * Stable: object key order does not matter, and properties whose value is `undefined` count
 * as absent (as in JSON). Array order does matter. `value` must be JSON-serialisable.
 */
export function fingerprint(value: unknown): string {
  return createHash('sha1').update(stableStringify(value)).digest('base64url').slice(0, FINGERPRINT_LENGTH);
}

// JSON with object keys sorted at every depth, so equal values hash equally.
function stableStringify(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
    return stableStringify((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : stableStringify(item))).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
