import { createGuidebookEmulator, GUIDEBOOK_DEMO_API_KEY } from '@sessions-gateway/emulators/guidebook';
import { generateSeed } from '@sessions-gateway/emulators/guidebook/seed.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The seed data: sizes, determinism, internal consistency and the docs' samples verbatim.

const AUTH = { authorization: `JWT ${GUIDEBOOK_DEMO_API_KEY}` };
const emulator = createGuidebookEmulator();
const other = createGuidebookEmulator({ seed: 7 });
let base: string;
let otherBase: string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function get(root: string, path: string): Promise<any> {
  const res = await request(`${root}${path}`, { headers: AUTH });
  expect(res.statusCode, path).toBe(200);
  return res.body.json();
}

beforeAll(async () => {
  base = await emulator.listen(0);
  otherBase = await other.listen(0);
});
afterAll(async () => {
  await emulator.close();
  await other.close();
});

// From upstream-docs/guidebook-sessions.md, listing sample, copied verbatim.
const DOC_SESSIONS = [
  {
    id: 21,
    created_at: '2017-09-18T21:28:35.429989+0000',
    start_time: '2017-09-18T21:28:35.428248+0000',
    end_time: '2017-09-18T22:28:35.428257+0000',
    all_day: false,
    name: 'Test Session 1',
    description_html: null,
    import_id: null,
    allow_rating: true,
    add_to_schedule: true,
    guide: 42,
    schedule_tracks: [],
    image: null,
  },
  {
    id: 22,
    created_at: '2017-09-18T21:28:35.432366+0000',
    start_time: '2017-09-18T21:28:35.431034+0000',
    end_time: '2017-09-18T22:28:35.431042+0000',
    all_day: false,
    name: 'Test Session 2',
    description_html: null,
    import_id: null,
    allow_rating: true,
    add_to_schedule: true,
    guide: 42,
    schedule_tracks: [],
    image: null,
  },
  {
    id: 23,
    created_at: '2017-09-18T21:28:35.434402+0000',
    start_time: '2017-09-18T21:28:35.433197+0000',
    end_time: '2017-09-18T22:28:35.433205+0000',
    all_day: false,
    name: 'Test Session 3',
    description_html: null,
    import_id: null,
    allow_rating: true,
    add_to_schedule: true,
    guide: 42,
    schedule_tracks: [],
    image: null,
  },
  {
    id: 24,
    created_at: '2017-09-18T21:28:35.436433+0000',
    start_time: '2017-09-18T21:28:35.435265+0000',
    end_time: '2017-09-18T22:28:35.435273+0000',
    all_day: false,
    name: 'Test Session 4, Different Guide',
    description_html: null,
    import_id: null,
    allow_rating: true,
    add_to_schedule: true,
    guide: 43,
    schedule_tracks: [],
    image: null,
  },
];
// The create sample (current docs, with the later fields).
const DOC_SESSION_106 = {
  id: 106,
  created_at: '2017-09-18T22:13:25.766623+0000',
  start_time: '2017-09-18T16:00:00.000000+0000',
  end_time: '2017-09-18T17:00:00.000000+0000',
  all_day: false,
  name: 'Test Session Created via the Open API',
  description_html: '<p>This is a description field that supports basic HTML</p>',
  import_id: null,
  allow_rating: true,
  add_to_schedule: true,
  guide: 1,
  locations: [],
  schedule_tracks: [],
  image: null,
  rank: 0,
  waitlist: false,
  require_login: false,
  max_capacity: null,
  registration_start_date: null,
};
const DOC_SCHEDULES = [
  { id: 1, guide: 18, name: 'Example Schedule for Sales Team', attendees: [6, 7, 8], sessions: [1, 2, 3] },
  { id: 2, guide: 19, name: 'Example Schedule for Marketing Team', attendees: [9, 10, 11], sessions: [4, 5, 6] },
];

describe('verbatim doc samples', () => {
  it('serves sessions 21–24 of the listing sample', async () => {
    for (const sample of DOC_SESSIONS) {
      const got = await get(base, `sessions/${sample.id}/`);
      expect(got).toMatchObject(sample);
      expect(got).toMatchObject({
        locations: [],
        rank: 0,
        waitlist: false,
        require_login: false,
        max_capacity: null,
        registration_start_date: null,
        registration_end_date: null,
      });
    }
  });

  it('serves session 106 of the create sample, the same for every seed', async () => {
    expect(await get(base, 'sessions/106/')).toEqual({ ...DOC_SESSION_106, registration_end_date: null });
    expect(await get(otherBase, 'sessions/106/')).toEqual(await get(base, 'sessions/106/'));
  });

  it('serves personalized schedules 1 and 2 of the listing sample, their ids existing in the same guides', async () => {
    expect((await get(base, 'personalized-schedules/?page_size=2')).results).toEqual(DOC_SCHEDULES);
    for (const schedule of DOC_SCHEDULES) {
      for (const id of schedule.sessions) expect((await get(base, `sessions/${id}/`)).guide).toBe(schedule.guide);
      for (const id of schedule.attendees) expect((await get(base, `attendees/${id}/`)).guide_id).toBe(schedule.guide);
    }
  });

  it("makes the docs' example ids resolve: guides 1, 18, 19, 42, 43, 47; tracks and locations 3, 42, 47, 101 in guide 1; session 8673 in guide 47", async () => {
    for (const id of [1, 18, 19, 42, 43, 47]) expect((await get(base, `guides/${id}/`)).id).toBe(id);
    for (const id of [3, 42, 47, 101]) {
      expect((await get(base, `schedule-tracks/${id}/`)).guide).toBe(1);
      expect((await get(base, `locations/${id}/`)).guide).toBe(1);
    }
    expect((await get(base, 'sessions/?guide=47&id=8673')).count).toBe(1);
  });
});

describe('sizes and determinism', () => {
  it.each([
    ['sessions/', 1500],
    ['schedule-tracks/', 60],
    ['attendees/', 3000],
    ['personalized-schedules/', 400],
    ['locations/', 60],
    ['guides/', 6],
  ])('%s holds %i rows', async (path, size) => {
    expect((await get(base, `${path}?page_size=1`)).count).toBe(size);
  });

  it('is identical for the same seed and different for another', async () => {
    const again = createGuidebookEmulator();
    const againBase = await again.listen(0);
    try {
      for (const path of ['sessions/?page=7', 'attendees/?page=3', 'personalized-schedules/?page=5', 'schedule-tracks/']) {
        expect((await get(againBase, path)).results, path).toEqual((await get(base, path)).results);
      }
    } finally {
      await again.close();
    }
    expect((await get(otherBase, 'sessions/?page=7')).results).not.toEqual((await get(base, 'sessions/?page=7')).results);
  });

  it('generates the same tables from the same seed, without any process cache', () => {
    expect(generateSeed(99)).toEqual(generateSeed(99));
    expect(generateSeed(99).attendees).not.toEqual(generateSeed(100).attendees);
  });

  it('generates a fresh seed quickly (budget ~300 ms; asserted loosely)', () => {
    const started = performance.now();
    generateSeed(123_456);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('consistency and realism', () => {
  const tables = generateSeed(42);
  const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  const tracks = byId(tables.scheduleTracks);
  const locations = byId(tables.locations);
  const sessions = byId(tables.sessions);
  const attendees = byId(tables.attendees);

  it('has unique ids in every table', () => {
    for (const rows of Object.values(tables) as { id: number }[][]) expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('points every reference at a row of the same guide', () => {
    for (const s of tables.sessions) {
      for (const id of s.scheduleTracks) expect(tracks.get(id)?.guide).toBe(s.guide);
      for (const id of s.locations) expect(locations.get(id)?.guide).toBe(s.guide);
    }
    for (const p of tables.personalizedSchedules) {
      expect(p.sessions.length).toBeGreaterThan(0);
      expect(p.attendees.length).toBeGreaterThan(0);
      for (const id of p.sessions) expect(sessions.get(id)?.guide).toBe(p.guide);
      for (const id of p.attendees) expect(attendees.get(id)?.guide).toBe(p.guide);
    }
  });

  it('has exactly one Main Venue per guide', () => {
    for (const g of tables.guides) expect(tables.locations.filter((l) => l.guide === g.id && l.locationType === 1)).toHaveLength(1);
  });

  it('has all-day sessions, open-ended ones, import ids, tracks and locations, all satisfying the documented rules', () => {
    const list = tables.sessions;
    expect(list.some((s) => s.allDay)).toBe(true);
    expect(list.some((s) => !s.allDay && s.endTime === null)).toBe(true);
    expect(list.filter((s) => s.importId !== null).length).toBeGreaterThan(300);
    expect(list.filter((s) => s.scheduleTracks.length > 0).length).toBeGreaterThan(300);
    expect(list.filter((s) => s.locations.length > 0).length).toBeGreaterThan(1000);
    for (const s of list) {
      if (s.registrationStartDate !== null) expect(s.requireLogin).toBe(true);
      if (s.requireLogin) expect(s.addToSchedule).toBe(true);
      if (s.waitlist) expect(s.maxCapacity).not.toBeNull();
      if (s.endTime !== null) expect(s.endTime).toBeGreaterThanOrEqual(s.startTime);
    }
  });

  it("places session start times within each guide's conference days", () => {
    const guides = byId(tables.guides);
    for (const s of tables.sessions) {
      const g = guides.get(s.guide)!;
      if ([21, 22, 23, 24].includes(s.id)) continue; // the docs' samples keep their own times
      expect(s.startTime).toBeGreaterThanOrEqual(g.startDate!);
      expect(s.startTime).toBeLessThan(g.endDate!);
    }
  });

  it('uses realistic names, emails and colors', () => {
    const a = tables.attendees[100]!;
    expect(a.email).toMatch(/^[a-z0-9.]+@[a-z.]+$/);
    expect(a.firstName.length).toBeGreaterThan(1);
    expect(new Set(tables.sessions.map((s) => s.name)).size).toBeGreaterThan(300);
    expect(tables.scheduleTracks.filter((t) => t.color).every((t) => /^#[0-9A-F]{6}$/.test(t.color!))).toBe(true);
  });
});
