import { GUIDEBOOK_DEMO_API_KEY, PLANSTONE_DEMO, planstoneScaleConference, SCALE_GUIDE, startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { planstoneFeed } from '@sessions-gateway/emulators/planstone/seed/planstoneFeed.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { oracleConferences, SCALE_KEYS } from '../support/conferenceOracle.js';

// EMULATOR_SCALE (issue 19): the large Planstone conference and Guidebook guide, and what
// the emulators must answer for the gateway to push filters down — Planstone `where` on
// startDate ($gte/$lte/$in), speakers.pid, roomname/roomid, $and/$or, sort by startDate
// (and any field list), page/max_results, _meta.total; Guidebook ordering=start_time
// pages with count, page_size and locations — at both sizes. Expected values are computed
// here from the seed records, never from the gateway.

type Doc = Record<string, unknown>;
interface Envelope {
  _items: Doc[];
  _meta: { page: number; max_results: number; total: number };
}
interface DrfPage {
  count: number;
  next: string | null;
  previous: string | null;
  results: Doc[];
}

const PS_AUTH = { authorization: `Basic ${Buffer.from(`${PLANSTONE_DEMO.token}:`).toString('base64')}` };
const GB_AUTH = { authorization: `JWT ${GUIDEBOOK_DEMO_API_KEY}` };

async function getJson<T>(url: string, headers: Record<string, string>): Promise<{ status: number; body: T }> {
  const res = await request(url, { headers });
  return { status: res.statusCode, body: (await res.body.json()) as T };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0); // Mongo: strings by code point

describe.each([1000, 10000])('EMULATOR_SCALE=%i', (scale) => {
  let set: EmulatorSet;
  const conf = planstoneScaleConference(scale);
  const scope = { account: conf.account, conference: conf.conference };
  const docs = () => planstoneFeed(2018, scale).scoped('sessions', conf.account, conf.conference) as readonly Doc[];
  const ps = (params: Record<string, string>) => getJson<Envelope>(`${set.env.PLANSTONE_API_URL}sessions?${new URLSearchParams(params).toString()}`, PS_AUTH);
  const where = (query: Record<string, unknown>, extra: Record<string, string> = {}) => ps({ where: JSON.stringify({ ...scope, ...query }), ...extra });
  const gb = <T = DrfPage>(path: string) => getJson<T>(`${set.env.GUIDEBOOK_API_URL}${path}`, GB_AUTH);

  beforeAll(async () => {
    set = await startEmulators({ scale });
  });
  afterAll(() => set.close());

  describe('the large Planstone conference', () => {
    it(`holds ${scale} sessions and ${0.6 * scale} speakers over several days in parallel rooms, with some sessions without an end`, async () => {
      const sessions = await where({});
      expect(sessions.body._meta.total).toBe(scale);
      const speakers = await getJson<Envelope>(
        `${set.env.PLANSTONE_API_URL}speakers?${new URLSearchParams({ where: JSON.stringify(scope) }).toString()}`,
        PS_AUTH,
      );
      expect(speakers.body._meta.total).toBe(0.6 * scale);
      const all = docs();
      const days = new Set(all.map((d) => d.startDate).filter(Boolean));
      expect([...days].sort()).toEqual([...conf.days]);
      expect(new Set(all.map((d) => d.roomname)).size).toBeGreaterThan(10);
      expect(all.filter((d) => d.startTime !== ' ' && d.endTime === ' ').length).toBeGreaterThan(0);
      expect(all.filter((d) => d.startDate === '').length).toBeGreaterThan(0);
      // Some surnames carry accents (for accent-insensitive search).
      expect(all.some((d) => (d.speakers as { lname: string }[]).some((e) => e.lname.normalize('NFD') !== e.lname))).toBe(true);
    });

    it('answers where startDate $gte/$lte with exactly those days, sorted by startDate on the server, page by page', async () => {
      const [from, to] = [conf.days[1]!, conf.days[2]!];
      const expected = docs().filter((d) => (d.startDate as string) >= from && (d.startDate as string) <= to);
      const first = await where({ startDate: { $gte: from, $lte: to } }, { sort: 'startDate', max_results: '100' });
      expect(first.status).toBe(200);
      expect(first.body._meta.total).toBe(expected.length);
      const pages = Math.ceil(expected.length / 100);
      const last = await where({ startDate: { $gte: from, $lte: to } }, { sort: 'startDate', max_results: '100', page: String(pages) });
      const read = [...first.body._items, ...last.body._items];
      for (const item of read) expect([from, to]).toContain(item.startDate);
      // Sorted by startDate; ties keep natural order (Eve over Mongo with one sort key).
      expect(first.body._items.map((d) => d._id)).toEqual(
        [...expected]
          .sort((a, b) => compare(a.startDate as string, b.startDate as string))
          .slice(0, 100)
          .map((d) => d._id),
      );
      expect(last.body._items).toHaveLength(expected.length - (pages - 1) * 100);
    });

    it('answers startDate $in a list of days, and sort=startDate,rstartmins orders by both (strings by code point)', async () => {
      const days = [conf.days[0]!, conf.days[conf.days.length - 1]!];
      const expected = docs()
        .filter((d) => days.includes(d.startDate as string))
        .sort((a, b) => compare(a.startDate as string, b.startDate as string) || compare(a.rstartmins as string, b.rstartmins as string));
      const { body } = await where({ startDate: { $in: days } }, { sort: 'startDate,rstartmins', page: '2' });
      expect(body._meta.total).toBe(expected.length);
      expect(body._items.map((d) => d._id)).toEqual(expected.slice(100, 200).map((d) => d._id));
    });

    it('answers "speakers.pid" (every session of one speaker), roomname and roomid', async () => {
      const all = docs();
      const pid = (all.find((d) => (d.speakers as unknown[]).length > 2)!.speakers as { pid: string }[])[1]!.pid;
      const bySpeaker = await where({ 'speakers.pid': pid });
      expect(bySpeaker.body._meta.total).toBe(all.filter((d) => (d.speakers as { pid: string }[]).some((e) => e.pid === pid)).length);
      const sample = all.find((d) => d.roomname !== '')!;
      const byRoom = await where({ roomname: sample.roomname }, { max_results: '100' });
      expect(byRoom.body._meta.total).toBe(all.filter((d) => d.roomname === sample.roomname).length);
      const byRoomId = await where({ roomid: sample.roomid });
      expect(byRoomId.body._meta.total).toBe(byRoom.body._meta.total);
      expect(byRoom.body._items.every((d) => d.roomid === sample.roomid)).toBe(true);
    });

    it('answers $or of rooms and $and of a day with a speaker, combined with the scope', async () => {
      const all = docs();
      const rooms = [...new Set(all.map((d) => d.roomname as string).filter(Boolean))].slice(0, 2);
      const or = await where({ $or: rooms.map((roomname) => ({ roomname })) });
      expect(or.body._meta.total).toBe(all.filter((d) => rooms.includes(d.roomname as string)).length);
      const day = conf.days[0]!;
      const pid = (all.find((d) => d.startDate === day && (d.speakers as unknown[]).length > 0)!.speakers as { pid: string }[])[0]!.pid;
      const and = await ps({ where: JSON.stringify({ $and: [scope, { startDate: day }, { 'speakers.pid': { $in: [pid] } }] }) });
      const expected = all.filter((d) => d.startDate === day && (d.speakers as { pid: string }[]).some((e) => e.pid === pid));
      expect(and.body._meta.total).toBe(expected.length);
      expect(and.body._items.map((d) => d._id)).toEqual(expected.map((d) => d._id));
    });

    it('clamps max_results at 100 and serves an empty page past the end with the real total', async () => {
      const big = await where({}, { max_results: '500' });
      expect(big.body._meta.max_results).toBe(100);
      expect(big.body._items).toHaveLength(100);
      const past = await where({}, { page: String(scale / 100 + 1) });
      expect(past.body._items).toEqual([]);
      expect(past.body._meta.total).toBe(scale);
    });

    it("agrees with the oracle: the conference's sessions on each local day", () => {
      const oracle = oracleConferences(scale).find((c) => c.key === SCALE_KEYS.planstone)!;
      expect(oracle.sessions).toHaveLength(scale);
      for (const day of conf.days) {
        expect(oracle.sessions.filter((s) => s.localDay === day).length).toBe(docs().filter((d) => d.startDate === day).length);
      }
    });
  });

  describe('the large Guidebook guide', () => {
    it(`holds ${1.5 * scale} sessions with tracks and locations, and counts them on every page`, async () => {
      const first = await gb(`sessions/?guide=${SCALE_GUIDE.id}&ordering=start_time`);
      expect(first.body.count).toBe(1.5 * scale);
      expect(first.body.results).toHaveLength(37);
      const locations = await gb(`locations/?guide=${SCALE_GUIDE.id}&page_size=500`);
      expect(locations.body.count).toBeGreaterThan(10);
      expect(locations.body.results.filter((l) => l.location_type === 1)).toHaveLength(1);
      const tracks = await gb(`schedule-tracks/?guide=${SCALE_GUIDE.id}`);
      expect(tracks.body.count).toBeGreaterThanOrEqual(8);
      const guide = await gb<Doc>(`guides/${SCALE_GUIDE.id}/`);
      expect(guide.body.timezone).toBe(SCALE_GUIDE.timezone);
    });

    it('serves ordering=start_time pages that are slices of one start_time order (ties by id), so any page K can be read alone', async () => {
      const oracle = oracleConferences(scale).find((c) => c.key === SCALE_KEYS.guidebook)!;
      const expected = [...oracle.sessions].sort((a, b) => a.start!.getTime() - b.start!.getTime() || Number(a.sourceId) - Number(b.sourceId));
      const pages = Math.ceil(expected.length / 37);
      for (const page of [1, 2, Math.floor(pages / 2), pages]) {
        const { body } = await gb(`sessions/?guide=${SCALE_GUIDE.id}&ordering=start_time&page=${page}`);
        expect(body.count).toBe(expected.length);
        expect(body.results.map((s) => String(s.id))).toEqual(expected.slice((page - 1) * 37, page * 37).map((s) => s.sourceId));
      }
      const past = await gb(`sessions/?guide=${SCALE_GUIDE.id}&ordering=start_time&page=${pages + 1}`);
      expect(past.status).toBe(404);
      const sized = await gb(`sessions/?guide=${SCALE_GUIDE.id}&ordering=start_time&page_size=500&page=2`);
      expect(sized.body.results.map((s) => String(s.id))).toEqual(expected.slice(500, 1000).map((s) => s.sourceId));
    });
  });
});

describe('without EMULATOR_SCALE', () => {
  let set: EmulatorSet;
  beforeAll(async () => {
    set = await startEmulators({ scale: 0 });
  });
  afterAll(() => set.close());

  it('serves neither the large conference nor the large guide', async () => {
    const conf = planstoneScaleConference(1000);
    const where = JSON.stringify({ account: conf.account, conference: conf.conference });
    const ps = await getJson<Envelope>(`${set.env.PLANSTONE_API_URL}sessions?${new URLSearchParams({ where }).toString()}`, PS_AUTH);
    expect(ps.body._meta.total).toBe(0);
    const guides = await getJson<DrfPage>(`${set.env.GUIDEBOOK_API_URL}guides/`, GB_AUTH);
    expect(guides.body.results.map((g) => g.id)).not.toContain(SCALE_GUIDE.id);
    expect(guides.body.count).toBe(6);
    const sessions = await getJson<DrfPage>(`${set.env.GUIDEBOOK_API_URL}sessions/`, GB_AUTH);
    expect(sessions.body.count).toBe(1500);
  });
});
