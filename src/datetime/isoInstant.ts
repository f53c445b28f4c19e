// A strict reader for the one ISO 8601 shape the providers send for instants, because
// mapping a list of hundreds of records parses two instants each, and a general parser
// (luxon) spends most of a cache-miss request there. Anything else is left to the caller.

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

/**
 * `2017-09-18T16:00:00.000000+0000`, `2017-09-06 15:43:35.947761`, `2017-09-18T18:00+02:00`
 * → the instant; a time without an offset is read as UTC. Fractions beyond milliseconds are
 * truncated. Returns undefined for any other text and for impossible dates or times
 * (`2017-02-30`, `24:00`), so the caller can hand those to a full parser.
 */
export function parseIsoInstant(text: string): Date | undefined {
  const m = ISO_INSTANT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, offsetHours, offsetMinutes] = m;
  const year = Number(y);
  const month = Number(mo) - 1;
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  // Date.UTC maps years 0–99 to 1900–1999; such years never come from these providers.
  if (year < 100 || hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.UTC(year, month, day, hour, minute, second, millis);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month || check.getUTCDate() !== day) return undefined;
  if (zulu || sign === undefined) return check;
  const hours = Number(offsetHours);
  const minutes = Number(offsetMinutes ?? 0);
  if (hours > 23 || minutes > 59) return undefined;
  const offset = hours * 60 + minutes;
  return new Date(wall - (sign === '-' ? -offset : offset) * 60_000);
}
