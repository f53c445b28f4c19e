import { DateTime, IANAZone } from 'luxon';

// Turning a local wall-clock time into an instant needs the zone's UTC offset, and asking
// Intl for it costs microseconds each time: a feed of a thousand sessions asked it several
// thousand times per read. The offset is instead looked up once per zone and day, and
// only a day on which it changes (a DST switch) goes through luxon's full resolution.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Per `zone|date`: the offset in minutes that holds all that day, or null for a switch day. */
const steadyOffsets = new Map<string, number | null>();
const MAX_REMEMBERED = 20_000;

function steadyOffset(zone: string, date: string, localMidnight: number): number | null | undefined {
  const key = `${zone}|${date}`;
  const known = steadyOffsets.get(key);
  if (known !== undefined) return known;
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return undefined;
  // Every local time of the day (and of the next, for times past midnight) maps to an
  // instant in this window whatever the offset (−14 h … +14 h); if the offset is the same
  // at both ends it holds throughout, since zones never switch twice within two days.
  const before = tz.offset(localMidnight - 14 * HOUR_MS);
  const after = tz.offset(localMidnight + 2 * DAY_MS + 14 * HOUR_MS);
  const steady = before === after ? before : null;
  if (steadyOffsets.size >= MAX_REMEMBERED) steadyOffsets.clear();
  steadyOffsets.set(key, steady);
  return steady;
}

/**
 * The instant of `date` (`YYYY-MM-DD`) plus `minutes` (may exceed a day: `25:00` is 1 am
 * the next day) plus `seconds`, on the wall clock of IANA `zone`. On the day clocks go back,
 * an ambiguous time is the first occurrence; a time skipped in spring moves forward by the
 * gap (luxon's rules). Null for an invalid date or zone.
 */
export function zonedWallTimeToUtc(date: string, minutes: number, zone: string, seconds = 0): Date | null {
  const m = ISO_DATE.exec(date);
  if (m) {
    const localMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    const check = new Date(localMidnight);
    if (
      check.getUTCFullYear() === Number(m[1]) &&
      check.getUTCMonth() === Number(m[2]) - 1 &&
      check.getUTCDate() === Number(m[3]) &&
      Number.isInteger(minutes) &&
      minutes >= 0 &&
      minutes < 2 * 1440
    ) {
      const offset = steadyOffset(zone, date, localMidnight);
      if (offset === undefined) return null;
      if (offset !== null) return new Date(localMidnight + minutes * 60_000 + seconds * 1000 - offset * 60_000);
    }
  }
  return resolveWithLuxon(date, minutes, seconds, zone);
}

/** Per `zone|date|minutes|seconds` on days around a switch: the instant (ms) or null. */
const resolvedNearSwitch = new Map<string, number | null>();

/**
 * The full resolution: midnight of the day in the zone, then the wall time set on it.
 * Sessions near a switch share a few time slots, so each slot is resolved once.
 */
function resolveWithLuxon(date: string, minutes: number, seconds: number, zone: string): Date | null {
  const key = `${zone}|${date}|${minutes}|${seconds}`;
  let instant = resolvedNearSwitch.get(key);
  if (instant === undefined) {
    const day = DateTime.fromISO(date, { zone });
    const local = day.isValid
      ? day.set({ hour: Math.floor(minutes / 60) % 24, minute: minutes % 60, second: seconds }).plus({ days: Math.floor(minutes / 1440) })
      : undefined;
    instant = local?.isValid ? local.toMillis() : null;
    if (resolvedNearSwitch.size >= MAX_REMEMBERED) resolvedNearSwitch.clear();
    resolvedNearSwitch.set(key, instant);
  }
  return instant === null ? null : new Date(instant);
}
