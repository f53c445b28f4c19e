import type { OffsetSource } from '../../connections/index.js';
import { localDateIn, zonedWallTimeToUtc } from '../../datetime/index.js';
import { sessionComparator, type SessionModel } from '../../models/index.js';
import { addDays } from './sessionWhere.js';

/** One page of the feed sorted by `startDate` (ascending or descending), mapped; `total` and the page size from `_meta`. */
export interface DayPage {
  sessions: SessionModel[];
  total: number;
  pageSize: number;
}

export type DayPageReader = (direction: 'asc' | 'desc', page: number) => Promise<DayPage>;

/**
 * What earlier reads of the same sorted list told, to ask for the pages a read will need at
 * once instead of one after another (each page waits for the one before it only to learn
 * whether the day it needs is complete). A hint, never data: pages are still checked.
 */
export interface DayReadHints {
  /** How many pages of `direction` the last read of a window ending at `end` (offset + limit) read, if known. */
  reach(direction: 'asc' | 'desc', end: number): number | undefined;
  /** A read of a window ending at `end` read `pages` pages of `direction`. */
  reached(direction: 'asc' | 'desc', end: number, pages: number): void;
}

const byStart = sessionComparator({ field: 'START_TIME', direction: 'ASC' });

/**
 * What a run of pages of one direction gives, worked out once per snapshot: a warm home page
 * reads the same cached page arrays on every request (mapPage hands back the same arrays for
 * the same cached pages), so filtering, finding the last complete day (Intl) and sorting are
 * done by the first request that reaches those pages, not by each one.
 */
interface PageRun {
  pages: SessionModel[][];
  zone: string;
  /** The dated sessions of the pages, in feed order. */
  dated: SessionModel[];
  /** All of `dated`, in start order. */
  ordered?: SessionModel[];
  /** Those of `dated` on the days the pages hold whole, in start order. */
  complete?: SessionModel[];
}

/** Page runs by their last page (identity); a few per page (ascending and descending, zones). */
const pageRuns = new WeakMap<SessionModel[], PageRun[]>();
const MAX_RUNS_PER_PAGE = 8;

function pageRunOf(pages: readonly SessionModel[][], zone: string): PageRun {
  const last = pages.at(-1)!;
  let runs = pageRuns.get(last);
  if (!runs) pageRuns.set(last, (runs = []));
  let run = runs.find((r) => r.zone === zone && r.pages.length === pages.length && r.pages.every((p, i) => p === pages[i]));
  if (!run) {
    run = { pages: [...pages], zone, dated: pages.flatMap((p) => p.filter((s) => s.startTime !== null)) };
    if (runs.length >= MAX_RUNS_PER_PAGE) runs.shift();
    runs.push(run);
  }
  return run;
}

/**
 * The conference's sessions in start-time order (ties by source id, sessions without a start
 * last: `sessionComparator`'s START_TIME ASC), read from the feed sorted by `startDate` on the server — only the days a
 * window of it needs. The feed's times are 12-hour strings it cannot sort by, but its dates
 * are ISO strings it can: every session of one local date sorts between the dates before and
 * after it, so once a page shows a later date, every session of the earlier dates has been
 * read and they can be ordered by their real start. A read of items [o, o + n) therefore reads
 * pages from the start (`asc`) until the date after its last item is reached, or, when the
 * window is nearer the end, from the end (`desc`); sessions without a date (`startDate` blank)
 * sort first on the server and last here, so they are the head of the ascending pages.
 *
 * Assumes `startDate` is an ISO date or blank (PROVIDERS.md) and `schedid` unique (the total
 * is the feed's `_meta.total`). Pages are kept for the instance (one per request) and read
 * through the shared cache. Cold cost of the first page of 20: the pages up to the end of the
 * first day (2 of 9 at 823 sessions); of `last: 20`: page 1 (the total and the sessions
 * without a date) and the pages of the last day.
 */
export function createDayOrderedSource(readPage: DayPageReader, zone: string, hints?: DayReadHints): OffsetSource<SessionModel> {
  const pages = new Map<string, Promise<DayPage>>();
  const page = (direction: 'asc' | 'desc', n: number): Promise<DayPage> => {
    const key = `${direction}${n}`;
    let pending = pages.get(key);
    if (!pending) {
      const started = readPage(direction, n);
      started.catch(() => {
        if (pages.get(key) === started) pages.delete(key);
      });
      pages.set(key, (pending = started));
    }
    return pending;
  };
  // Start of a session's local date and of the next one (ms): the instants its date spans.
  const midnight = (date: string) => zonedWallTimeToUtc(date, 0, zone)?.getTime() ?? Number.NaN;
  const dateOf = (session: SessionModel) => localDateIn(session.startTime!, zone);

  /** Asks for pages 1 … `last` of `direction` at once (each is read once per instance). */
  const askFor = (direction: 'asc' | 'desc', last: number) => {
    for (let n = 1; n <= last; n += 1) page(direction, n).catch(() => undefined);
  };

  /** The sessions without a start (the head of the ascending pages), the page count and size. */
  async function layout(): Promise<{ total: number; pageCount: number; pageSize: number; undated: SessionModel[] }> {
    const first = await page('asc', 1);
    const pageSize = Math.max(1, first.pageSize);
    const pageCount = Math.max(1, Math.ceil(first.total / pageSize));
    const undated: SessionModel[] = [];
    for (let n = 1; n <= pageCount; n += 1) {
      const { sessions } = await page('asc', n);
      const dated = sessions.findIndex((s) => s.startTime !== null);
      undated.push(...(dated === -1 ? sessions : sessions.slice(0, dated)));
      if (dated !== -1) break;
    }
    return { total: first.total, pageCount, pageSize, undated: undated.sort(byStart) };
  }

  /**
   * The first `count` dated sessions in order (all of them when fewer), reading ascending
   * pages: at least the pages that hold `undated + count` sessions are needed, so they are
   * asked for together, and the pages the last read of this window reached with them.
   */
  async function head(count: number, pageCount: number, pageSize: number, undated: number, key: number): Promise<SessionModel[]> {
    askFor('asc', Math.min(pageCount, Math.max(Math.ceil((undated + count) / pageSize), hints?.reach('asc', key) ?? 0)));
    const pagesRead: SessionModel[][] = [];
    for (let n = 1; n <= pageCount; n += 1) {
      pagesRead.push((await page('asc', n)).sessions);
      const run = pageRunOf(pagesRead, zone);
      if (n === pageCount || run.dated.length === 0) continue;
      if (!run.complete) {
        const cutoff = midnight(dateOf(run.dated.at(-1)!));
        run.complete = run.dated.filter((s) => s.startTime!.getTime() < cutoff).sort(byStart);
      }
      if (run.complete.length >= count) {
        hints?.reached('asc', key, n);
        return run.complete;
      }
    }
    hints?.reached('asc', key, pageCount);
    return orderedRun(pagesRead);
  }

  /** The last `count` dated sessions in order (all of them when fewer), reading descending pages (asked for as in `head`). */
  async function tail(count: number, pageCount: number, pageSize: number, key: number): Promise<SessionModel[]> {
    askFor('desc', Math.min(pageCount, Math.max(Math.ceil(count / pageSize), hints?.reach('desc', key) ?? 0)));
    const pagesRead: SessionModel[][] = [];
    for (let n = 1; n <= pageCount; n += 1) {
      const { sessions } = await page('desc', n);
      pagesRead.push(sessions);
      const run = pageRunOf(pagesRead, zone);
      // Past the dated sessions (the undated ones close the descending order): all read.
      if (n === pageCount || sessions.some((s) => s.startTime === null) || run.dated.length === 0) {
        hints?.reached('desc', key, n);
        break;
      }
      if (!run.complete) {
        const cutoff = midnight(addDays(dateOf(run.dated.at(-1)!), 1));
        run.complete = run.dated.filter((s) => s.startTime!.getTime() >= cutoff).sort(byStart);
      }
      if (run.complete.length >= count) {
        hints?.reached('desc', key, n);
        return run.complete;
      }
    }
    return orderedRun(pagesRead);
  }

  /** Every dated session of `pagesRead`, in start order. */
  function orderedRun(pagesRead: readonly SessionModel[][]): SessionModel[] {
    const run = pageRunOf(pagesRead, zone);
    return (run.ordered ??= [...run.dated].sort(byStart));
  }

  return {
    async read(offset, limit) {
      // A window read before: its pages go out with page 1, not after it.
      const key = offset + limit;
      if (pages.size === 0 && hints) {
        askFor('asc', hints.reach('asc', key) ?? 0);
        askFor('desc', hints.reach('desc', key) ?? 0);
      }
      const { total, pageCount, pageSize, undated } = await layout();
      const end = Math.min(total, offset + limit);
      if (offset >= end) return { items: [], totalCount: total };
      const datedTotal = total - undated.length;
      const items: SessionModel[] = [];
      if (offset < datedTotal) {
        const datedEnd = Math.min(end, datedTotal);
        if (datedEnd <= datedTotal - offset) {
          items.push(...(await head(datedEnd, pageCount, pageSize, undated.length, key)).slice(offset, datedEnd));
        } else {
          const last = await tail(datedTotal - offset, pageCount, pageSize, key);
          items.push(...last.slice(last.length - (datedTotal - offset), last.length - (datedTotal - datedEnd)));
        }
      }
      if (end > datedTotal) items.push(...undated.slice(Math.max(0, offset - datedTotal), end - datedTotal));
      return { items, totalCount: total };
    },
  };
}
