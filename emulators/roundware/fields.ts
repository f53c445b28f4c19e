import { formatIsoNaive, parseNaiveDateTime } from './datetime.js';

/** A DRF field's verdict on one input value. */
export type Cleaned<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Cleaned<T> => ({ ok: true, value });
const fail = <T>(error: string): Cleaned<T> => ({ ok: false, error });

export const NOT_NULL = 'This field may not be null.';
export const REQUIRED = 'This field is required.';

/** Python's `type(value).__name__` for a value parsed from JSON or a form. */
export function pythonTypeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/** Python's `str(value)` for the scalars error messages quote. */
export function pythonStr(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/**
 * `int(value)` as Django's IntegerField does before a pk lookup: a number (truncated) or a
 * string of digits (surrounding whitespace allowed); `TypeError`/`ValueError` otherwise.
 */
export function pythonInt(value: unknown): number | 'TypeError' | 'ValueError' {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 'ValueError';
  if (typeof value === 'string') return /^\s*[+-]?\d+\s*$/.test(value) ? Number.parseInt(value.trim(), 10) : 'ValueError';
  return 'TypeError';
}

const TRUE_VALUES = new Set<unknown>(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1', 1, true]);
const FALSE_VALUES = new Set<unknown>(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0', 0, false]);

/** DRF 3.12 `BooleanField` (not nullable). */
export function cleanBoolean(value: unknown): Cleaned<boolean> {
  if (value === null) return fail(NOT_NULL);
  if (TRUE_VALUES.has(value)) return ok(true);
  if (FALSE_VALUES.has(value)) return ok(false);
  return fail('Must be a valid boolean.');
}

/** DRF `CharField` with whitespace trimming, `max_length`, `allow_null` and `allow_blank`. */
export function cleanChar(value: unknown, options: { maxLength: number; allowNull: boolean; allowBlank: boolean }): Cleaned<string | null> {
  if (value === null) return options.allowNull ? ok(null) : fail(NOT_NULL);
  if (typeof value !== 'string' && typeof value !== 'number') return fail('Not a valid string.');
  const text = String(value).trim();
  if (text === '') return options.allowBlank ? ok('') : fail('This field may not be blank.');
  if (text.length > options.maxLength) return fail(`Ensure this field has no more than ${options.maxLength} characters.`);
  return ok(text);
}

/** DRF `DateTimeField` input with `USE_TZ=False`; the value comes back as the wire string. */
export function cleanDateTime(value: unknown, allowNull: boolean): Cleaned<string | null> {
  if (value === null) return allowNull ? ok(null) : fail(NOT_NULL);
  const parsed = typeof value === 'string' ? parseNaiveDateTime(value.trim(), { allowOffset: true, allowDateOnly: false }) : undefined;
  if (!parsed) return fail('Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].');
  return ok(formatIsoNaive(parsed));
}

/** DRF `PrimaryKeyRelatedField`: the pk of an existing row, with DRF's messages otherwise; `""` counts as null. */
export function cleanPrimaryKey(input: unknown, allowNull: boolean, exists: (id: number) => boolean): Cleaned<number | null> {
  const value = input === '' ? null : input;
  if (value === null) return allowNull ? ok(null) : fail(NOT_NULL);
  const id = typeof value === 'boolean' ? 'TypeError' : pythonInt(value);
  if (typeof id !== 'number') return fail(`Incorrect type. Expected pk value, received ${pythonTypeName(value)}.`);
  return exists(id) ? ok(id) : fail(`Invalid pk "${pythonStr(value)}" - object does not exist.`);
}
