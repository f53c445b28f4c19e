import { localDateIn, zonedWallTimeToUtc } from '../../datetime/index.js';
import { isWindowEmpty, type SessionWindow } from '../../models/index.js';
import { BLANK, DAY_MINUTES, minutesIn } from './minuteClauses.js';
import { addDays } from './sessionWhere.js';

/**
 * How a time window is read from the feed by minutes of one local date (see
 * minuteWindowSource.ts): `streams` are queries whose sessions all match the window, each
 * on one length of `rstartmins` text (3 digits, 4 digits), so that the feed's sort by
 * `startDate,rstartmins,schedid` is start order; `rest` (read whole and filtered exactly) holds
 * what cannot be streamed: minutes of one or two digits (00:00–01:39), blank `rstartmins`
 * (all-day sessions, a time without minutes), sessions of earlier dates still running.
 * With no `rest`, the first stream is `headed`: it also selects the date's blank
 * `rstartmins`, which sort before every digit.
 */
export interface MinuteWindowPlan {
  date: string;
  rest: Record<string, unknown> | undefined;
  streams: Array<Record<string, unknown>>;
  headed: boolean;
}

/**
 * The longest an overnight session written with its start date as its end date ("10:00 pm"
 * to "01:30 am" on one date; the mapper reads the end on the next day) may last for
 * `happeningAt` and `endsAfter`: 12 hours. The feed cannot compare two fields, so such a
 * session cannot be told from one that ended earlier that day by a `where`; this bound makes
 * the minutes it can have disjoint from theirs. A longer one (08:00 to 07:00 the next
 * morning, one date) is missed by those two filters; one with the next date as `endDate`
 * never is.
 */
export const MAX_OVERNIGHT_MINUTES = 720;

/** Below it, minutes have one or two digits. */
const LOW = 100;
/** From it, four digits. */
const FOUR_DIGITS = 1000;
/** Below every ISO date and above the feed's blanks (as in sessionWhere.ts). */
const DATED = '0';
const MINUTE_MS = 60_000;

type Wall = (minutes: number) => number;

function wallOf(date: string, zone: string): Wall {
  return (minutes) => zonedWallTimeToUtc(date, minutes, zone)?.getTime() ?? Number.NaN;
}

/** A date without a clock change: every wall minute is its instant. */
function steady(at: Wall): boolean {
  return at(DAY_MINUTES - 1) - at(0) === (DAY_MINUTES - 1) * MINUTE_MS && at(DAY_MINUTES) - at(0) === DAY_MINUTES * MINUTE_MS;
}

/**
 * The k for which the minutes of the day whose instant passes `test` are exactly [0, k), or
 * undefined when they are not such a prefix. Wall time → instant is increasing on a date
 * without a clock change (a binary search); around a spring-forward gap it is not (a skipped
 * 02:59 is 03:59, after 03:00: zonedWallTimeToUtc), so there every minute is tried.
 */
function prefixWhere(at: Wall, test: (instant: number) => boolean): number | undefined {
  if (steady(at)) {
    let lo = 0;
    let hi = DAY_MINUTES;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (test(at(mid))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  let k = 0;
  while (k < DAY_MINUTES && test(at(k))) k += 1;
  for (let m = k; m < DAY_MINUTES; m += 1) if (test(at(m))) return undefined;
  return k;
}

/**
 * The first minute (at least LOW, below `hi`) from which every minute is a later instant than
 * the one before and than every earlier minute: minutes below it are read with `rest`. On a
 * date without a clock change, LOW; after a spring-forward gap, the end of the hour the gap's
 * minutes land in (04:00).
 */
function streamFrom(at: Wall, hi: number): number {
  if (steady(at)) return LOW;
  let from = LOW;
  for (let m = 0; m + 1 < hi; m += 1) if (!(at(m + 1) > at(m))) from = Math.max(from, m + 1);
  let latest = -Infinity;
  for (let m = 0; m < hi; m += 1) {
    if (m >= from && at(m) > latest) return m;
    latest = Math.max(latest, at(m));
  }
  return hi;
}

const or = (clauses: Array<Record<string, unknown>>): Record<string, unknown> => (clauses.length === 1 ? clauses[0]! : { $or: clauses });

/**
 * The plan for `window` in the conference's zone, or undefined when the window is not one of:
 * - a start window within one local date (`startsAfter` and `startsBefore`);
 * - running at an instant (`happeningAt`), or ending after it and starting before a later one
 *   on its date (`endsAfter` + `startsBefore`: "now and next").
 * The caller falls back to reading the window's dates.
 */
export function minuteWindowPlan(window: SessionWindow | undefined, zone: string): MinuteWindowPlan | undefined {
  if (!window || isWindowEmpty(window) || window.endsBefore) return undefined;
  // Pure, and a day the clocks change on tries every minute: planned once per window and zone.
  const key = `${zone}|${JSON.stringify(window)}`;
  if (plans.has(key)) return plans.get(key);
  const plan = planFor(window, zone);
  if (plans.size >= MAX_PLANS) plans.clear();
  plans.set(key, plan);
  return plan;
}

const plans = new Map<string, MinuteWindowPlan | undefined>();
const MAX_PLANS = 1_000;

function planFor(window: SessionWindow, zone: string): MinuteWindowPlan | undefined {
  const { startsAfter, startsBefore, endsAfter, happeningAt } = window;
  if (!endsAfter && !happeningAt) return startsAfter && startsBefore ? startPlan(startsAfter.getTime(), startsBefore.getTime(), zone) : undefined;
  if (startsAfter || (endsAfter && happeningAt)) return undefined;
  const at = (endsAfter ?? happeningAt)!.getTime();
  const before = happeningAt ? Math.min(at + 1, startsBefore?.getTime() ?? Infinity) : startsBefore?.getTime();
  return before === undefined ? undefined : runningPlan(at, before, zone);
}

function startPlan(from: number, to: number, zone: string): MinuteWindowPlan | undefined {
  const date = localDateIn(new Date(from), zone);
  if (to <= from || localDateIn(new Date(to - 1), zone) !== date) return undefined;
  const at = wallOf(date, zone);
  // The minutes whose instant is in [from, to): [first, end), or no plan.
  const first = prefixWhere(at, (t) => t < from);
  const end = prefixWhere(at, (t) => t < to);
  if (first === undefined || end === undefined || first >= end) return undefined;
  const streamed = streamFrom(at, end);
  const low = minutesIn('rstartmins', first, Math.min(end, streamed));
  const streams = [
    [streamed, FOUR_DIGITS],
    [Math.max(streamed, FOUR_DIGITS), DAY_MINUTES],
  ].flatMap(([x, y]) => {
    const alternatives = minutesIn('rstartmins', Math.max(first, x!), Math.min(end, y!));
    return alternatives.length > 0 ? [alternatives] : [];
  });
  // Blank `rstartmins`: an all-day session (at midnight) or a time the feed gave no minutes for.
  const blank = { rstartmins: BLANK };
  if (low.length > 0 || streams.length === 0) {
    return { date, rest: { startDate: date, $or: [...low, blank] }, streams: streams.map((s) => ({ startDate: date, $or: s })), headed: false };
  }
  return { date, rest: undefined, streams: streams.map((s, i) => ({ startDate: date, $or: i === 0 ? [...s, blank] : s })), headed: true };
}

/**
 * Sessions running at `at` (start ≤ at < effective end) that start before `before`, plus those
 * starting in (at, before): by their start date D (at's local date), start minute and end.
 * - D, started by `at` (minutes [0, a]), ending after it: on D after minute a (end date D or
 *   blank), or on a later end date with an end time; or overnight on D's date (end minutes
 *   below the start's: at most MAX_OVERNIGHT_MINUTES long, so started at 12:00 or later and
 *   ended by a − 720 — minutes no session ending that day can have).
 * - D, starting in (at, before): all of them.
 * - earlier dates (read whole, `rest`): an end date after D; end date D after minute a; the
 *   day before's overnight sessions (same bound) and all-day sessions (24 h can reach D).
 * Wall minutes are instants on dates without a clock change (checked: D and the day before);
 * around one, the overnight clauses widen by an hour and are read whole.
 */
function runningPlan(at: number, before: number, zone: string): MinuteWindowPlan | undefined {
  const date = localDateIn(new Date(at), zone);
  const dayBefore = addDays(date, -1);
  const wall = wallOf(date, zone);
  // Started by `at`: minutes [0, a]; starting before `before`: [0, startsBy).
  const upToAt = prefixWhere(wall, (t) => t <= at);
  const startsBy = prefixWhere(wall, (t) => t < before);
  if (upToAt === undefined || startsBy === undefined || upToAt === 0 || startsBy === 0) return undefined;
  if (localDateIn(new Date(before - 1), zone) !== date) return undefined;
  const a = upToAt - 1;
  const streamed = streamFrom(wall, startsBy);
  const wallBefore = wallOf(dayBefore, zone);
  const exact = steady(wall) && steady(wallBefore) && wall(0) - wallBefore(0) === DAY_MINUTES * MINUTE_MS;
  const slack = exact ? 0 : 60;
  const running = Math.min(a + 1, startsBy);

  const sameEnd = (d: string) => ({ endDate: { $in: [d, '', ' ', null] } });
  const endsLaterToday = minutesIn('rendmins', a + 1, DAY_MINUTES);
  const endsAfter = or([
    ...(endsLaterToday.length > 0 ? [{ ...sameEnd(date), $or: endsLaterToday }] : []),
    { endDate: { $gt: date }, rendmins: { $nin: ['', ' ', null] } },
  ]);
  const overnight = (x: number, y: number) => {
    const starts = minutesIn('rstartmins', Math.max(x, MAX_OVERNIGHT_MINUTES - slack), Math.min(y, running));
    const ends = minutesIn('rendmins', 0, a - MAX_OVERNIGHT_MINUTES + slack + 1);
    return starts.length > 0 && ends.length > 0 ? [{ startDate: date, ...sameEnd(date), $and: [{ $or: starts }, { $or: ends }] }] : [];
  };
  const onDate = (x: number, y: number, withOvernight: boolean): Array<Record<string, unknown>> => {
    const started = minutesIn('rstartmins', x, Math.min(y, running));
    const later = minutesIn('rstartmins', Math.max(x, a + 1), Math.min(y, startsBy));
    return [
      ...(started.length > 0 ? [{ startDate: date, $and: [{ $or: started }, endsAfter] }] : []),
      ...(later.length > 0 ? [{ startDate: date, $or: later }] : []),
      ...(withOvernight ? overnight(x, y) : []),
    ];
  };
  const nightStarts = minutesIn('rstartmins', a + 1 + MAX_OVERNIGHT_MINUTES - slack, DAY_MINUTES);
  const nightEnds = minutesIn('rendmins', Math.max(0, a + 1 - slack), MAX_OVERNIGHT_MINUTES + slack);
  // Read whole and filtered here: each clause may select more than matches (shorter URLs).
  const rest = or([
    { startDate: date, $or: minutesIn('rstartmins', 0, Math.min(streamed, startsBy)) },
    ...(exact ? [] : overnight(streamed, DAY_MINUTES)),
    { startDate: date, rstartmins: BLANK },
    { startDate: { $gte: DATED, $lt: date }, endDate: { $gt: date } },
    { startDate: { $gte: DATED, $lt: date }, endDate: date },
    { startDate: dayBefore, rstartmins: BLANK },
    ...(nightStarts.length > 0 && nightEnds.length > 0
      ? [{ startDate: dayBefore, ...sameEnd(dayBefore), $and: [{ $or: nightStarts }, { $or: nightEnds }] }]
      : []),
  ]);
  const streams = [
    [streamed, FOUR_DIGITS],
    [Math.max(streamed, FOUR_DIGITS), DAY_MINUTES],
  ].flatMap(([x, y]) => {
    const clauses = onDate(x!, y!, exact);
    return clauses.length > 0 ? [or(clauses)] : [];
  });
  return { date, rest, streams, headed: false };
}
