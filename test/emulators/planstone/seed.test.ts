import { createPlanstoneEmulator, PLANSTONE_DEMO } from '@sessions-gateway/emulators/planstone';
import { PLANSTONE_SAMPLE_SESSION_JSON } from '@sessions-gateway/emulators/planstone/sample.js';
import { createDataset } from '@sessions-gateway/emulators/planstone/seed/dataset.js';
import { TRACK_NAMES } from '@sessions-gateway/emulators/planstone/seed/sessions.js';
import { DateTime } from 'luxon';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The demo conference's data, read over HTTP the way a consumer does (all pages), checked
// against the field facts in PROVIDERS.md §3 and the docs' sample.

const emulator = createPlanstoneEmulator();
let base: string;
type Doc = Record<string, unknown>;
type Engagement = Record<string, unknown> & { pid: string };
let sessions: Doc[] = [];
let speakers: Doc[] = [];

const AUTH = { authorization: `Basic ${Buffer.from(`${PLANSTONE_DEMO.token}:`).toString('base64')}` };
const WHERE = JSON.stringify({ account: PLANSTONE_DEMO.account, conference: PLANSTONE_DEMO.conference });

async function readAll(resource: string): Promise<{ items: Doc[]; raw: string }> {
  const items: Doc[] = [];
  let raw = '';
  for (let page = 1; ; page++) {
    const res = await request(`${base}${resource}?${new URLSearchParams({ where: WHERE, page: String(page) })}`, { headers: AUTH });
    const text = await res.body.text();
    raw += text;
    const body = JSON.parse(text) as { _items: Doc[]; _links: { next?: unknown } };
    items.push(...body._items);
    if (!body._links.next) return { items, raw };
  }
}

let rawSessions = '';
beforeAll(async () => {
  base = await emulator.listen(0);
  const read = await readAll('sessions');
  sessions = read.items;
  rawSessions = read.raw;
  speakers = (await readAll('speakers')).items;
});
afterAll(() => emulator.close());

const engagements = () => sessions.flatMap((s) => (s.speakers as Engagement[] | undefined) ?? []);

describe("Planstone seed: sizes and the docs' sample", () => {
  it('has 823 sessions and 1,200 speakers, all of account myaccount / conference 2018', () => {
    expect(sessions).toHaveLength(823);
    expect(speakers).toHaveLength(1200);
    for (const doc of [...sessions, ...speakers]) expect([doc.account, doc.conference]).toEqual(['myaccount', '2018']);
  });

  it("contains the docs' JSON sample verbatim (values and key order) as the first document", () => {
    const sample = JSON.parse(PLANSTONE_SAMPLE_SESSION_JSON) as Doc;
    expect(sessions[0]).toEqual(sample);
    expect(Object.keys(sessions[0]!)).toEqual(Object.keys(sample));
    expect(sample._id).toBe('5aaa7a013d0b7f000b72492b');
    expect(Object.keys(sample)).toHaveLength(94);
  });

  it("keeps the sample's pids 10024, 10006, 46549 in /speakers and leaves 65076, 65294 dangling", () => {
    const pids = new Set(speakers.map((s) => s.pid));
    expect(['10024', '10006', '46549'].every((pid) => pids.has(pid))).toBe(true);
    expect(['65076', '65294'].some((pid) => pids.has(pid))).toBe(false);
    const dangling = new Set(
      engagements()
        .map((e) => e.pid)
        .filter((pid) => !pids.has(pid)),
    );
    expect(dangling.size).toBeGreaterThan(5); // generated sessions dangle too
    expect(dangling.has('65076') && dangling.has('65294')).toBe(true);
  });
});

describe('Planstone seed: meta fields', () => {
  it('gives every document a 24-hex _id, a 40-hex _etag and epoch _created/_updated', () => {
    const ids = new Set<unknown>();
    for (const doc of [...sessions, ...speakers]) {
      expect(doc._id).toMatch(/^[0-9a-f]{24}$/);
      expect(doc._etag).toMatch(/^[0-9a-f]{40}$/);
      expect(doc._created).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
      expect(doc._updated).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
      ids.add(doc._id);
    }
    expect(ids.size).toBe(2023);
  });
});

describe('Planstone seed: session fields, sloppy like the real feed', () => {
  it('gives every generated session every documented key (a few old records lack the two newest)', () => {
    const documented = [
      'account',
      'conference',
      'session_updated_at',
      'schedule_updated_at',
      'updated_at',
      'clientid',
      'sessionClientID',
      'sessionName',
      'description',
      'sched_roomname',
      'roomid',
      'roomname',
      'hotelname',
      'location',
      'startDate',
      'startTime',
      'rstartmins',
      'endTime',
      'endDate',
      'rendmins',
      'sesid',
      'published',
      'schedid',
      'sestype',
      'sessionType',
      'SessionDetailsURL',
      'tracks',
      'ticketed',
      'adanotes',
      'mobileActionURL',
      'speakers',
    ];
    for (const s of sessions.slice(1)) for (const key of documented) expect(s).toHaveProperty(key);
    const newest = ['planstoneDesktopUserActionURL', 'has_handouts'];
    const lacking = sessions.slice(1).filter((s) => !newest.every((key) => key in s));
    expect(lacking.length).toBeGreaterThan(0);
    expect(lacking.length).toBeLessThan(60);
  });

  it('writes every id as a string; schedid is unique, sesid and sessionClientID are not', () => {
    for (const s of sessions) for (const key of ['schedid', 'sesid', 'sessionClientID']) if (s[key] !== null) expect(typeof s[key]).toBe('string');
    const generated = sessions.slice(1);
    for (const s of generated) for (const key of ['sestype', 'clientid', 'roomid', 'rstartmins', 'rendmins']) expect(typeof s[key]).toBe('string');
    expect(new Set(sessions.map((s) => s.schedid)).size).toBe(823);
    expect(new Set(sessions.map((s) => s.sesid)).size).toBeLessThan(823);
    const clientIds = sessions.map((s) => s.sessionClientID).filter((id) => id);
    expect(new Set(clientIds).size).toBeLessThan(clientIds.length);
  });

  it('writes dates as YYYY-MM-DD or "", times as "hh:mm am|pm" or a single space', () => {
    for (const s of sessions) {
      expect(s.startDate).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
      expect(s.endDate).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
      expect(s.startTime).toMatch(/^(\d{2}:\d{2} [ap]m| )$/);
      expect(s.endTime).toMatch(/^(\d{2}:\d{2} [ap]m| )$/);
    }
    expect(sessions.filter((s) => s.startDate === '').length).toBeGreaterThan(5);
    expect(sessions.filter((s) => s.startDate !== '' && s.startTime === ' ').length).toBeGreaterThan(2);
  });

  it('keeps rstartmins/rendmins as minutes after midnight, in step with the clock strings', () => {
    for (const s of sessions.slice(1)) {
      if (s.startTime === ' ') {
        expect(s.rstartmins).toBe('');
        continue;
      }
      const [, h, m, ap] = /^(\d{2}):(\d{2}) ([ap]m)$/.exec(String(s.startTime))!;
      expect(Number(s.rstartmins)).toBe(((Number(h) % 12) + (ap === 'pm' ? 12 : 0)) * 60 + Number(m));
    }
  });

  it('mixes published true, 1 and null', () => {
    const values = new Set(sessions.map((s) => s.published));
    expect(values).toEqual(new Set([true, 1, null]));
  });

  it('keeps credits as decimal strings with labels, custom fields often null, learning objectives "" when empty', () => {
    for (const s of sessions) {
      for (let i = 1; i <= 9; i++) {
        expect(s[`credits${i}`]).toMatch(/^\d+\.\d+$/);
        expect(typeof s[`credits${i}_label`]).toBe('string');
      }
      for (let i = 1; i <= 10; i++) expect(typeof s[`learning_objective${i}`]).toBe('string');
      for (let i = 1; i <= 20; i++) {
        expect(s).toHaveProperty(`custom${i}`);
        expect(s).toHaveProperty(`custom${i}name`);
      }
    }
    expect(sessions.some((s) => s.credits1 !== '0.0')).toBe(true);
    expect(sessions.some((s) => s.learning_objective1 === '') && sessions.some((s) => s.learning_objective1 !== '')).toBe(true);
    expect(sessions.every((s) => s.custom20 === null || s.custom20 === '')).toBe(true);
  });

  it('has HTML descriptions, null and empty ones; rooms, hotels and URLs', () => {
    expect(sessions.some((s) => typeof s.description === 'string' && /<p>|<ul>/.test(s.description))).toBe(true);
    expect(sessions.some((s) => s.description === null)).toBe(true);
    expect(sessions.some((s) => s.description === '')).toBe(true);
    const generated = sessions.slice(1);
    expect(generated.every((s) => typeof s.roomname === 'string' && typeof s.hotelname === 'string' && typeof s.sched_roomname === 'string')).toBe(true);
    expect(generated.every((s) => String(s.SessionDetailsURL).includes(`SCHEDID=${String(s.schedid)}`))).toBe(true);
    expect(generated.filter((s) => !('has_handouts' in s)).length).toBeGreaterThan(0); // some records lack newer columns
    expect(generated.filter((s) => 'has_handouts' in s).every((s) => typeof s.has_handouts === 'boolean')).toBe(true);
  });

  it('writes tracks as {track, desc} from a set of ~15 recurring names', () => {
    const names = new Set<string>();
    for (const s of sessions) {
      for (const t of s.tracks as Record<string, unknown>[]) {
        expect(Object.keys(t)).toEqual(['track', 'desc']);
        names.add(String(t.track));
      }
    }
    expect([...names].sort()).toEqual([...TRACK_NAMES].sort());
    expect(sessions.some((s) => (s.tracks as unknown[]).length === 0)).toBe(true);
  });

  it('writes updated_at timestamps as "YYYY-MM-DD HH:MM:SS"', () => {
    for (const s of sessions.slice(1)) {
      for (const key of ['session_updated_at', 'schedule_updated_at', 'updated_at']) expect(s[key]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
  });

  it('writes engagements with the documented keys plus the person fields consumers read', () => {
    const keys = ['cargo', 'description', 'title', 'pid', 'pslinkid', 'role', 'sortorder', 'startTime', 'published', 'endTime', 'resources', 'affil'];
    const person = ['fname', 'lname', 'email', 'city', 'state', 'country', 'company', 'suffix', 'honorific'];
    const all = engagements();
    expect(all.length).toBeGreaterThan(1000);
    for (const e of all) {
      for (const key of keys) expect(e).toHaveProperty(key);
      expect(e.sortorder).toMatch(/^\d{3}$/);
      expect([true, null]).toContain(e.published);
      expect([e.startTime, e.endTime]).toEqual([' ', ' ']);
    }
    expect(all.filter((e) => person.every((key) => key in e)).length).toBe(all.length - 5); // all but the sample's five
    expect(new Set(all.map((e) => e.pslinkid)).size).toBe(all.length);
  });
});

describe('Planstone seed: local times across the end of daylight saving time', () => {
  it('spans 2024-10-31 .. 2024-11-05 in America/Chicago, whose UTC offset changes on 2024-11-03', () => {
    const days = new Set(sessions.map((s) => s.startDate).filter(Boolean));
    expect([...days].sort()).toEqual(['2024-10-31', '2024-11-01', '2024-11-02', '2024-11-03', '2024-11-04', '2024-11-05']);
    const offset = (day: string) => DateTime.fromISO(`${day}T12:00`, { zone: PLANSTONE_DEMO.timezone }).offset;
    expect(offset('2024-11-02')).toBe(-300);
    expect(offset('2024-11-04')).toBe(-360);
  });

  it('has sessions that start inside the repeated 1 am hour of 2024-11-03', () => {
    const ambiguous = sessions.filter((s) => s.startDate === '2024-11-03' && /^01:\d{2} am$/.test(String(s.startTime)));
    expect(ambiguous.length).toBeGreaterThanOrEqual(2);
  });

  it('has sessions that end after midnight, some with the next day as endDate, some repeating the start date', () => {
    const timed = sessions.filter((s) => s.startTime !== ' ' && s.rstartmins !== undefined);
    const nextDay = timed.filter((s) => s.endDate !== s.startDate);
    const sameDay = timed.filter((s) => s.endDate === s.startDate && Number(s.rendmins) < Number(s.rstartmins));
    expect(nextDay.length).toBeGreaterThanOrEqual(2);
    expect(sameDay.length).toBeGreaterThanOrEqual(2);
    expect(nextDay.some((s) => s.startDate === '2024-11-02' && s.endDate === '2024-11-03')).toBe(true);
  });

  it('has some unpublished sessions and engagements', () => {
    expect(sessions.filter((s) => s.published === null).length).toBeGreaterThan(10);
    expect(engagements().some((e) => e.published === null)).toBe(true);
  });
});

describe('Planstone seed: speakers', () => {
  it('has unique pids and the consumer-read fields, with commas in some lname', () => {
    expect(new Set(speakers.map((s) => s.pid)).size).toBe(1200);
    for (const s of speakers) {
      for (const key of [
        'pid',
        'fname',
        'lname',
        'title',
        'company',
        'bio',
        'piclink',
        'email',
        'city',
        'state',
        'country',
        'suffix',
        'honorific',
        'published',
      ])
        expect(s).toHaveProperty(key);
      expect(s.pid).toMatch(/^\d{5}$/);
    }
    expect(speakers.filter((s) => String(s.lname).includes(',')).length).toBeGreaterThan(10);
    expect(new Set(speakers.map((s) => s.published))).toEqual(new Set([true, 1, null]));
    expect(speakers.some((s) => s.piclink === '') && speakers.some((s) => String(s.piclink).startsWith('https://'))).toBe(true);
  });
});

describe('Planstone seed: determinism and rendering', () => {
  it('generates the same data for the same seed and different data for another', () => {
    const again = createDataset(2018); // the default seed, which the emulator serves
    const c = createDataset(8);
    expect(again.sessions).toEqual(sessions);
    expect(again.speakers).toEqual(speakers);
    expect(JSON.stringify(again.sessions)).not.toBe(JSON.stringify(c.sessions));
    expect([c.sessions.length, c.speakers.length, c.sessions[0]!._id]).toEqual([823, 1200, '5aaa7a013d0b7f000b72492b']);
    expect(c.missingPids).toContain('65076');
  });

  it('serves the default seed identically from a second emulator', async () => {
    const other = createPlanstoneEmulator();
    const otherBase = await other.listen(0);
    try {
      const res = await request(`${otherBase}sessions?${new URLSearchParams({ where: WHERE, page: '5' })}`, { headers: AUTH });
      const body = (await res.body.json()) as { _items: Doc[] };
      expect(body._items).toEqual(sessions.slice(400, 500));
    } finally {
      await other.close();
    }
  });

  it('escapes non-ASCII in the raw JSON (curly quotes in descriptions)', () => {
    expect(rawSessions).toContain('attendees\\u2019 questions');
  });
});
