const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * The local calendar date (`YYYY-MM-DD`) of `instant` in the IANA zone `zone`, by Intl's
 * zone rules — right across a DST change, whatever the process's own zone.
 */
export function localDateIn(instant: Date, zone: string): string {
  const parts = formatterFor(zone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Whether `text` is a calendar date written `YYYY-MM-DD` (years 0001–9999) that exists:
 * `2026-02-29` and `2026-13-01` are not.
 */
export function isLocalDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  const day = Number(m[3]);
  if (year < 1) return false;
  const check = new Date(Date.UTC(2000, month, day));
  check.setUTCFullYear(year);
  return check.getUTCFullYear() === year && check.getUTCMonth() === month && check.getUTCDate() === day;
}

/** The calendar date after `date` (`YYYY-MM-DD`, valid: see isLocalDate). */
export function nextLocalDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const noon = new Date(Date.UTC(2000, month - 1, day, 12));
  noon.setUTCFullYear(year);
  const next = new Date(noon.getTime() + DAY_MS);
  return `${String(next.getUTCFullYear()).padStart(4, '0')}-${String(next.getUTCMonth() + 1).padStart(2, '0')}-${String(next.getUTCDate()).padStart(2, '0')}`;
}
