import { findPageRange } from '../../connections/index.js';
import { sessionInWindow, type SessionModel, type SessionWindow } from '../../models/index.js';
import { anchorsOf, rememberView, startBounds, windowKey, type ReadSessionPage, type SpanHint } from './sessionWindowSource.js';

/** Pages a list must exceed for sessionsEndingAfter to read it in end order (a shorter one is read whole). */
export const SMALL_LIST = 3;

/** The three orders of one Guidebook session list that sessionsEndingAfter reads (one per request each). */
export interface OrderedReads {
  /** `ordering=start_time,id`. */
  byStart: ReadSessionPage;
  /** `ordering=end_time,start_time,id`: sessions without an end last (PostgreSQL, ascending), by start. */
  byEnd: ReadSessionPage;
  /** `ordering=-end_time,start_time,id`: sessions without an end first, by start, then the latest ends. */
  byEndDescending: ReadSessionPage;
}

/**
 * The sessions of one list that can match `window` (a superset, every one checked here with
 * `sessionInWindow`) when the window bounds the end from below — `happeningAt` t or
 * `endsAfter` t: effective end after T, the later of them — without reading the start-ordered
 * list's look-back (every start of the last `maxSessionMs`, docs/filters.md): exact for a
 * session of any length. A list of at most SMALL_LIST pages is read whole instead. Undefined
 * when it does not apply (no bound on the end, or a start bound U below T) or the reads
 * disagree (a list that changed between them): the caller then reads the look-back.
 *
 * Every session with an end ends at or after its start, so one that ends by T started by T,
 * within U. The sessions with an end that end after T and start within U therefore number
 * A = (starts within U) − (sessions without an end starting within U) − (ends ≤ T):
 * - starts within U: a position in start order (page search: the page of U);
 * - sessions without an end: page 1 on of the list ordered `-end_time,start_time`, where they
 *   come first, by start (all of them starting within U are read; they are candidates too —
 *   an all-day session runs 24 hours, any other ends at its start);
 * - ends ≤ T: a position in end order (page search: the page of T, guessed from the start
 *   order's position of T less the sessions seen running there);
 * and they are the first A sessions starting within U found reading the end order on from T.
 *
 * Cold cost, whatever the list's length: page 1 and the page of U in start order (page 1 + the
 * last page or the guide's dates + a probe or two, shared with a start window at the same
 * instant), page 1 of the descending end order (one more for every 500 sessions without an end
 * starting within U), the page of T in end order (a probe or two) and the pages the A running
 * sessions' ends span after it (their number grows with how many run at once, not with the list).
 */
export async function sessionsEndingAfter(
  reads: OrderedReads,
  window: SessionWindow,
  maxSessionMs: number,
  span?: SpanHint,
): Promise<SessionModel[] | undefined> {
  const ends = [window.happeningAt, window.endsAfter].flatMap((d) => (d ? [d.getTime()] : []));
  if (ends.length === 0) return undefined;
  const after = Math.max(...ends);
  const { upper } = startBounds(window, maxSessionMs);
  if (upper && (upper.inclusive ? upper.key < after : upper.key <= after)) return undefined;
  const withinUpper = (start: number) => !upper || (upper.inclusive ? start <= upper.key : start < upper.key);
  const startOf = (s: SessionModel) => s.startTime?.getTime() ?? Number.POSITIVE_INFINITY;

  const [first, known] = await Promise.all([reads.byStart(1), span?.()]);
  const count = first.count;
  const pageSize = first.pageSize ?? Math.max(1, count);
  const pageCount = first.pageSize ? Math.max(1, Math.ceil(count / first.pageSize)) : 1;
  if (pageCount <= SMALL_LIST) {
    // Read whole in start order (at most SMALL_LIST calls, page 1 read already): never more than
    // the end order costs here (at least page 1, the descending end order's page 1, the page of U
    // and the page of T), and exact for a session of any length, as the end order is.
    const pages = [first.sessions, ...(await Promise.all(Array.from({ length: pageCount - 1 }, (_, i) => reads.byStart(i + 2)))).map((p) => p.sessions)];
    return rememberView(pages, `ending after ${windowKey(window)}`, () => {
      const seen = new Set<string>();
      return pages.flat().filter((s) => !seen.has(s.sourceId) && seen.add(s.sourceId) && sessionInWindow(s, window));
    });
  }
  const probe = (read: ReadSessionPage, key: (s: SessionModel) => number) => async (page: number) => {
    const { sessions } = await read(page);
    return sessions.length === 0 ? null : { first: key(sessions[0]!), last: key(sessions.at(-1)!) };
  };

  // Starts within U: the last start-ordered page whose first start is within U, and its matches.
  const startsWithin = async (): Promise<{ position: number; rate: number; page: readonly SessionModel[] }> => {
    if (!upper) return { position: count, rate: 0, page: [] };
    const range = await findPageRange(
      {
        pageCount,
        compare: (a, b) => a - b,
        position: (key) => key,
        probe: probe(reads.byStart, startOf),
        anchors: anchorsOf(known, count, pageSize, first.sessions),
      },
      undefined,
      upper,
    );
    if (range.last === 0) return { position: 0, rate: 0, page: [] };
    const { sessions } = await reads.byStart(range.last);
    const span = sessions.length > 1 ? startOf(sessions.at(-1)!) - startOf(sessions[0]!) : 0;
    return {
      position: (range.last - 1) * pageSize + sessions.filter((s) => withinUpper(startOf(s))).length,
      rate: span > 0 ? sessions.length / span : 0,
      page: sessions,
    };
  };

  // The sessions without an end starting within U: the head of the descending end order.
  const openPages: Array<readonly SessionModel[]> = [];
  const withoutEnd = async (): Promise<SessionModel[]> => {
    const found: SessionModel[] = [];
    for (let page = 1; ; page += 1) {
      const answer = await reads.byEndDescending(page);
      openPages.push(answer.sessions);
      for (const s of answer.sessions) {
        if (s.endTime !== null || !withinUpper(startOf(s))) return found;
        found.push(s);
      }
      if (answer.sessions.length === 0 || page * pageSize >= count) return found;
    }
  };

  const [starts, open] = await Promise.all([startsWithin(), withoutEnd()]);

  // Ends ≤ T: the first end-ordered page whose last end is after T. Its guess: T's position in
  // start order (U's, less the starts between at the page of U's rate), less the sessions
  // without an end starting by T and those running (arrival rate × the mean length there).
  const endOf = (s: SessionModel) => s.endTime?.getTime() ?? Number.POSITIVE_INFINITY;
  const lengths = starts.page.flatMap((s) => (s.endTime && s.startTime ? [s.endTime.getTime() - s.startTime.getTime()] : []));
  const meanLength = lengths.length > 0 ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0;
  const openBefore = open.filter((s) => startOf(s) <= after).length;
  const gap = upper ? upper.key - after : 0;
  const estimate = Math.max(0, Math.min(count - 1, starts.position - openBefore - starts.rate * (gap + meanLength)));
  const endRange = await findPageRange(
    {
      pageCount,
      compare: (a, b) => a - b,
      position: (key) => key,
      probe: probe(reads.byEnd, endOf),
      anchors: [{ at: 1 + estimate / pageSize, key: after }],
    },
    { key: after, inclusive: false },
  );
  const firstEndPage = endRange.first;
  // Past the last page: every session ends by T (none lacks an end: it would sort last, after T).
  const endPage = firstEndPage > pageCount ? { sessions: [] } : await reads.byEnd(firstEndPage);
  const endedBy = firstEndPage > pageCount ? count : (firstEndPage - 1) * pageSize + endPage.sessions.filter((s) => endOf(s) <= after).length;

  const running = starts.position - open.length - endedBy;
  if (running < 0) return undefined;
  const pages: Array<readonly SessionModel[]> = [first.sessions, ...openPages, starts.page, endPage.sessions];
  const found: SessionModel[] = [];
  // The first `running` sessions starting within U from T on in end order (they all end after T).
  reading: for (let page = firstEndPage; found.length < running; page += 1) {
    if (page > pageCount) break;
    const { sessions } = page === firstEndPage ? endPage : await reads.byEnd(page);
    if (page !== firstEndPage) pages.push(sessions);
    for (const s of sessions) {
      if (s.endTime === null) break reading; // the sessions with an end are all read
      if (endOf(s) < startOf(s)) return undefined; // the count assumes every end at or after its start
      if (endOf(s) > after && withinUpper(startOf(s))) found.push(s);
    }
  }
  // Fewer or more than counted: the list changed between the reads (the caller reads the look-back).
  if (found.length !== running) return undefined;
  return rememberView(pages, `ending after ${windowKey(window)}`, () => {
    const seen = new Set<string>();
    return [...found, ...open].filter((s) => !seen.has(s.sourceId) && seen.add(s.sourceId) && sessionInWindow(s, window));
  });
}
