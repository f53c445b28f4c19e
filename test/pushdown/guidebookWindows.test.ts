import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DataSources } from '../../src/datasources/providers.js';
import type { SessionModel, SessionOrder, SessionWindow } from '../../src/models/index.js';
import { startDatasourceHarness, type DatasourceHarness } from '../support/datasourceHarness.js';
import { guidebookMs, readProviderData, type GuidebookSession } from '../support/providerData.js';

// Guidebook windows read by binary search over the pages of the start-ordered list
// (src/datasources/guidebook/sessionWindowSource.ts), checked against an oracle computed here
// from the emulator's own records, and costed from the emulator's request log.

const PAGE_SIZE = 5; // small pages: the binary search has dozens of pages to search
const HOUR = 3_600_000;
const MAX_SESSION_MS = 24 * HOUR; // GUIDEBOOK_MAX_SESSION_HOURS' default

interface Ref {
  id: number;
  start: number;
  /** The effective end (the time filters'). */
  end: number;
  /** `end_time` as sent (END_TIME order: sessions without one last). */
  endTime: number | null;
}

let harness: DatasourceHarness;
let guide: number;
let refs: Ref[]; // the guide's sessions in start order (ties by id), as the list pages them
let allDay: Ref;

beforeAll(async () => {
  // The server's small pages, not `page_size=500`: the search has pages to search.
  harness = await startDatasourceHarness({ emulators: { guidebook: { pageSize: PAGE_SIZE } }, env: { GUIDEBOOK_WINDOW_PAGE_SIZE: '0' } });
  const data = await readProviderData(harness.asHarness());
  const sessions = data.guidebook.sessions as Array<GuidebookSession & { all_day: boolean }>;
  const counts = new Map<number, number>();
  for (const s of sessions) counts.set(s.guide, (counts.get(s.guide) ?? 0) + 1);
  guide = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  // The effective end as the API defines it (schema: an all-day session without an end lasts
  // 24 hours, another without an end ends at its start), written here from the spec.
  refs = sessions
    .filter((s) => s.guide === guide)
    .map((s) => {
      const start = guidebookMs(s.start_time)!;
      return { id: s.id, start, end: guidebookMs(s.end_time) ?? (s.all_day ? start + 24 * HOUR : start), endTime: guidebookMs(s.end_time) };
    })
    .sort((a, b) => a.start - b.start || a.id - b.id);
  allDay = refs.find((r, i) => r.end - r.start === 24 * HOUR && i > 10 && refs.filter((o) => o.start > r.start + 20 * HOUR).length > 10)!;
}, 60_000);

afterAll(() => harness.close());

function inWindow(r: Ref, w: SessionWindow): boolean {
  if (w.startsAfter && r.start < w.startsAfter.getTime()) return false;
  if (w.startsBefore && r.start >= w.startsBefore.getTime()) return false;
  if (w.endsAfter && r.end <= w.endsAfter.getTime()) return false;
  if (w.endsBefore && r.end > w.endsBefore.getTime()) return false;
  if (w.happeningAt && (r.start > w.happeningAt.getTime() || r.end <= w.happeningAt.getTime())) return false;
  return true;
}

/** Pages (of the start-ordered list) holding a session whose start the documented bound admits. */
function pagesAdmitted(w: SessionWindow): number {
  const t = (d?: Date) => d?.getTime();
  const lows = [t(w.startsAfter), t(w.happeningAt) && t(w.happeningAt)! - MAX_SESSION_MS, t(w.endsAfter) && t(w.endsAfter)! - MAX_SESSION_MS].filter(
    (v): v is number => v !== undefined,
  );
  const highs = [t(w.happeningAt), t(w.endsBefore)].filter((v): v is number => v !== undefined);
  const low = lows.length ? Math.max(...lows) : -Infinity;
  const high = highs.length ? Math.min(...highs) : Infinity;
  const pages = new Set<number>();
  refs.forEach((r, i) => {
    if (r.start >= low && r.start <= high && (!w.startsBefore || r.start < w.startsBefore.getTime())) pages.add(Math.floor(i / PAGE_SIZE));
  });
  return pages.size;
}

async function read(
  window: SessionWindow,
  order: SessionOrder = { field: 'START_TIME', direction: 'ASC' },
  request: () => DataSources = () => harness.request(),
): Promise<SessionModel[]> {
  const source = request().guidebook!.sessionSource({ guideId: String(guide), window }, order);
  const { items, totalCount } = await source.read(0, 10_000);
  expect(items.length).toBe(totalCount);
  return items;
}

const mid = () => refs[Math.floor(refs.length / 2)]!.start;
const WINDOWS: Array<[string, () => SessionWindow]> = [
  ['happeningAt in the middle', () => ({ happeningAt: new Date(mid() + 30 * 60_000) })],
  ['happeningAt 20 h into an all-day session', () => ({ happeningAt: new Date(allDay.start + 20 * HOUR) })],
  ['now and next: endsAfter + startsBefore', () => ({ endsAfter: new Date(mid()), startsBefore: new Date(mid() + 2 * HOUR) })],
  ['a 3-hour start window', () => ({ startsAfter: new Date(mid()), startsBefore: new Date(mid() + 3 * HOUR) })],
  ['endsBefore only (the first sessions)', () => ({ endsBefore: new Date(refs[0]!.start + 4 * HOUR) })],
  ['startsAfter only (the last sessions)', () => ({ startsAfter: new Date(refs.at(-1)!.start - 2 * HOUR) })],
  ['before the conference', () => ({ startsBefore: new Date(refs[0]!.start - HOUR) })],
  ['after the conference', () => ({ happeningAt: new Date(refs.at(-1)!.end + 25 * HOUR) })],
];

describe('Guidebook: time windows by binary search over page numbers', () => {
  it('the seed keeps the documented bound: every session lasts between 0 and 24 hours', () => {
    expect(refs.length).toBeGreaterThan(100);
    for (const r of refs) expect(r.end - r.start).toBeGreaterThanOrEqual(0);
    for (const r of refs) expect(r.end - r.start).toBeLessThanOrEqual(MAX_SESSION_MS);
  });

  it('a long session that started earlier and is still running is found (look-back of 24 h)', async () => {
    const at = new Date(allDay.start + 20 * HOUR);
    expect(inWindow(allDay, { happeningAt: at })).toBe(true);
    const found = await read({ happeningAt: at });
    expect(found.map((s) => s.sourceId)).toContain(String(allDay.id));
  });

  for (const [name, windowOf] of WINDOWS) {
    it(`${name}: exactly the oracle's sessions; cold ≤ 1 + 2·⌈log₂(pages+1)⌉ + the bound's pages; warm 0 calls`, async () => {
      const window = windowOf();
      const expected = refs.filter((r) => inWindow(r, window)).map((r) => String(r.id));
      const pageCount = Math.ceil(refs.length / PAGE_SIZE);
      const log = harness.emulators.guidebook.log;
      // Cold: a process of its own, with an empty cache.
      const cold = harness.newProcess();
      log.clear();
      const coldSessions = await read(window, undefined, cold.request);
      const coldCalls = log.count();
      await cold.close();
      expect(coldSessions.map((s) => s.sourceId)).toEqual(expected);
      expect(coldCalls).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(pageCount + 1)) + pagesAdmitted(window));
      // A window on the start alone reads far less than the list (one on the end reads back 24 h).
      if (!window.happeningAt && !window.endsAfter) expect(coldCalls).toBeLessThan(pageCount / 2);
      await read(window); // warms this process's cache
      log.clear();
      const warm = await read(window);
      expect(warm.map((s) => s.sourceId)).toEqual(expected);
      expect(log.count()).toBe(0);
      // Another order: the same sessions, sorted in memory.
      const byEnd = await read(window, { field: 'END_TIME', direction: 'DESC' });
      const expectedByEnd = refs
        .filter((r) => inWindow(r, window))
        .sort((a, b) => (a.endTime === null ? 1 : 0) - (b.endTime === null ? 1 : 0) || (b.endTime ?? 0) - (a.endTime ?? 0) || b.id - a.id)
        .map((r) => String(r.id));
      expect(byEnd.map((s) => s.sourceId)).toEqual(expectedByEnd);
    });
  }
});
