import { findPageRange, type KeyBound, type OffsetSource } from '../../connections/index.js';
import { sessionInWindow, type SessionModel, type SessionOrder, type SessionWindow } from '../../models/index.js';
import type { QueryParams } from '../../upstream/index.js';
import type { GuidebookClient } from './client.js';
import { mapCachedList } from './mapCachedList.js';
import { toSession } from './mapper.js';
import { guidebookSessionWire } from './wire.js';

/** The bounds on a session's start that a window implies, given the longest a session lasts. */
export interface StartBounds {
  lower?: KeyBound<number>;
  upper?: KeyBound<number>;
}

/**
 * What `window` says about a matching session's start (ms), assuming every session lasts
 * between 0 and `maxSessionMs` (its effective end, see `effectiveEndMs`):
 * - lower: `startsAfter`; and for the bounds on the end, `happeningAt` / `endsAfter` minus
 *   `maxSessionMs` (a session that ends after t started after t − maxSessionMs);
 * - upper: `startsBefore` (strict), `happeningAt` (started at or before it), `endsBefore`
 *   (a session ending by t started by t).
 * A superset of the matching sessions lies within them; the caller filters exactly.
 */
export function startBounds(window: SessionWindow, maxSessionMs: number): StartBounds {
  const lowers: Array<KeyBound<number>> = [];
  const uppers: Array<KeyBound<number>> = [];
  if (window.startsAfter) lowers.push({ key: window.startsAfter.getTime(), inclusive: true });
  if (window.happeningAt) lowers.push({ key: window.happeningAt.getTime() - maxSessionMs, inclusive: true });
  if (window.endsAfter) lowers.push({ key: window.endsAfter.getTime() - maxSessionMs, inclusive: true });
  if (window.startsBefore) uppers.push({ key: window.startsBefore.getTime(), inclusive: false });
  if (window.happeningAt) uppers.push({ key: window.happeningAt.getTime(), inclusive: true });
  if (window.endsBefore) uppers.push({ key: window.endsBefore.getTime(), inclusive: true });
  const bounds: StartBounds = {};
  if (lowers.length > 0) bounds.lower = lowers.reduce((a, b) => (b.key > a.key ? b : a));
  if (uppers.length > 0) bounds.upper = uppers.reduce((a, b) => (b.key < a.key ? b : a));
  return bounds;
}

/**
 * The earliest and latest start a list can hold (ms), known without reading it (a guide's
 * `start_date` and `end_date`): a hint that lets the page search skip the last page.
 */
export interface StartSpan {
  first: number;
  last: number;
}

/** Where a list's page search may look for a StartSpan (undefined: none; the search probes the last page). */
export type SpanHint = () => Promise<StartSpan | undefined>;

/**
 * findPageRange's anchors for a start-ordered list of `count` items in pages of `pageSize`
 * whose starts lie in `span`, with page 1 (`page1`, read already) — none without a span (the
 * search then probes page 1 and the last page).
 */
export function anchorsOf(span: StartSpan | undefined, count: number, pageSize: number, page1: readonly SessionModel[]): Array<{ at: number; key: number }> {
  if (!span || !Number.isFinite(span.first) || !Number.isFinite(span.last) || span.first > span.last) return [];
  const starts = page1.flatMap((s) => (s.startTime ? [s.startTime.getTime()] : []));
  const head =
    starts.length > 0
      ? [
          { at: 1, key: starts[0]! },
          { at: 1 + starts.length / pageSize, key: starts.at(-1)! },
        ]
      : [{ at: 1, key: span.first }];
  return [...head, { at: 1 + count / pageSize, key: span.last }];
}

/** One page of a session list read in start order, mapped. */
export type ReadSessionPage = (page: number) => Promise<{ sessions: SessionModel[]; count: number; pageSize: number | null }>;

/**
 * The sessions of one Guidebook list (guide, track, import id: the server's filters) that
 * fall in `window`, in list order. Guidebook has no time filters, but its lists can be ordered
 * by `start_time` and every page says the `count`: page 1 gives the layout, then the first
 * and last page that can hold the window's sessions are found by interpolation search over
 * page numbers (`findPageRange`, each probe a page read through the shared cache: the last
 * page — or `span`, the guide's dates, when known — gives the spread of the starts, then a
 * guess or two per end, halving when a guess misses), and only the pages between are read. The window's bounds on the end are turned into bounds on the
 * start with `client.maxSessionMs` (see `startBounds`). Cold cost: page 1 + the last
 * page + typically 1–2 probes (at most 2·(⌈log₂(pages + 1)⌉ + 1)) + the window's pages
 * (those probed are read once); warm: 0
 * upstream calls (every page is in the shared cache). Exact: every session read is checked
 * with `sessionInWindow` (the caller orders and filters the rest in memory).
 *
 * `readPage` reads one page of the list with `ordering=start_time,id` (one per request: its
 * pages are kept for the request, so probes and reads share them).
 */
export async function sessionsInWindow(readPage: ReadSessionPage, window: SessionWindow, maxSessionMs: number, span?: SpanHint): Promise<SessionModel[]> {
  const [first, known] = await Promise.all([readPage(1), span?.()]);
  const pageCount = first.pageSize ? Math.max(1, Math.ceil(first.count / first.pageSize)) : 1;
  const { lower, upper } = startBounds(window, maxSessionMs);
  const range = await findPageRange(
    {
      pageCount,
      compare: (a, b) => a - b,
      // Starts spread fairly evenly over a conference's pages: interpolate (findPageRange).
      position: (key) => key,
      probe: probeOf(readPage),
      anchors: anchorsOf(known, first.count, first.pageSize ?? Math.max(1, first.count), first.sessions),
    },
    lower,
    upper,
  );
  const pages: Array<Promise<{ sessions: SessionModel[] }>> = [];
  for (let page = range.first; page <= range.last; page += 1) pages.push(readPage(page));
  const read = (await Promise.all(pages)).map((page) => page.sessions);
  return rememberView(read, `window ${windowKey(window)}`, () => {
    const seen = new Set<string>();
    return (
      read
        .flat()
        // A list that changed between two page reads may repeat a session across pages.
        .filter((s) => !seen.has(s.sourceId) && seen.add(s.sourceId) && sessionInWindow(s, window))
    );
  });
}

/** Per first page read (a cached page's mapped sessions), views derived from it and the pages after it, by key. */
const views = new WeakMap<readonly SessionModel[], Map<string, { pages: ReadonlyArray<readonly SessionModel[]>; value: unknown }>>();

/**
 * `derive()` over the mapped pages `pages` (in list order), remembered while the first of them
 * lives (the shared cache holds its page): the same pages and key — every page the same
 * cached object — give the same value without deriving it again (the same array, so views of
 * it can be remembered in turn). Cached pages are immutable, so a view of them is too.
 */
export function rememberView<V>(pages: ReadonlyArray<readonly SessionModel[]>, key: string, derive: () => V): V {
  const head = pages[0];
  if (!head) return derive();
  let byKey = views.get(head);
  if (!byKey) views.set(head, (byKey = new Map()));
  const known = byKey.get(key);
  if (known && known.pages.length === pages.length && known.pages.every((page, i) => page === pages[i])) return known.value as V;
  const value = derive();
  // Bounded: a page's views are a few windows and filters; a burst of distinct ones starts over.
  if (byKey.size >= 64) byKey.clear();
  byKey.set(key, { pages: [...pages], value });
  return value;
}

/** A window's bounds as text (a memo key). */
export function windowKey(window: SessionWindow): string {
  const at = (date: Date | undefined) => (date ? date.getTime() : '');
  return `${at(window.startsAfter)}/${at(window.startsBefore)}/${at(window.endsAfter)}/${at(window.endsBefore)}/${at(window.happeningAt)}`;
}

/**
 * A per-request `ReadSessionPage` over `client`'s cached page reads of the session list
 * `filters` selects, in start order (ties by id) or another `ordering`. Nothing is primed here: a window reads
 * pages of 500 to show 20, so the caller primes what it shows (primedSource).
 */
export function startOrderedPages(
  client: GuidebookClient,
  filters: QueryParams,
  headers: Record<string, string> | undefined,
  ordering = 'start_time,id',
): ReadSessionPage {
  // Larger pages when the server takes `page_size` (fewer calls per window); else its own size.
  const query: QueryParams = { ...filters, ordering, ...(client.windowPageSize > 0 ? { page_size: client.windowPageSize } : {}) };
  const pages = new Map<number, ReturnType<ReadSessionPage>>();
  return (page) => {
    let pending = pages.get(page);
    if (!pending) {
      const started = client.list('sessions', query, page, guidebookSessionWire, headers).then((answer) => {
        // Mapped once per cached page object, as the other session reads map it.
        const sessions = mapCachedList(answer.results, toSession);
        return { sessions, count: answer.count, pageSize: answer.next && answer.results.length > 0 ? answer.results.length : null };
      });
      started.catch(() => {
        if (pages.get(page) === started) pages.delete(page);
      });
      pages.set(page, (pending = started));
    }
    return pending;
  };
}

/**
 * Whether a read of `window` in `order` can page lazily (createStartWindowSource): a window
 * on the start alone, bounded above, in the list's own order (start, then id ascending).
 */
export function pagesLazily(window: SessionWindow, order: SessionOrder): boolean {
  return (
    order.field === 'START_TIME' &&
    order.direction === 'ASC' &&
    window.startsBefore !== undefined &&
    window.endsAfter === undefined &&
    window.endsBefore === undefined &&
    window.happeningAt === undefined
  );
}

/**
 * The sessions of a start-ordered list whose start is in `window` (a window on the start,
 * bounded above: see pagesLazily), in list order, reading only the pages a slice needs:
 * page 1, the search for the window's first and last page (findPageRange), and then the pages
 * of the slice. Every page strictly between the window's first and last page is full and
 * matches whole (its starts lie between the first page's last start and the last page's first
 * start), so the total is the matches on those two pages plus the full pages between, and
 * item i of the window is on a page known without reading the others. The first page of a day
 * thus costs page 1 + the last page (or `span`) + the probes (the window's end pages among them), not
 * the day's pages. Exact: the two end pages and every page read are checked with
 * `sessionInWindow`.
 */
export function createStartWindowSource(readPage: ReadSessionPage, window: SessionWindow, maxSessionMs: number, span?: SpanHint): OffsetSource<SessionModel> {
  let layout: Promise<{ first: number; last: number; pageSize: number; head: SessionModel[]; tail: SessionModel[]; total: number }> | undefined;
  const key = `window ${windowKey(window)}`;
  const matching = async (page: number) => {
    const { sessions } = await readPage(page);
    return rememberView([sessions], key, () => sessions.filter((s) => sessionInWindow(s, window)));
  };
  const load = async () => {
    const [one, known] = await Promise.all([readPage(1), span?.()]);
    const pageSize = one.pageSize ?? Math.max(1, one.count);
    const pageCount = one.pageSize ? Math.max(1, Math.ceil(one.count / one.pageSize)) : 1;
    const { lower, upper } = startBounds(window, maxSessionMs);
    const anchors = anchorsOf(known, one.count, pageSize, one.sessions);
    const range = await findPageRange({ pageCount, compare: (a, b) => a - b, position: (key) => key, probe: probeOf(readPage), anchors }, lower, upper);
    if (range.first > range.last) return { ...range, pageSize, head: [], tail: [], total: 0 };
    const [head, tail] = await Promise.all([matching(range.first), matching(range.last)]);
    const total = range.first === range.last ? head.length : head.length + (range.last - range.first - 1) * pageSize + tail.length;
    return { ...range, pageSize, head, tail, total };
  };
  return {
    async read(offset, limit) {
      const { first, last, pageSize, head, tail, total } = await (layout ??= load());
      const end = Math.min(total, offset + limit);
      if (offset >= end) return { items: [], totalCount: total };
      // Item i of the window: on the first page below head.length, then pageSize a page.
      const pageOf = (index: number) => (index < head.length ? first : Math.min(last, first + 1 + Math.floor((index - head.length) / pageSize)));
      const pages: Array<Promise<SessionModel[]>> = [];
      for (let page = pageOf(offset); page <= pageOf(end - 1); page += 1)
        pages.push(page === first ? Promise.resolve(head) : page === last ? Promise.resolve(tail) : matching(page));
      const startOf = pageOf(offset) === first ? 0 : head.length + (pageOf(offset) - first - 1) * pageSize;
      const seen = new Set<string>();
      const items = (await Promise.all(pages)).flat().filter((s) => !seen.has(s.sourceId) && seen.add(s.sourceId));
      return { items: items.slice(offset - startOf, end - startOf), totalCount: total };
    },
  };
}

/** findPageRange's probe over `readPage`: a page's first and last start (ms; none: last). */
function probeOf(readPage: ReadSessionPage): (page: number) => Promise<{ first: number; last: number } | null> {
  return async (page) => {
    const { sessions } = await readPage(page);
    if (sessions.length === 0) return null;
    // Guidebook requires a start; one without would sort last (PostgreSQL, ascending).
    const key = (s: SessionModel) => s.startTime?.getTime() ?? Number.POSITIVE_INFINITY;
    return { first: key(sessions[0]!), last: key(sessions.at(-1)!) };
  };
}

/** `source`, whose every item read primes `prime` (a by-id loader, so a later look-up of a session shown costs nothing). */
export function primedSource(source: OffsetSource<SessionModel>, prime: (session: SessionModel) => void): OffsetSource<SessionModel> {
  return {
    async read(offset, limit) {
      const window = await source.read(offset, limit);
      for (const session of window.items) prime(session);
      return window;
    },
  };
}
