import { parseClockMinutes } from './mapper.js';

/** Minutes in a day: `rstartmins`/`rendmins` are 0 … 1439. */
export const DAY_MINUTES = 1440;

/** Matches a blank, null or missing value (Mongo's `$in` with null also matches a missing field). */
export const BLANK = { $in: ['', ' ', null] } as const;

/** Whether a wire `rstartmins`/`rendmins` is blank (null, missing, empty or spaces). */
export function isBlankMinutes(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

// The canonical text of every minute of a day, and its code-point order (how Mongo compares
// strings): a text range selects by this order, not by number.
const TEXTS = Array.from({ length: DAY_MINUTES }, (_, m) => String(m));

/**
 * Pieces with one length of decimal text: [0, 10), [10, 100), [100, 1000), [1000, 1440); the
 * three digits split at 144 because four-digit minutes start "100"…"143" (a text range that
 * starts at "100" holds them, one that starts at "144" none).
 */
const LENGTH_BOUNDS = [0, 10, 100, 144, 1000, DAY_MINUTES] as const;

/**
 * Mongo alternatives (for `$or`) that select exactly the documents whose `field` is a minute
 * in `[lo, hi)`: written as its decimal text (how the feed stores `rstartmins`/`rendmins`,
 * PROVIDERS.md: "540") or as a number. Empty when the range is.
 *
 * The feed compares strings by code point (`"1000"` < `"540"`), so a plain `$gte`/`$lt` on
 * text is wrong and a `$in` of every minute is long (a whole afternoon is ~500 values in the
 * URL). Per length of the decimal text, the shorter of two exact forms is used: the `$in`
 * of the values, or the text range from the first to the last value with a `$nin` of the
 * other minutes whose text falls inside it (a range `"144"`…`"660"` also holds `"2"` and
 * `"15"`; minutes of four digits start `"10"`…`"14"`, below `"144"`). Texts that are no
 * minute of a day (`"0540"`, `"9:00"`) are assumed absent: every session read is checked.
 */
export function minutesIn(field: string, lo: number, hi: number): Array<Record<string, unknown>> {
  const from = Math.max(0, Math.ceil(lo));
  const to = Math.min(DAY_MINUTES, Math.ceil(hi));
  if (from >= to) return [];
  const listed: string[] = [];
  const ranges: Array<Record<string, unknown>> = [];
  for (let i = 0; i + 1 < LENGTH_BOUNDS.length; i += 1) {
    const x = Math.max(from, LENGTH_BOUNDS[i]!);
    const y = Math.min(to, LENGTH_BOUNDS[i + 1]!);
    if (x >= y) continue;
    const first = TEXTS[x]!;
    const last = TEXTS[y - 1]!;
    const others = TEXTS.filter((text, m) => (m < x || m >= y) && text >= first && text <= last);
    if (others.length + 2 < y - x) {
      ranges.push({ [field]: others.length > 0 ? { $gte: first, $lte: last, $nin: others } : { $gte: first, $lte: last } });
    } else {
      listed.push(...TEXTS.slice(x, y));
    }
  }
  const exact = [...(listed.length > 0 ? [{ [field]: { $in: listed } }] : []), ...ranges, { [field]: { $gte: from, $lt: to } }];
  if (to < DAY_MINUTES) return exact;
  // To the end of the day: "none of the minutes before" may be shorter (a late-night bound).
  // Numbers below `from` are left out by `$not $lt` (a string is never less than a number).
  const complement = [{ [field]: { $nin: [...TEXTS.slice(0, from), '', ' ', null], $not: { $lt: from } } }];
  return JSON.stringify(complement).length < JSON.stringify(exact).length ? complement : exact;
}

/**
 * Whether a wire session's `rstartmins` and `rendmins` agree with its `startTime` and
 * `endTime` (minutes after midnight, PROVIDERS.md) or are blank: the minute-based reads
 * select by them and order by them, and the mapper reads the times.
 */
export function minutesAgree(item: { startTime?: unknown; rstartmins?: unknown; endTime?: unknown; rendmins?: unknown }): boolean {
  return agrees(item.startTime, item.rstartmins) && agrees(item.endTime, item.rendmins);
}

/** As minutesAgree, for the start alone (what a read that selects by start minutes relies on). */
export function startMinutesAgree(item: { startTime?: unknown; rstartmins?: unknown }): boolean {
  return agrees(item.startTime, item.rstartmins);
}

function agrees(clock: unknown, raw: unknown): boolean {
  if (isBlankMinutes(raw)) return true;
  // Text must be the canonical decimal ("540", not "0540"): the selections list those.
  const minutes = typeof raw === 'number' ? raw : typeof raw === 'string' && /^(0|[1-9]\d{0,3})$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(Number.isInteger(minutes) && minutes >= 0 && minutes < DAY_MINUTES)) return false;
  const parsed = parseClockMinutes(typeof clock === 'string' ? clock : null);
  return parsed === null || parsed === minutes;
}
