import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DataSources } from '../../src/datasources/providers.js';
import type { SessionModel, SessionWindow } from '../../src/models/index.js';
import { oracleConferences, wallTimeToUtc, type OracleConference, type OracleSession } from '../support/conferenceOracle.js';
import { startDatasourceHarness, type DatasourceHarness } from '../support/datasourceHarness.js';
import { startHarness } from '../support/gatewayHarness.js';
import { rootConnection, walkBackward, walkForward } from '../support/paging.js';

// Issue 19, Guidebook's "happening at t" and "ends after t" read from the list ordered by end
// (sessionsEndingAfter.ts) instead of the start order's 24 h look-back, at both emulator sizes:
// every window below equals the independent oracle (conferenceOracle.ts: the seed read with Intl
// only), as a whole and sliced in several page sizes from the front and from the end; cold
// upstream calls of the bench's (e) counted from the emulator's request log, 0 warm.

const HOUR = 3_600_000;
const ASC = { field: 'START_TIME', direction: 'ASC' } as const;
const PAGE = 500; // GUIDEBOOK_WINDOW_PAGE_SIZE's default

/** sessionInWindow's rule, written again (effectiveEnd from the oracle). */
function inWindow(s: OracleSession, w: SessionWindow): boolean {
  const start = s.start?.getTime();
  const end = s.effectiveEnd?.getTime();
  if (start === undefined || end === undefined) return false;
  if (w.startsAfter && start < w.startsAfter.getTime()) return false;
  if (w.startsBefore && start >= w.startsBefore.getTime()) return false;
  if (w.endsAfter && end <= w.endsAfter.getTime()) return false;
  if (w.endsBefore && end > w.endsBefore.getTime()) return false;
  if (w.happeningAt && (start > w.happeningAt.getTime() || end <= w.happeningAt.getTime())) return false;
  return true;
}

const byStart = (a: OracleSession, b: OracleSession) => a.start!.getTime() - b.start!.getTime() || Number(a.sourceId) - Number(b.sourceId);
const ids = (sessions: ReadonlyArray<SessionModel | OracleSession>) => sessions.map((s) => s.sourceId);

for (const scale of [1_000, 10_000]) {
  describe(`Guidebook windows on the end, from the end order, at EMULATOR_SCALE=${scale}`, () => {
    let harness: DatasourceHarness;
    let guide: OracleConference;
    let days: string[];

    beforeAll(async () => {
      harness = await startDatasourceHarness({ emulators: { scale } });
      guide = oracleConferences(scale).find((c) => c.provider === 'GUIDEBOOK' && c.key === '90')!;
      days = [...new Set(guide.sessions.flatMap((s) => (s.localDay ? [s.localDay] : [])))].sort();
    }, 120_000);
    afterAll(() => harness?.close());

    const at = (day: string, hour: number, minute = 0) => wallTimeToUtc(day, hour * 60 + minute, guide.timeZone).getTime();
    const middle = () => days[Math.floor((days.length - 1) / 2)]!;
    const source = (ds: DataSources, window: SessionWindow) => ds.guidebook!.sessionSource({ guideId: '90', window }, ASC);

    it('(e) as the bench asks it — happeningAt 11:00 and starts in the next 2 h, first: 20 each — the oracle’s; cold calls the same bound at both sizes (no look-back), 0 warm', async () => {
      const now = at(middle(), 11);
      const windows: SessionWindow[] = [{ happeningAt: new Date(now) }, { startsAfter: new Date(now), startsBefore: new Date(now + 2 * HOUR) }];
      const expected = windows.map((w) => guide.sessions.filter((s) => inWindow(s, w)).sort(byStart));
      expect(expected[0]!.length).toBeGreaterThan(20);
      const log = harness.emulators.guidebook.log;
      const read = (ds: DataSources) => Promise.all(windows.map((window) => source(ds, window).read(0, 20)));
      const cold = harness.newProcess();
      log.clear();
      const pages = await read(cold.request());
      const urls = log.entries().map((e) => decodeURIComponent(e.url));
      console.info(`[cost] scale ${scale} (e, bench form, end order) GUIDEBOOK: ${urls.length} cold calls (tracks not included)\n  ${urls.join('\n  ')}`);
      pages.forEach((page, i) => {
        expect(ids(page.items)).toEqual(ids(expected[i]!.slice(0, 20)));
        expect(page.totalCount).toBe(expected[i]!.length);
      });
      const pageCount = Math.ceil(guide.sessions.length / PAGE);
      const startPages = new Set(urls.filter((u) => u.includes('ordering=start_time,id')).map((u) => Number(/[?&]page=(\d+)/.exec(u)?.[1] ?? 1)));
      if (pageCount > 3) {
        // Page 1, the last page (the spread), the pages of now and now + 2 h: never the 24 h look-back before now.
        const starts = guide.sessions.map((s) => s.start!.getTime()).sort((a, b) => a - b);
        const pageOf = (t: number) => Math.floor(starts.filter((s) => s < t).length / PAGE) + 1;
        for (const page of startPages) expect([1, pageCount, pageOf(now), pageOf(now) + 1, pageOf(now + 2 * HOUR)], `start page ${page}`).toContain(page);
        expect(urls.filter((u) => u.includes('ordering=-end_time,start_time,id'))).toHaveLength(1);
        // 4 start-ordered pages at most, the descending end order's page 1, the page of now in end order and one after it.
        expect(urls.length).toBeLessThanOrEqual(7);
      } else {
        // A list of ≤ 3 pages is read in start order: at most all of it.
        expect(urls.every((u) => u.includes('ordering=start_time,id'))).toBe(true);
        expect(urls.length).toBeLessThanOrEqual(pageCount);
      }
      log.clear();
      const again = await read(cold.request());
      again.forEach((page, i) => expect(ids(page.items)).toEqual(ids(expected[i]!.slice(0, 20))));
      expect(log.count()).toBe(0);
      await cold.close();
    });

    it('through the gateway: happeningAt and now-and-next on guide 90’s conference, walked forward (first/after) and backward (last/before) in pages of 7 and 50: the oracle’s, in order', async () => {
      const gateway = await startHarness({ emulatorSet: harness.emulators });
      try {
        const { conferences } = (
          await gateway.query<{ conferences: Array<{ id: string; source: string; sourceId: string }> }>('{ conferences { id source sourceId } }')
        ).data!;
        const conferenceId = conferences.find((c) => c.source === 'GUIDEBOOK' && c.sourceId === '90')!.id;
        const now = at(middle(), 11);
        const filters: Array<[Record<string, unknown>, SessionWindow]> = [
          [{ happeningAt: new Date(now).toISOString() }, { happeningAt: new Date(now) }],
          [
            { endsAfter: new Date(now).toISOString(), startsBefore: new Date(now + 2 * HOUR).toISOString() },
            { endsAfter: new Date(now), startsBefore: new Date(now + 2 * HOUR) },
          ],
        ];
        const document = `query($filter: SessionFilter, $first: Int, $after: String, $last: Int, $before: String) {
          connection: sessions(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { sourceId } } } }`;
        for (const [filter, window] of filters) {
          const expected = ids(guide.sessions.filter((s) => inWindow(s, window)).sort(byStart));
          const fetch = rootConnection<{ sourceId: string }>(gateway, document, { filter: { ...filter, conferenceId } });
          for (const size of [7, 50]) {
            const forward = await walkForward(fetch, size);
            expect(
              forward.nodes.map((n) => n.sourceId),
              `${JSON.stringify(filter)} forward ${size}`,
            ).toEqual(expected);
            expect(forward.pages[0]!.totalCount).toBe(expected.length);
            const backward = await walkBackward(fetch, size);
            expect(
              backward.nodes.map((n) => n.sourceId),
              `${JSON.stringify(filter)} backward ${size}`,
            ).toEqual(expected);
          }
        }
      } finally {
        await gateway.close();
      }
    }, 120_000);

    it('every window on the end at many instants (night, morning, evening, the DST day, before and after the conference) equals the oracle, sliced from the front and from the end', async () => {
      const instants = [
        at(days[0]!, 7, 30),
        at(days[0]!, 0, 30),
        at(middle(), 11),
        at(middle(), 3, 30),
        at(middle(), 20, 50),
        at(days.at(-1)!, 14, 10),
        at('2027-03-14', 15),
        at(days[0]!, 0) - 30 * HOUR,
        at(days.at(-1)!, 23) + 30 * HOUR,
      ];
      const log = harness.emulators.guidebook.log;
      const large = Math.ceil(guide.sessions.length / PAGE) > 3;
      for (const t of instants) {
        const windows: SessionWindow[] = [
          { happeningAt: new Date(t) },
          { endsAfter: new Date(t), startsBefore: new Date(t + 2 * HOUR) },
          { endsAfter: new Date(t) },
          { happeningAt: new Date(t), startsAfter: new Date(t - HOUR) },
          { endsAfter: new Date(t), endsBefore: new Date(t + HOUR), startsBefore: new Date(t + HOUR) },
          // A start bound below the end bound: the start order's look-back answers it.
          { endsAfter: new Date(t), startsBefore: new Date(t - HOUR) },
        ];
        for (const window of windows) {
          const expected = ids(guide.sessions.filter((s) => inWindow(s, window)).sort(byStart));
          const label = `${new Date(t).toISOString()} ${JSON.stringify(window)}`;
          // Cold, to see which orders the read used: the end order on a large list whenever the
          // start bound is not below t (after the last end too: sessions without one sort last).
          const cold = harness.newProcess();
          const ds = cold.request();
          log.clear();
          const whole = await source(ds, window).read(0, expected.length + 1);
          const endOrdered = log.entries().some((e) => decodeURIComponent(e.url).includes('ordering=end_time,start_time,id'));
          expect(endOrdered, label).toBe(large && !(window.startsBefore && window.startsBefore.getTime() < t));
          expect(ids(whole.items), label).toEqual(expected);
          expect(whole.totalCount, label).toBe(expected.length);
          for (const size of [1, 7, 20, 333]) {
            for (const offset of [0, size, Math.max(0, expected.length - size), Math.max(0, expected.length - 1)]) {
              const { items, totalCount } = await source(ds, window).read(offset, size);
              expect(totalCount, label).toBe(expected.length);
              expect(ids(items), `${label} offset ${offset} size ${size}`).toEqual(expected.slice(offset, offset + size));
            }
          }
          await cold.close();
        }
      }
    }, 120_000);
  });
}
