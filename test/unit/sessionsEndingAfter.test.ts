import { describe, expect, it } from 'vitest';

import { sessionsEndingAfter, type OrderedReads } from '../../src/datasources/guidebook/sessionsEndingAfter.js';
import type { ReadSessionPage } from '../../src/datasources/guidebook/sessionWindowSource.js';
import type { SessionModel, SessionWindow } from '../../src/models/index.js';

// sessionsEndingAfter over random lists (ties, sessions without an end, all-day ones, long
// ones) in three orders the way PostgreSQL sorts them, against a brute-force filter written
// here; and its refusal (undefined, so the caller reads the look-back) when the orders disagree.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Row {
  sourceId: string;
  startTime: Date;
  endTime: Date | null;
  allDay: boolean;
}

function randomList(random: () => number, length: number): Row[] {
  return Array.from({ length }, (_, i) => {
    // Starts on a quarter-hour grid over 4 days (ties), lengths 0–3 h, a few up to 20 h.
    const start = Math.floor(random() * 4 * 96) * 15 * 60_000;
    const kind = random();
    const length = kind < 0.05 ? Math.floor(random() * 20 * HOUR) : Math.floor(random() * 12) * 15 * 60_000;
    return {
      sourceId: String(i + 1),
      startTime: new Date(start),
      endTime: kind > 0.93 ? null : new Date(start + length),
      allDay: kind > 0.97,
    };
  });
}

/** PostgreSQL's order on (value, nulls as the largest), then the next key. */
const cmp = (a: number | null, b: number | null, desc = false) => {
  if (a === b) return 0;
  if (a === null) return desc ? -1 : 1;
  if (b === null) return desc ? 1 : -1;
  return desc ? b - a : a - b;
};
const id = (r: Row) => Number(r.sourceId);
const end = (r: Row) => r.endTime?.getTime() ?? null;
const start = (r: Row) => r.startTime.getTime();

function pagesOf(rows: Row[], size: number): ReadSessionPage {
  return async (page) => ({
    sessions: rows.slice((page - 1) * size, page * size) as unknown as SessionModel[],
    count: rows.length,
    pageSize: rows.length > page * size ? size : null,
  });
}

function readsOf(rows: Row[], size: number, calls: string[] = []): OrderedReads {
  const counted =
    (name: string, read: ReadSessionPage): ReadSessionPage =>
    (page) => (calls.push(`${name}:${page}`), read(page));
  return {
    byStart: counted(
      'start',
      pagesOf(
        [...rows].sort((a, b) => start(a) - start(b) || id(a) - id(b)),
        size,
      ),
    ),
    byEnd: counted(
      'end',
      pagesOf(
        [...rows].sort((a, b) => cmp(end(a), end(b)) || start(a) - start(b) || id(a) - id(b)),
        size,
      ),
    ),
    byEndDescending: counted(
      '-end',
      pagesOf(
        [...rows].sort((a, b) => cmp(end(a), end(b), true) || start(a) - start(b) || id(a) - id(b)),
        size,
      ),
    ),
  };
}

function matches(r: Row, w: SessionWindow): boolean {
  const s = start(r);
  const e = r.endTime ? r.endTime.getTime() : s + (r.allDay ? DAY : 0);
  if (w.startsAfter && s < w.startsAfter.getTime()) return false;
  if (w.startsBefore && s >= w.startsBefore.getTime()) return false;
  if (w.endsAfter && e <= w.endsAfter.getTime()) return false;
  if (w.endsBefore && e > w.endsBefore.getTime()) return false;
  if (w.happeningAt && (s > w.happeningAt.getTime() || e <= w.happeningAt.getTime())) return false;
  return true;
}

const sortedIds = (rows: ReadonlyArray<{ sourceId: string }>) => rows.map((r) => Number(r.sourceId)).sort((a, b) => a - b);

describe('sessionsEndingAfter', () => {
  it('equals the brute-force filter for random lists and windows on the end (happeningAt, endsAfter, with start bounds)', async () => {
    const random = lcg(19);
    let answered = 0;
    for (let round = 0; round < 300; round += 1) {
      const size = 2 + Math.floor(random() * 6);
      const rows = randomList(random, Math.floor(random() * (size * 4 + 80)));
      const t = Math.floor(random() * 4 * 96) * 15 * 60_000 + (random() < 0.5 ? 0 : 7 * 60_000);
      const windows: SessionWindow[] = [
        { happeningAt: new Date(t) },
        { endsAfter: new Date(t), startsBefore: new Date(t + 2 * HOUR) },
        { endsAfter: new Date(t) },
        { happeningAt: new Date(t), startsAfter: new Date(t - HOUR) },
        { endsAfter: new Date(t), endsBefore: new Date(t + HOUR), startsBefore: new Date(t + HOUR) },
        { endsAfter: new Date(t - HOUR), happeningAt: new Date(t) },
      ];
      for (const window of windows) {
        const found = await sessionsEndingAfter(readsOf(rows, size), window, DAY);
        const context = JSON.stringify({ size, t, window });
        expect(found, context).toBeDefined();
        answered += 1;
        expect(sortedIds(found!), context).toEqual(sortedIds(rows.filter((r) => matches(r, window))));
      }
    }
    expect(answered).toBe(1800);
  });

  it('declines what it cannot count: no bound on the end, a start bound below it', async () => {
    const rows = randomList(lcg(3), 40);
    expect(await sessionsEndingAfter(readsOf(rows, 5), { startsAfter: new Date(0), startsBefore: new Date(HOUR) }, DAY)).toBeUndefined();
    expect(await sessionsEndingAfter(readsOf(rows, 5), { endsAfter: new Date(5 * HOUR), startsBefore: new Date(4 * HOUR) }, DAY)).toBeUndefined();
  });

  it('a list of 3 pages or fewer is read whole in start order (every page once), exact for sessions longer than the look-back', async () => {
    const rows = randomList(lcg(3), 40);
    // A 40-hour session still running at t: beyond GUIDEBOOK_MAX_SESSION_HOURS' 24, found all the same.
    rows.push({ sourceId: '99', startTime: new Date(0), endTime: new Date(40 * HOUR), allDay: false });
    const window = { happeningAt: new Date(30 * HOUR) };
    const calls: string[] = [];
    const found = await sessionsEndingAfter(readsOf(rows, 14, calls), window, DAY);
    expect(sortedIds(found!)).toEqual(sortedIds(rows.filter((r) => matches(r, window))));
    expect(sortedIds(found!)).toContain(99);
    expect(calls.sort()).toEqual(['start:1', 'start:2', 'start:3']);
  });

  it('declines (undefined, not a wrong answer) when the orders disagree: a session missing from the end order, or one ending before it starts', async () => {
    const random = lcg(5);
    const rows = randomList(random, 60).map((r) => (r.endTime ? r : { ...r, endTime: new Date(start(r) + HOUR), allDay: false }));
    const t = start(rows[30]!) + 1;
    const window = { happeningAt: new Date(t) };
    const running = rows.filter((r) => matches(r, window));
    expect(running.length).toBeGreaterThan(0);
    const reads = readsOf(rows, 5);
    const missing = readsOf(
      rows.filter((r) => r !== running[0]),
      5,
    );
    expect(await sessionsEndingAfter({ ...reads, byEnd: missing.byEnd }, window, DAY)).toBeUndefined();
    // Starts after t, ends just before it: seen on the page of t in end order, where the count would be one short.
    const backwards = rows.map((r) => (r === running[0] ? { ...r, startTime: new Date(t + HOUR), endTime: new Date(t - 60_000) } : r));
    expect(await sessionsEndingAfter(readsOf(backwards, 5), window, DAY)).toBeUndefined();
  });
});
