import type { Micros } from './records.js';

/** DRF's `invalid` message for a DateTimeField whose input format is ISO 8601. */
export const DATETIME_FORMAT_ERROR = 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';

/**
 * Prints a datetime exactly as Guidebook does: UTC, six fraction digits and `+0000`
 * without a colon, e.g. `2017-09-18T16:00:00.000000+0000`.
 */
export function formatDateTime(value: Micros): string {
  const ms = Math.floor(value / 1000);
  const micros = value - ms * 1000;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}${String(micros).padStart(3, '0')}+0000`;
}

/** `formatDateTime` for nullable columns. */
export function formatNullableDateTime(value: Micros | null): string | null {
  return value === null ? null : formatDateTime(value);
}

// Django's `parse_datetime` pattern (django.utils.dateparse.datetime_re).
const DATETIME_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses a datetime the way DRF's DateTimeField does with Django's `parse_datetime`:
 * `T` or space separator, optional seconds and fraction, offset `Z`, `+HH`, `+HHMM` or
 * `+HH:MM`; a naive value is taken as UTC (the server's TIME_ZONE). Returns undefined
 * when the text is not a valid datetime (a date alone is not).
 */
export function parseDateTime(text: string): Micros | undefined {
  const match = DATETIME_RE.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  let offsetMinutes = 0;
  if (tz && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const micros = Number((frac ?? '').padEnd(6, '0'));
  return (date.getTime() - offsetMinutes * 60_000) * 1000 + micros;
}
