import { localDateIn } from '../../datetime/index.js';
import { isWindowEmpty, type SessionWindow } from '../../models/index.js';

/** What of a session filter the feed can answer in `where` (see `sessionWhere`). */
export interface PushableFilter {
  window?: SessionWindow | undefined;
  speakerPid?: string | undefined;
  /** A room by the feed's `roomid` (a Planstone location's source id). */
  roomId?: string | undefined;
}

/** `date` (`YYYY-MM-DD`) moved by `days`. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** An id the feed may store as text or (when numeric) as a number: Mongo compares types strictly. */
function textOrNumber(id: string): unknown {
  return /^\d{1,15}$/.test(id) ? { $in: [id, Number(id)] } : id;
}

// Below every ISO date and above the feed's blanks ("" and " "): a floor on `startDate`
// that leaves out sessions without a date, which match no time bound.
const DATED = '0';

/**
 * The `where` clauses (beside `account`/`conference`) that select a superset of the sessions
 * matching `filter`, from the fields the feed stores as comparable strings: `startDate` and
 * `endDate` are ISO local dates (or blank), so a range of dates is a string range. Undefined:
 * nothing to push down (read the whole feed). Null: no session can match (read nothing).
 *
 * The local dates, in the conference's zone `zone`, that can hold a matching session:
 * - a start at or after `startsAfter` is on its local date or later; a start before
 *   `startsBefore` on the local date of the instant just before it or earlier; a start at or
 *   before `happeningAt` or `endsBefore` (an end never precedes its start) on that date or earlier;
 * - an end after `endsAfter` / `happeningAt` (instant E): a session's end is on its `endDate`
 *   when the feed gives one other than the start date, otherwise on its start date or the day
 *   after (a session past midnight; an all-day session's 24 hours) — so the start date is at
 *   least E's local date − 1, or the `endDate` at least E's local date.
 * The caller still checks every session read with `sessionInWindow`.
 *
 * `speakerPid`: sessions engaging that person (`speakers.pid`); `roomId`: sessions in that room
 * (`roomid`); each as text or number.
 */
export function sessionWhere(filter: PushableFilter, zone: string): Record<string, unknown> | null | undefined {
  const window = filter.window && !isWindowEmpty(filter.window) ? filter.window : undefined;
  const clauses: Record<string, unknown> = {};
  if (filter.speakerPid !== undefined) {
    clauses['speakers.pid'] = textOrNumber(filter.speakerPid);
  }
  if (filter.roomId !== undefined) clauses.roomid = textOrNumber(filter.roomId);
  if (!window) return Object.keys(clauses).length > 0 ? clauses : undefined;

  const date = (instant: Date) => localDateIn(instant, zone);
  const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);
  const earlier = (a: string | undefined, b: string) => (a === undefined || b < a ? b : a);
  let low: string | undefined;
  let high: string | undefined;
  if (window.startsAfter) low = date(window.startsAfter);
  if (window.startsBefore) high = earlier(high, date(new Date(window.startsBefore.getTime() - 1)));
  if (window.happeningAt) high = earlier(high, date(window.happeningAt));
  if (window.endsBefore) high = earlier(high, date(window.endsBefore));
  const endAfter = [window.endsAfter, window.happeningAt].filter((d): d is Date => d !== undefined).map(date);
  const endLow = endAfter.length > 0 ? endAfter.reduce((a, b) => (b > a ? b : a)) : undefined;

  const startRange = (from: string | undefined) => ({ $gte: from ?? DATED, ...(high !== undefined ? { $lte: high } : {}) });
  if (endLow === undefined) {
    if (low !== undefined && high !== undefined && low > high) return null;
    return { ...clauses, startDate: startRange(low) };
  }
  const byStart = later(low, addDays(endLow, -1));
  const alternatives: Array<Record<string, unknown>> = [];
  if (high === undefined || byStart <= high) alternatives.push({ startDate: startRange(byStart) });
  if (low === undefined || high === undefined || low <= high) alternatives.push({ endDate: { $gte: endLow }, startDate: startRange(low) });
  if (alternatives.length === 0) return null;
  return { ...clauses, ...(alternatives.length === 1 ? alternatives[0] : { $or: alternatives }) };
}
