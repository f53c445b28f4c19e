import { isLocalDate, nextLocalDate } from './localDate.js';
import { zonedWallTimeToUtc } from './zonedWallTime.js';

/** The instants a local date covers: `[start, end)`. */
export interface LocalDayBounds {
  /** The date's first instant: its local midnight (or, where the clocks skip midnight, the first local time after the gap). */
  start: Date;
  /** The next date's first instant (exclusive). */
  end: Date;
}

/**
 * The instants of local date `date` (`YYYY-MM-DD`) on the wall clock of IANA `zone`: from
 * its 00:00 to the next date's 00:00. A day on which the clocks change is 23 or 25 hours
 * long (or 23½, 24½ in zones that switch by half an hour); a day the zone skips altogether
 * (Pacific/Apia's 2011-12-30) has `start` equal to `end`. Null for an invalid date or zone.
 */
export function localDayBounds(date: string, zone: string): LocalDayBounds | null {
  if (!isLocalDate(date)) return null;
  const start = zonedWallTimeToUtc(date, 0, zone);
  const end = zonedWallTimeToUtc(nextLocalDate(date), 0, zone);
  if (!start || !end) return null;
  // A skipped day: its midnight moves forward past the next one's.
  return start.getTime() <= end.getTime() ? { start, end } : { start: end, end };
}
