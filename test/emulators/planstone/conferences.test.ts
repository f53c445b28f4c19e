import { parseEmulatorScale, PLANSTONE_DEMO, PLANSTONE_DEMO_CONFERENCES, planstoneScaleConference, startEmulators } from '@sessions-gateway/emulators';
import { createPlanstoneEmulator } from '@sessions-gateway/emulators/planstone';
import { EXTRA_CONFERENCE_SPECS } from '@sessions-gateway/emulators/planstone/seed/conferenceSeeds.js';
import { generateConference } from '@sessions-gateway/emulators/planstone/seed/generatedConference.js';
import { planstoneDataset } from '@sessions-gateway/emulators/planstone/seed/planstoneDataset.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { oracleConferences, wallTimeToUtc } from '../../support/conferenceOracle.js';

// The Planstone emulator's several conferences (issue 19): the demo one unchanged, two more
// in other zones, each across its own DST change, scoped by where={"account","conference"}.

const emulator = createPlanstoneEmulator();
let base: string;
beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());

const AUTH = { authorization: `Basic ${Buffer.from(`${PLANSTONE_DEMO.token}:`).toString('base64')}` };
type Doc = Record<string, unknown>;

async function feed(resource: string, where: Record<string, unknown>, params: Record<string, string> = {}) {
  const res = await request(`${base}${resource}?${new URLSearchParams({ where: JSON.stringify(where), ...params }).toString()}`, { headers: AUTH });
  return (await res.body.json()) as { _items: Doc[]; _meta: { total: number; max_results: number } };
}

describe('Planstone emulator: several conferences', () => {
  it('lists the demo conference first, as PLANSTONE_DEMO, and each conference in its own IANA zone', () => {
    expect(PLANSTONE_DEMO_CONFERENCES[0]).toMatchObject({
      account: PLANSTONE_DEMO.account,
      conference: PLANSTONE_DEMO.conference,
      timeZone: PLANSTONE_DEMO.timezone,
    });
    expect(new Set(PLANSTONE_DEMO_CONFERENCES.map((c) => c.conference)).size).toBe(PLANSTONE_DEMO_CONFERENCES.length);
    expect(new Set(PLANSTONE_DEMO_CONFERENCES.map((c) => c.timeZone)).size).toBe(PLANSTONE_DEMO_CONFERENCES.length);
    expect(PLANSTONE_DEMO_CONFERENCES.length).toBeGreaterThanOrEqual(3);
    for (const c of PLANSTONE_DEMO_CONFERENCES) expect(() => new Intl.DateTimeFormat('en', { timeZone: c.timeZone })).not.toThrow();
  });

  it('scopes each conference: the total is its own session count, and every item is of that conference', async () => {
    const seen = new Set<unknown>();
    for (const c of PLANSTONE_DEMO_CONFERENCES) {
      const expected = c.conference === PLANSTONE_DEMO.conference ? 823 : EXTRA_CONFERENCE_SPECS.find((s) => s.conference === c)!.sessions;
      const { _items, _meta } = await feed('sessions', { account: c.account, conference: c.conference }, { max_results: '100' });
      expect(_meta.total).toBe(expected);
      for (const item of _items) {
        expect([item.account, item.conference]).toEqual([c.account, c.conference]);
        expect(seen.has(item._id)).toBe(false);
        seen.add(item._id);
      }
      const speakers = await feed('speakers', { account: c.account, conference: c.conference });
      expect(speakers._meta.total).toBeGreaterThan(0);
      for (const item of speakers._items) expect(item.conference).toBe(c.conference);
    }
  });

  it('keeps the demo conference byte-identical: its scoped pages are the demo data set in natural order', async () => {
    const demo = planstoneDataset(2018).sessions;
    const { _items } = await feed('sessions', { account: PLANSTONE_DEMO.account, conference: PLANSTONE_DEMO.conference }, { page: '9' });
    expect(_items.map((d) => d._id)).toEqual(demo.slice(800).map((d) => d._id));
    expect(_items[0]).toEqual(demo[800]);
  });

  it('answers a scope given inside $and, or with $eq, exactly as the plain scope (same items, same order)', async () => {
    const c = PLANSTONE_DEMO_CONFERENCES[1]!;
    const plain = await feed('sessions', { account: c.account, conference: c.conference });
    const viaAnd = await feed('sessions', { $and: [{ account: c.account }, { conference: { $eq: c.conference } }] });
    const viaIn = await feed('sessions', { account: c.account, conference: { $in: [c.conference] } });
    expect(viaAnd._items.map((d) => d._id)).toEqual(plain._items.map((d) => d._id));
    expect(viaIn._items.map((d) => d._id)).toEqual(plain._items.map((d) => d._id));
  });

  it('holds, in each extra conference, the awkward records: no date, a date without a time, a start without an end, times without a date, and ends past midnight written both ways', () => {
    for (const spec of EXTRA_CONFERENCE_SPECS) {
      const docs = generateConference(spec).sessions;
      expect(docs).toHaveLength(spec.sessions);
      const count = (test: (d: Doc) => boolean) => docs.filter(test).length;
      expect(count((d) => d.startDate === '' && d.startTime === ' ')).toBeGreaterThanOrEqual(1);
      expect(count((d) => d.startDate === '' && d.startTime !== ' ')).toBeGreaterThanOrEqual(1);
      expect(count((d) => d.startDate !== '' && d.startTime === ' ')).toBeGreaterThanOrEqual(1);
      expect(count((d) => d.startTime !== ' ' && d.startDate !== '' && d.endTime === ' ')).toBeGreaterThanOrEqual(2);
      expect(count((d) => d.startDate !== '' && d.endDate !== d.startDate)).toBeGreaterThanOrEqual(2);
      expect(
        count((d) => d.startDate !== '' && d.endDate === d.startDate && d.rendmins !== '' && Number(d.rendmins) < Number(d.rstartmins)),
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it("writes every generated session with the demo sessions' keys in the demo sessions' order", () => {
    const demo = planstoneDataset(2018).sessions.find((d, i) => i > 0 && 'has_handouts' in d)!;
    for (const spec of EXTRA_CONFERENCE_SPECS) {
      for (const doc of generateConference(spec).sessions) expect(Object.keys(doc)).toEqual(Object.keys(demo));
    }
  });

  it('generates the same conference from the same spec (deterministic)', () => {
    const spec = EXTRA_CONFERENCE_SPECS[0]!;
    expect(JSON.stringify(generateConference(spec))).toBe(JSON.stringify(generateConference(spec)));
  });
});

describe('the conference oracle (test/support/conferenceOracle.ts) on DST nights', () => {
  it('reads a repeated local time as its first occurrence and a skipped one forward by the gap', () => {
    // America/New_York, 2026-11-01: 01:15 happens at 05:15Z (EDT) and again at 06:15Z (EST).
    expect(wallTimeToUtc('2026-11-01', 75, 'America/New_York').toISOString()).toBe('2026-11-01T05:15:00.000Z');
    // Europe/Berlin, 2026-10-25: 02:15 happens at 00:15Z (CEST) and at 01:15Z (CET).
    expect(wallTimeToUtc('2026-10-25', 135, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:15:00.000Z');
    // America/Los_Angeles, 2027-03-14: 02:30 does not exist; 03:30 PDT is 10:30Z.
    expect(wallTimeToUtc('2027-03-14', 150, 'America/Los_Angeles').toISOString()).toBe('2027-03-14T10:30:00.000Z');
    expect(wallTimeToUtc('2024-11-03', 90, 'America/Chicago').toISOString()).toBe('2024-11-03T06:30:00.000Z');
  });

  it('puts a session written 11:30 pm–02:30 am on one date across the night: 4 hours in New York, where 01:00–02:00 repeats', () => {
    const ne = oracleConferences().find((c) => c.key === 'myaccount/2026NE')!;
    const night = ne.sessions.filter((s) => s.start?.toISOString() === '2026-11-01T03:30:00.000Z');
    expect(night).toHaveLength(1);
    expect(night[0]!.end!.toISOString()).toBe('2026-11-01T07:30:00.000Z');
    expect(night[0]!.localDay).toBe('2026-10-31');
  });

  it('gives every session with a start a local day of its conference, and no start for the undated ones', () => {
    for (const conference of oracleConferences()) {
      const planstone = PLANSTONE_DEMO_CONFERENCES.find((c) => `${c.account}/${c.conference}` === conference.key);
      for (const s of conference.sessions) {
        if (!s.start) expect(s.localDay).toBeNull();
        else if (planstone) expect(planstone.days).toContain(s.localDay);
        if (s.end && s.start) expect(s.end.getTime()).toBeGreaterThanOrEqual(s.start.getTime());
      }
    }
  });
});

describe('EMULATOR_SCALE and the demo environment', () => {
  it('parses EMULATOR_SCALE as a whole number, unset or empty meaning 0, and refuses anything else naming the variable', () => {
    expect(parseEmulatorScale(undefined)).toBe(0);
    expect(parseEmulatorScale('')).toBe(0);
    expect(parseEmulatorScale('10000')).toBe(10000);
    expect(parseEmulatorScale('10_000')).toBe(10000);
    expect(() => parseEmulatorScale('1e3.5')).toThrow(/EMULATOR_SCALE/);
    expect(() => parseEmulatorScale('-1')).toThrow(/EMULATOR_SCALE/);
  });

  it('passes every conference to a gateway as PLANSTONE_CONFERENCES, the first being PLANSTONE_ACCOUNT/CONFERENCE/TIMEZONE; with a scale, the large one last', async () => {
    for (const scale of [0, 1000]) {
      const set = await startEmulators({ scale });
      try {
        const listed = JSON.parse(set.env.PLANSTONE_CONFERENCES!) as { account: string; conference: string; timeZone: string; name: string }[];
        expect(listed[0]).toMatchObject({ account: set.env.PLANSTONE_ACCOUNT, conference: set.env.PLANSTONE_CONFERENCE, timeZone: set.env.PLANSTONE_TIMEZONE });
        const expected = scale ? [...PLANSTONE_DEMO_CONFERENCES, planstoneScaleConference(scale)] : PLANSTONE_DEMO_CONFERENCES;
        expect(listed).toEqual(expected.map(({ account, conference, timeZone, name }) => ({ account, conference, timeZone, name })));
      } finally {
        await set.close();
      }
    }
  });
});
