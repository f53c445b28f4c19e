import type { OffsetSource } from '../../connections/index.js';
import { localDateIn, zonedWallTimeToUtc } from '../../datetime/index.js';
import { sessionInWindow, type SessionModel, type SessionWindow } from '../../models/index.js';
import { parseClockMinutes } from './mapper.js';
import { isBlankMinutes, minutesIn, startMinutesAgree } from './minuteClauses.js';
import { addDays } from './sessionWhere.js';
import type { PlanstoneSessionPage } from './wire.js';

/** One page of the feed for a `where` (sorted by startDate,schedid), its wire and its mapped sessions. */
export type WherePageReader = (where: Record<string, unknown>, page: number) => Promise<{ wire: PlanstoneSessionPage; sessions: SessionModel[] }>;

/** How the early-day read reaches the feed and the conference's trust in `rstartmins`. */
export interface EarlyDayDeps {
  readPage: WherePageReader;
  /** Whether `rstartmins` has agreed with `startTime` on every session mapped so far. */
  trusted(): boolean;
  /** A session whose `rstartmins` disagrees with its `startTime` was seen: stop using it. */
  distrust(item: { schedid?: unknown; startTime?: unknown; rstartmins?: unknown }): void;
}

/** The most items an early-day read serves (a first page or two); past it, the whole day is read. */
const MAX_EARLY = 100;
/** The latest minute an `rstartmins` list goes up to (its `where` grows a value a minute). */
const MAX_MINUTE = 720;

/** Per `zone|date`: for each minute m, the earliest instant of the minutes m … 1439 (see `early`'s cutoff). */
const earliest = new Map<string, number[]>();

function earliestFrom(date: string, zone: string): number[] {
  const key = `${zone}|${date}`;
  let list = earliest.get(key);
  if (!list) {
    list = new Array<number>(1441).fill(Infinity);
    for (let m = 1439; m >= 0; m -= 1) list[m] = Math.min(list[m + 1]!, zonedWallTimeToUtc(date, m, zone)?.getTime() ?? Infinity);
    if (earliest.size >= 1_000) earliest.clear();
    earliest.set(key, list);
  }
  return list;
}

/**
 * The local date `window` is exactly (from its midnight to the next one) when `where` selects
 * that one `startDate`; else undefined. A day the clocks change on is one too: see
 * createEarlyDaySource for why its minutes still select its first sessions.
 */
export function wholeDayOf(window: SessionWindow | undefined, where: Record<string, unknown> | null | undefined, zone: string): string | undefined {
  if (!window?.startsAfter || !window.startsBefore || window.endsAfter || window.endsBefore || window.happeningAt) return undefined;
  if (!where || '$or' in where) return undefined;
  const date = localDateIn(window.startsAfter, zone);
  const range = where.startDate as { $gte?: unknown; $lte?: unknown } | undefined;
  if (range?.$gte !== date || range.$lte !== date) return undefined;
  if (zonedWallTimeToUtc(date, 0, zone)?.getTime() !== window.startsAfter.getTime()) return undefined;
  if (zonedWallTimeToUtc(addDays(date, 1), 0, zone)?.getTime() !== window.startsBefore.getTime()) return undefined;
  return date;
}

/**
 * The first sessions of one local day (`date`, a whole day: wholeDayOf)
 * in start order, without reading the whole day: the feed cannot sort by start, but
 * `rstartmins` (minutes after local midnight; text in the feed, so its order is by code point,
 * not by number) can be selected by value. Page 1 of the day's `where` (the page the whole-day
 * read starts with, so a fallback reuses it) gives the day's total and a sample of its
 * sessions (schedid order); from the sample a minute m is chosen by which, at the day's spread,
 * about twice the sessions asked for have started; then one query selects the day's sessions
 * with `rstartmins` below m (as text or number, minuteClauses.ts) or without one (blank, null, missing: their
 * `startTime` decides, read exactly). If at least `offset + limit` of them start before m
 * (checked on their mapped start), those are the first ones of the day: every session of the
 * day starting earlier has its `rstartmins` below m. This holds on a day the clocks change on
 * too: the cutoff is the earliest instant of any minute from m on (on most days m's own; on a
 * spring-forward day a skipped 02:30 is 03:30, later than 03:10), so a session whose
 * `rstartmins` is m or more starts at or after it. Otherwise — or past the first
 * MAX_EARLY items, or once `rstartmins` disagreed with a `startTime` — `wholeDay` serves.
 *
 * Assumes `rstartmins` is the start's minutes after midnight (PROVIDERS.md) or blank: every
 * session read is checked against its `startTime`, and one disagreement switches this read off
 * for the conference (the deps' `distrust`); a wrong `rstartmins` on a session never read
 * here goes unnoticed. Cost of the first page of a day: 2 calls (page 1 of the day and the
 * early query), whatever the day's size.
 */
export function createEarlyDaySource(
  deps: EarlyDayDeps,
  where: Record<string, unknown>,
  date: string,
  window: SessionWindow,
  zone: string,
  compare: (a: SessionModel, b: SessionModel) => number,
  wholeDay: OffsetSource<SessionModel>,
): OffsetSource<SessionModel> {
  const check = (wire: PlanstoneSessionPage): boolean => {
    const wrong = wire._items.find((item) => !startMinutesAgree(item));
    if (wrong) deps.distrust(wrong);
    return wrong === undefined;
  };

  async function early(need: number): Promise<{ items: SessionModel[]; total: number } | undefined> {
    const first = await deps.readPage(where, 1);
    const total = first.wire._meta?.total;
    if (total === undefined || total <= first.wire._items.length || !check(first.wire)) return undefined;
    if (!first.sessions.every((s) => sessionInWindow(s, window))) return undefined;
    // Wall-clock minutes (what `rstartmins` counts), not minutes since midnight: a day the
    // clocks change on has an hour more or less of the latter.
    const sample = first.wire._items
      .map((item) => parseClockMinutes(item.startTime) ?? (isBlankMinutes(item.rstartmins) ? 0 : Number(item.rstartmins)))
      .sort((a, b) => a - b);
    const k = Math.min(sample.length, Math.ceil(((need * sample.length) / total) * 2) + 2);
    const limit = sample[k - 1]! + 1;
    if (limit > MAX_MINUTE) return undefined;
    const earlyWhere = { ...where, $or: [...minutesIn('rstartmins', 0, limit), { rstartmins: { $in: ['', ' ', null] } }] };
    const one = await deps.readPage(earlyWhere, 1);
    const pages = [one];
    const size = one.wire._meta?.max_results ?? one.wire._items.length;
    const pageCount = one.wire._meta && size > 0 ? Math.ceil(one.wire._meta.total / size) : 1;
    const rest = await Promise.all(Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => deps.readPage(earlyWhere, i + 2)));
    pages.push(...rest);
    if (!pages.every((page) => check(page.wire))) return undefined;
    // The earliest instant a minute from `limit` on can be: its own on most days; on a
    // spring-forward day a skipped minute (02:30) is an hour later (03:30), so a later minute
    // (03:10) can be earlier than it.
    const cutoff = earliestFrom(date, zone)[limit]!;
    const seen = new Set<string>();
    const before = pages
      .flatMap((page) => page.sessions)
      .filter((s) => !seen.has(s.sourceId) && seen.add(s.sourceId) && s.startTime !== null && s.startTime.getTime() < cutoff && sessionInWindow(s, window));
    if (before.length < need) return undefined;
    return { items: before.sort(compare), total };
  }

  // The last early answer and what it covers: a connection reads its total, then its slice.
  let known: { need: number; answer: Promise<{ items: SessionModel[]; total: number } | undefined> } | undefined;
  return {
    async read(offset, limit) {
      const need = offset + limit;
      if (need > MAX_EARLY || !deps.trusted()) return wholeDay.read(offset, limit);
      if (!known || known.need < need) {
        const pending = { need, answer: early(need) };
        pending.answer.catch(() => {
          if (known === pending) known = undefined;
        });
        known = pending;
      }
      const answer = await known.answer;
      if (!answer) return wholeDay.read(offset, limit);
      return { items: answer.items.slice(offset, need), totalCount: answer.total };
    },
  };
}
