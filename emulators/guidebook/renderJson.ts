/**
 * A float as Python's `json` prints it: `0.0`, not `0`. JavaScript cannot tell 0 from 0.0,
 * so values that are floats on the provider (rank, latitude, longitude) are wrapped with
 * `pyFloat` and printed by `renderJson`. After `JSON.parse` the value is the same number.
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

export function pyFloat(value: number): PyFloat;
export function pyFloat(value: number | null): PyFloat | null;
export function pyFloat(value: number | null): PyFloat | null {
  return value === null ? null : new PyFloat(value);
}

const MARK = '\u0000pyfloat:';

function pythonRepr(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  return String(value);
}

/** JSON text as DRF's JSONRenderer prints it: compact, UTF-8, floats with a fraction. */
export function renderJson(body: unknown): string {
  const text = JSON.stringify(body, (_key, value: unknown) => (value instanceof PyFloat ? `${MARK}${pythonRepr(value.value)}` : value));
  return text.replace(/"\\u0000pyfloat:([^"]*)"/g, '$1');
}
