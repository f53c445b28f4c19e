/**
 * Naive datetimes the way a Django project with `USE_TZ=False` handles them: no offset,
 * microsecond precision, and Python's `isoformat()` dropping the fraction when it is zero.
 */
export interface NaiveDateTime {
  /** Milliseconds since the epoch, reading the wall-clock fields as if they were UTC. */
  epochMs: number;
  /** 0..999 microseconds below the millisecond. */
  extraMicros: number;
}

// Django's `parse_datetime` (django/utils/dateparse.py): 1-2 digit fields, 'T' or space,
// a fraction of up to 6 kept digits, an optional Z or ±HH[:MM] offset.
const DJANGO_DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE_ONLY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * Parses a datetime as DRF's `DateTimeField` does with `USE_TZ=False`: an offset, when given,
 * is converted to UTC and dropped. Undefined when the text is not a valid datetime.
 */
export function parseNaiveDateTime(text: string, options: { allowOffset: boolean; allowDateOnly: boolean }): NaiveDateTime | undefined {
  const dateOnly = options.allowDateOnly ? DATE_ONLY.exec(text) : null;
  if (dateOnly) return build(dateOnly[1], dateOnly[2], dateOnly[3], '0', '0', '0', undefined, 0);
  const match = DJANGO_DATETIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  let offsetMinutes = 0;
  if (offset !== undefined) {
    if (!options.allowOffset) return undefined;
    if (offset !== 'Z') {
      const sign = offset.startsWith('-') ? -1 : 1;
      const digits = offset.slice(1).replace(':', '');
      offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
    }
  }
  return build(y, mo, d, h, mi, s ?? '0', fraction, offsetMinutes);
}

function build(
  y: string | undefined,
  mo: string | undefined,
  d: string | undefined,
  h: string | undefined,
  mi: string | undefined,
  s: string | undefined,
  fraction: string | undefined,
  offsetMinutes: number,
): NaiveDateTime | undefined {
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = fields;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  // Python's datetime() rejects 2017-02-30 or 25:00 rather than rolling over.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  const micros = Number((fraction ?? '').padEnd(6, '0'));
  return { epochMs: wall - offsetMinutes * 60_000 + Math.floor(micros / 1000), extraMicros: micros % 1000 };
}

/** Python's `datetime.isoformat()` of a naive datetime: `2017-09-06T15:43:35.947761`. */
export function formatIsoNaive(value: NaiveDateTime): string {
  return formatWith(value, 'T');
}

/** Python's `str(datetime)`: the same, with a space between date and time. */
export function formatPythonStr(value: NaiveDateTime): string {
  return formatWith(value, ' ');
}

function formatWith(value: NaiveDateTime, separator: string): string {
  const iso = new Date(value.epochMs).toISOString(); // 2017-09-06T15:43:35.947Z
  const micros = (((value.epochMs % 1000) + 1000) % 1000) * 1000 + value.extraMicros;
  const base = `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}`;
  return micros === 0 ? base : `${base}.${String(micros).padStart(6, '0')}`;
}

/** A string that sorts and compares like the instant: `2017-09-06T15:43:35.947761` always with 6 digits. */
export function naiveKey(value: NaiveDateTime): string {
  const formatted = formatIsoNaive(value);
  return formatted.length === 19 ? `${formatted}.000000` : formatted;
}

/** The server's clock as `datetime.utcnow()`, microseconds included. */
export function utcNow(): NaiveDateTime {
  return { epochMs: Date.now(), extraMicros: Number(process.hrtime.bigint() % 1000n) };
}
