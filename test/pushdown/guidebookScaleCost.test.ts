import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DataSources } from '../../src/datasources/providers.js';
import type { SessionModel, SessionWindow } from '../../src/models/index.js';
import { oracleConferences, type OracleConference, type OracleSession } from '../support/conferenceOracle.js';
import { startDatasourceHarness, type DatasourceHarness } from '../support/datasourceHarness.js';

// Issue 19 on Guidebook's side at both emulator sizes: (h) the home page of a date (a local
// day in each guide's own zone, every guide) and the bench's (e) "now and next" (happeningAt
// now; startsAfter now + startsBefore now + 2 h), against the independent oracle
// (conferenceOracle.ts: the seed read with Intl only), sliced in several page sizes from the
// front and from the end; cold upstream calls counted from the emulator's request log and
// printed (docs/performance.md), 0 warm.

const HOUR = 3_600_000;
const MAX_SESSION_MS = 24 * HOUR; // GUIDEBOOK_MAX_SESSION_HOURS' default
const GUIDEBOOK_PAGE = 500; // GUIDEBOOK_WINDOW_PAGE_SIZE's default
const ASC = { field: 'START_TIME', direction: 'ASC' } as const;

/** The instant of local midnight starting `day` in `zone`, found with Intl only. */
function localMidnight(day: string, zone: string): number {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const utc = Date.parse(`${day}T00:00:00Z`);
  for (let quarter = -14 * 4; quarter <= 14 * 4; quarter += 1) {
    const t = utc - quarter * 15 * 60_000;
    if (format.format(new Date(t)).replace(',', '') === `${day} 00:00`) return t;
  }
  throw new Error(`no midnight on ${day} in ${zone}`);
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);

/** sessionInWindow's rule, written again (effectiveEnd from the oracle). */
function inWindow(s: OracleSession, w: SessionWindow): boolean {
  const start = s.start?.getTime();
  const end = s.effectiveEnd?.getTime();
  if (start === undefined || end === undefined) return false;
  if (w.startsAfter && start < w.startsAfter.getTime()) return false;
  if (w.startsBefore && start >= w.startsBefore.getTime()) return false;
  if (w.endsAfter && end <= w.endsAfter.getTime()) return false;
  if (w.happeningAt && (start > w.happeningAt.getTime() || end <= w.happeningAt.getTime())) return false;
  return true;
}

const byStart = (a: OracleSession, b: OracleSession) => a.start!.getTime() - b.start!.getTime() || Number(a.sourceId) - Number(b.sourceId);
const ids = (sessions: ReadonlyArray<SessionModel | OracleSession>) => sessions.map((s) => s.sourceId);

for (const scale of [1_000, 10_000]) {
  describe(`Guidebook at EMULATOR_SCALE=${scale}`, () => {
    let harness: DatasourceHarness;
    let guides: OracleConference[];
    let large: OracleConference;
    /** A middle day of guide 90 (the large guide). */
    let day: string;

    beforeAll(async () => {
      harness = await startDatasourceHarness({ emulators: { scale } });
      guides = oracleConferences(scale).filter((c) => c.provider === 'GUIDEBOOK');
      large = guides.find((c) => c.key === '90')!;
      const days = [...new Set(large.sessions.flatMap((s) => (s.localDay ? [s.localDay] : [])))].sort();
      day = days[Math.floor((days.length - 1) / 2)]!;
    }, 120_000);
    afterAll(() => harness?.close());

    /** The home page's Guidebook filter for `day`: each guide's own local day (as guidebookDayFilter builds it). */
    const homeFilter = () => ({
      windowByGuide: Object.fromEntries(
        guides.map((g) => [g.key, { startsAfter: new Date(localMidnight(day, g.timeZone)), startsBefore: new Date(localMidnight(nextDay(day), g.timeZone)) }]),
      ),
    });
    const homeExpected = () =>
      guides
        .flatMap((g) => g.sessions)
        .filter((s) => s.localDay === day)
        .sort(byStart);

    it('(h) the home page of a date, first: 50: each guide’s own list, page 1 each + the large guide’s search (≤ guides + 4 calls at any size), 0 warm', async () => {
      const expected = homeExpected();
      const log = harness.emulators.guidebook.log;
      const cold = harness.newProcess();
      log.clear();
      const page = await cold.request().guidebook!.sessionSource(homeFilter(), ASC).read(0, 50);
      const urls = log.entries().map((e) => decodeURIComponent(e.url));
      console.info(`[cost] scale ${scale} (h) GUIDEBOOK: ${urls.length} cold calls (${guides.length} guides)`);
      expect(ids(page.items)).toEqual(ids(expected.slice(0, 50)));
      expect(page.totalCount).toBe(expected.length);
      // Only single guides' start-ordered lists: never the all-guides list over the union of the zones' days.
      expect(urls.every((url) => /[?&]guide=\d+/.test(url) && url.includes('ordering=start_time,id'))).toBe(true);
      // Page 1 of every guide once; more only for the large guide (its last page and the probes).
      for (const g of guides) expect(urls.filter((url) => url.includes(`guide=${g.key}&`) && !url.includes('page=')).length, `guide ${g.key}`).toBe(1);
      expect(urls.filter((url) => url.includes('page=') && !url.includes('guide=90&'))).toEqual([]);
      expect(urls.length).toBeLessThanOrEqual(guides.length + 4);
      log.clear();
      const again = await cold.request().guidebook!.sessionSource(homeFilter(), ASC).read(0, 50);
      expect(ids(again.items)).toEqual(ids(expected.slice(0, 50)));
      expect(log.count()).toBe(0);
      await cold.close();
    });

    it('(h) slices of the home page in several page sizes, from the front and from the end, equal the oracle', async () => {
      const expected = ids(homeExpected());
      const ds = harness.request();
      for (const size of [1, 7, 50, 333]) {
        for (const offset of [0, size, 3 * size, Math.max(0, expected.length - size), expected.length - 1, expected.length]) {
          const { items, totalCount } = await ds.guidebook!.sessionSource(homeFilter(), ASC).read(offset, size);
          expect(totalCount).toBe(expected.length);
          expect(ids(items), `offset ${offset} size ${size}`).toEqual(expected.slice(offset, offset + size));
        }
      }
    });

    /** 11:00 local on the large guide's middle day (the bench's "now"). */
    const nowOf = () => localMidnight(day, large.timeZone) + 11 * HOUR;

    it('(e) as the bench asks it — happeningAt now, and startsAfter now + startsBefore now + 2 h — first: 20 each: the oracle’s, look-back bounded (cost printed), 0 warm', async () => {
      const now = nowOf();
      const windows: SessionWindow[] = [{ happeningAt: new Date(now) }, { startsAfter: new Date(now), startsBefore: new Date(now + 2 * HOUR) }];
      const expected = windows.map((w) => large.sessions.filter((s) => inWindow(s, w)).sort(byStart));
      const log = harness.emulators.guidebook.log;
      const read = (ds: DataSources) => Promise.all(windows.map((window) => ds.guidebook!.sessionSource({ guideId: '90', window }, ASC).read(0, 20)));
      const cold = harness.newProcess();
      log.clear();
      const pages = await read(cold.request());
      const calls = log.count();
      console.info(`[cost] scale ${scale} (e, bench form) GUIDEBOOK: ${calls} cold calls`);
      pages.forEach((page, i) => {
        expect(ids(page.items)).toEqual(ids(expected[i]!.slice(0, 20)));
        expect(page.totalCount).toBe(expected[i]!.length);
      });
      // Page 1, the last page, the probes and the pages of the look-back's starts [now − 24 h, now + 2 h).
      const starts = large.sessions.map((s) => s.start!.getTime()).sort((a, b) => a - b);
      const lookBack = new Set(starts.flatMap((t, i) => (t >= now - MAX_SESSION_MS && t < now + 2 * HOUR ? [Math.floor(i / GUIDEBOOK_PAGE)] : [])));
      const pageCount = Math.ceil(starts.length / GUIDEBOOK_PAGE);
      expect(calls).toBeLessThanOrEqual(2 + 2 * (Math.ceil(Math.log2(pageCount + 1)) + 1) + lookBack.size);
      log.clear();
      const again = await read(cold.request());
      again.forEach((page, i) => expect(ids(page.items)).toEqual(ids(expected[i]!.slice(0, 20))));
      expect(log.count()).toBe(0);
      await cold.close();
    });

    it('(e) happeningAt slices in several page sizes, from the front and from the end, equal the oracle (twice: the remembered view gives the same)', async () => {
      const window = { happeningAt: new Date(nowOf()) };
      const expected = ids(large.sessions.filter((s) => inWindow(s, window)).sort(byStart));
      for (let pass = 0; pass < 2; pass += 1) {
        const ds = harness.request();
        for (const size of [1, 7, 20, 333]) {
          for (const offset of [0, size, Math.max(0, expected.length - size), expected.length]) {
            const { items, totalCount } = await ds.guidebook!.sessionSource({ guideId: '90', window }, ASC).read(offset, size);
            expect(totalCount).toBe(expected.length);
            expect(ids(items), `offset ${offset} size ${size}`).toEqual(expected.slice(offset, offset + size));
          }
        }
      }
    });
  });
}
