import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DataSources } from '../../src/datasources/providers.js';
import type { SessionModel, SessionWindow } from '../../src/models/index.js';
import { startDatasourceHarness, type DatasourceHarness } from '../support/datasourceHarness.js';
import { planstoneEndMs, planstoneStartMs, readProviderData, type PlanstoneSession } from '../support/providerData.js';

// Planstone windows pushed down as `where` on the local start (and end) dates
// (src/datasources/planstone/sessionWhere.ts): the sessions equal an oracle computed here from
// the feed's own documents, and the `where` the emulator received names only the dates that
// can hold them.

const HOUR = 3_600_000;
const ZONE = 'America/Chicago';

interface Ref {
  schedid: string;
  start: number;
  end: number;
  startDate: string;
  pids: string[];
  roomid: string;
}

let harness: DatasourceHarness;
let refs: Ref[];
/** Every session's speakers, with or without a start (those without one sort last). */
let engagements: Array<{ schedid: string; start: number | null; pids: string[] }>;

beforeAll(async () => {
  harness = await startDatasourceHarness();
  const data = await readProviderData(harness.asHarness());
  expect(data.planstone.timeZone).toBe(ZONE);
  engagements = data.planstone.sessions.map((s) => ({
    schedid: s.schedid,
    start: planstoneStartMs(s, ZONE),
    pids: (s.speakers ?? []).map((e) => String(e.pid)),
  }));
  refs = data.planstone.sessions.flatMap((s: PlanstoneSession) => {
    const start = planstoneStartMs(s, ZONE);
    if (start === null) return [];
    const hasTime = Boolean(s.startTime?.trim() || s.rstartmins?.trim());
    // The effective end (schema): a date without a time is an all-day session of 24 hours;
    // a session without an end time ends at its start.
    const end = planstoneEndMs(s, ZONE) ?? (hasTime ? start : start + 24 * HOUR);
    return [
      {
        schedid: s.schedid,
        start,
        end,
        startDate: s.startDate!.trim(),
        pids: (s.speakers ?? []).map((e) => String(e.pid)),
        roomid: String((s as unknown as { roomid?: unknown }).roomid ?? ''),
      },
    ];
  });
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

/** `where` of every session request the emulator received since the log was cleared. */
function receivedWheres(): Array<Record<string, unknown>> {
  return harness.emulators.planstone.log
    .entries()
    .filter((e) => e.route === '/sessions')
    .map((e) => JSON.parse(new URL(e.url, 'http://x').searchParams.get('where')!) as Record<string, unknown>);
}

/** The clauses of a `where` that name `startDate`, through `$or` and `$and`. */
function clausesOf(where: Record<string, unknown>): Array<Record<string, unknown>> {
  const nested = [...((where.$or as Array<Record<string, unknown>> | undefined) ?? []), ...((where.$and as Array<Record<string, unknown>> | undefined) ?? [])];
  return [...(where.startDate !== undefined ? [where] : []), ...nested.flatMap(clausesOf)];
}

async function read(filter: { window?: SessionWindow; speakerPid?: string }, request: () => DataSources = () => harness.request()): Promise<SessionModel[]> {
  const { items, totalCount } = await request().planstone!.sessionSource(filter, { field: 'START_TIME', direction: 'ASC' }).read(0, 10_000);
  expect(items.length).toBe(totalCount);
  return items;
}

/** An instant written in UTC (Chicago is UTC−5 until 2024-11-03 02:00 local, UTC−6 after). */
const utc = (iso: string) => new Date(`${iso}Z`);

const CASES: Array<{
  name: string;
  filter: () => { window: SessionWindow; speakerPid?: string };
  dates: string[];
  endDateFrom?: string;
  startedTheDayBefore?: boolean;
}> = [
  {
    name: 'the DST day 2024-11-03 (25 hours: 05:00Z to 06:00Z next day)',
    filter: () => ({ window: { startsAfter: utc('2024-11-03T05:00:00'), startsBefore: utc('2024-11-04T06:00:00') } }),
    dates: ['2024-11-03'],
  },
  {
    name: 'happening at 00:30 local on 2024-11-03 (sessions of the evening before, past midnight)',
    filter: () => ({ window: { happeningAt: utc('2024-11-03T05:30:00') } }),
    dates: ['2024-11-02', '2024-11-03'],
    endDateFrom: '2024-11-03',
    startedTheDayBefore: true,
  },
  {
    name: 'now and next at 10:00 local on 2024-11-01',
    filter: () => ({ window: { endsAfter: utc('2024-11-01T15:00:00'), startsBefore: utc('2024-11-01T17:00:00') } }),
    dates: ['2024-10-31', '2024-11-01'],
    endDateFrom: '2024-11-01',
  },
  {
    name: 'a window crossing midnight (22:00 on 2024-11-01 to 02:00 on 2024-11-02 local)',
    filter: () => ({ window: { startsAfter: utc('2024-11-02T03:00:00'), startsBefore: utc('2024-11-02T07:00:00') } }),
    dates: ['2024-11-01', '2024-11-02'],
  },
];

describe('Planstone: time windows pushed down as where on startDate', () => {
  for (const { name, filter, dates, endDateFrom, startedTheDayBefore } of CASES) {
    it(`${name}: exactly the oracle's sessions, only those dates asked for, warm 0 calls`, async () => {
      const { window } = filter();
      const expected = refs
        .filter((r) => inWindow(r, window))
        .sort((a, b) => a.start - b.start || Number(a.schedid) - Number(b.schedid))
        .map((r) => r.schedid);
      expect(expected.length).toBeGreaterThan(0);
      // The look-back is needed: a session that started on the date before is running.
      if (startedTheDayBefore) expect(refs.some((r) => expected.includes(r.schedid) && r.startDate === dates[0])).toBe(true);
      const cold = harness.newProcess();
      harness.emulators.planstone.log.clear();
      const sessions = await read(filter(), cold.request);
      await cold.close();
      expect(sessions.map((s) => s.sourceId)).toEqual(expected);

      // What the feed was asked: the scope, and start dates in [first, last] of `dates`
      // (or an end date from `endDateFrom` for sessions whose endDate says so). A window read
      // by minutes (minuteWindowPlan.ts) names single dates and earlier ones bounded by an end date.
      const wheres = receivedWheres();
      expect(wheres.length).toBeGreaterThan(0);
      const lastDate = dates.at(-1)!;
      for (const where of wheres) {
        expect(where).toMatchObject({ account: 'myaccount', conference: '2018' });
        for (const clause of clausesOf(where)) {
          const startDate = clause.startDate as string | { $gte: string; $lte?: string; $lt?: string };
          if (typeof startDate === 'string') {
            expect(dates).toContain(startDate);
            continue;
          }
          expect(startDate.$lte ?? startDate.$lt).toBeDefined();
          expect((startDate.$lte ?? startDate.$lt)! <= lastDate).toBe(true);
          if (startDate.$gte < dates[0]!) expect(JSON.stringify(clause.endDate)).toMatch(new RegExp(`"(\\$gte|\\$gt)":"${endDateFrom}"|^"${endDateFrom}"$`));
        }
      }
      // One page per 100 sessions of the dates asked for (the feed's page size), no more.
      const asked = refs.filter((r) => r.startDate >= dates[0]! && r.startDate <= lastDate).length;
      expect(harness.emulators.planstone.log.count()).toBeLessThanOrEqual(Math.ceil(asked / 100) + 1);
      expect(harness.emulators.planstone.log.count()).toBeLessThan(Math.ceil(refs.length / 100));

      await read(filter());
      harness.emulators.planstone.log.clear();
      expect((await read(filter())).map((s) => s.sourceId)).toEqual(expected);
      expect(harness.emulators.planstone.log.count()).toBe(0);
    });
  }

  it("a speaker's sessions in a window: speakers.pid in the where", async () => {
    const window: SessionWindow = { startsAfter: utc('2024-11-01T05:00:00'), startsBefore: utc('2024-11-03T05:00:00') };
    const pid = refs.filter((r) => inWindow(r, window)).flatMap((r) => r.pids)[0]!;
    const expected = refs
      .filter((r) => inWindow(r, window) && r.pids.includes(pid))
      .sort((a, b) => a.start - b.start || Number(a.schedid) - Number(b.schedid))
      .map((r) => r.schedid);
    const cold = harness.newProcess();
    harness.emulators.planstone.log.clear();
    const sessions = await read({ window, speakerPid: pid }, cold.request);
    await cold.close();
    expect(sessions.map((s) => s.sourceId)).toEqual(expected);
    const [where] = receivedWheres();
    expect(where).toMatchObject({ 'speakers.pid': { $in: [pid, Number(pid)] }, startDate: { $gte: '2024-11-01', $lte: '2024-11-02' } });
    expect(harness.emulators.planstone.log.count()).toBe(1);
  });

  it('a room on a day: roomid in the where', async () => {
    const window: SessionWindow = { startsAfter: utc('2024-11-04T06:00:00'), startsBefore: utc('2024-11-05T06:00:00') };
    const roomid = refs.find((r) => inWindow(r, window) && r.roomid !== '')!.roomid;
    const expected = refs
      .filter((r) => inWindow(r, window) && r.roomid === roomid)
      .sort((a, b) => a.start - b.start || Number(a.schedid) - Number(b.schedid))
      .map((r) => r.schedid);
    expect(expected.length).toBeGreaterThan(0);
    const cold = harness.newProcess();
    harness.emulators.planstone.log.clear();
    const { items } = await cold.request().planstone!.sessionSource({ window, roomId: roomid }, { field: 'START_TIME', direction: 'ASC' }).read(0, 1000);
    await cold.close();
    expect(items.map((s) => s.sourceId)).toEqual(expected);
    expect(receivedWheres()).toEqual([
      { account: 'myaccount', conference: '2018', roomid: { $in: [roomid, Number(roomid)] }, startDate: { $gte: '2024-11-04', $lte: '2024-11-04' } },
    ]);
  });

  it("thirty speakers' sessions in one request: one speakers.pid $in query, not one per speaker", async () => {
    const pids = [...new Set(refs.flatMap((r) => r.pids))].slice(0, 30);
    const cold = harness.newProcess();
    harness.emulators.planstone.log.clear();
    const request = cold.request();
    const lists = await Promise.all(
      pids.map((speakerPid) => request.planstone!.sessionSource({ speakerPid }, { field: 'START_TIME', direction: 'ASC' }).read(0, 1000)),
    );
    await cold.close();
    pids.forEach((pid, i) => {
      const expected = engagements
        .filter((r) => r.pids.includes(pid))
        .sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || Number(a.schedid) - Number(b.schedid))
        .map((r) => r.schedid);
      expect(lists[i]!.items.map((s) => s.sourceId)).toEqual(expected);
    });
    const engaged = engagements.filter((r) => r.pids.some((pid) => pids.includes(pid))).length;
    expect(harness.emulators.planstone.log.count()).toBe(Math.max(1, Math.ceil(engaged / 100)));
    const [where] = receivedWheres();
    expect((where!['speakers.pid'] as { $in: unknown[] }).$in).toHaveLength(60);
  });
});
