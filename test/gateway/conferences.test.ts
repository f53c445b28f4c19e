import { createPlanstoneEmulator, startEmulators, type Emulator, type EmulatorSet } from '@sessions-gateway/emulators';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { startPlanstoneConferenceRouter, type PlanstoneConferenceRouter } from '../support/planstoneConferenceRouter.js';
import { readProviderData, type PlanstoneSession, type ProviderData } from '../support/providerData.js';

// Conferences over real loopback emulators: every Guidebook guide plus two configured
// Planstone conferences (the demo one, and a second one served by another emulator seed
// through a router, until the Planstone emulator holds several conferences itself).
// Expectations come from the providers' own records, dates computed here with Intl.

const SECOND = { account: 'myaccount', conference: '2019', timeZone: 'Europe/Berlin', name: 'Planstone Europe 2019' };

let emulators: EmulatorSet;
let second: Emulator;
let router: PlanstoneConferenceRouter;
let harness: Harness;
let data: ProviderData;
let secondSessions: PlanstoneSession[];
let guides: GuideRecord[];

interface GuideRecord {
  id: number;
  name: string;
  timezone: string;
  start_date: string;
  end_date: string;
}

interface ConferenceResult {
  id: string;
  source: 'GUIDEBOOK' | 'PLANSTONE';
  sourceId: string;
  name: string;
  timeZone: string;
  days: string[];
  startDate: string | null;
  endDate: string | null;
  guide: { id: string; name: string } | null;
  locations: Array<{ id: string; name: string; sourceId: string | null }>;
  tracks: Array<{ id: string; name: string }>;
  sessions: { totalCount: number };
}

const CONFERENCE_FIELDS = `id source sourceId name timeZone days startDate endDate guide { id name }
  locations { id name sourceId } tracks { id name } sessions(first: 0) { totalCount }`;

/** `YYYY-MM-DD` of an instant in a zone, by Intl (independent of the gateway's helpers). */
function intlDate(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

function globalId(type: string, provider: string, sourceId: string): string {
  return Buffer.from(`${type}:${provider}:${sourceId}`, 'utf8').toString('base64url');
}

async function planstoneAllOf(url: string, conference: string): Promise<PlanstoneSession[]> {
  const authorization = `Basic ${Buffer.from(`${emulators.env.PLANSTONE_API_TOKEN}:`).toString('base64')}`;
  const where = JSON.stringify({ account: 'myaccount', conference });
  const rows: PlanstoneSession[] = [];
  for (let page = 1; ; page += 1) {
    const target = new URL('sessions', url);
    target.search = new URLSearchParams({ where, max_results: '100', page: String(page) }).toString();
    const response = await request(target, { headers: { authorization } });
    const answer = (await response.body.json()) as { _items: PlanstoneSession[]; _meta: { total: number } };
    rows.push(...answer._items);
    if (answer._items.length === 0 || rows.length >= answer._meta.total) return rows;
  }
}

/** The local dates Planstone sessions start on: the feed's own `startDate`, which is already local. */
function planstoneDays(sessions: PlanstoneSession[]): string[] {
  return [...new Set(sessions.map((s) => s.startDate?.trim()).filter((d): d is string => !!d))].sort();
}

beforeAll(async () => {
  emulators = await startEmulators();
  second = createPlanstoneEmulator({ seed: 2019 });
  const secondUrl = await second.listen(0, '127.0.0.1');
  router = await startPlanstoneConferenceRouter(emulators.env.PLANSTONE_API_URL!, { '2019': { url: secondUrl, conference: '2018' } });
  harness = await startHarness({
    emulatorSet: emulators,
    env: {
      PLANSTONE_API_URL: router.url,
      PLANSTONE_CONFERENCES: JSON.stringify([{ account: 'myaccount', conference: '2018', timeZone: emulators.env.PLANSTONE_TIMEZONE }, SECOND]),
    },
  });
  data = await readProviderData(harness);
  secondSessions = await planstoneAllOf(secondUrl, '2018');
  const response = await request(new URL('guides/?page_size=500', emulators.env.GUIDEBOOK_API_URL), {
    headers: { authorization: `JWT ${emulators.env.GUIDEBOOK_API_KEY}` },
  });
  guides = ((await response.body.json()) as { results: GuideRecord[] }).results;
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await router?.close();
  await second?.close();
  await emulators?.close();
});

async function allConferences(): Promise<ConferenceResult[]> {
  const result = await harness.query<{ conferences: ConferenceResult[] }>(`{ conferences { ${CONFERENCE_FIELDS} } }`);
  expect(result.errors).toBeUndefined();
  return result.data!.conferences;
}

describe('Query.conferences', () => {
  it('lists every Guidebook guide, then each configured Planstone conference, with its zone and name', async () => {
    const conferences = await allConferences();
    expect(conferences.filter((c) => c.source === 'GUIDEBOOK').map((c) => [c.sourceId, c.name, c.timeZone])).toEqual(
      guides.map((g) => [String(g.id), g.name, g.timezone]),
    );
    expect(conferences.filter((c) => c.source === 'PLANSTONE').map((c) => [c.sourceId, c.name, c.timeZone])).toEqual([
      ['myaccount/2018', '2018', emulators.env.PLANSTONE_TIMEZONE],
      ['myaccount/2019', SECOND.name, SECOND.timeZone],
    ]);
    expect(new Set(conferences.map((c) => c.id)).size).toBe(conferences.length);
  });

  it("days are the local dates holding a session, in the conference's zone (Guidebook via Intl, Planstone the feed's local dates)", async () => {
    const conferences = await allConferences();
    for (const guide of guides) {
      const conference = conferences.find((c) => c.source === 'GUIDEBOOK' && c.sourceId === String(guide.id))!;
      const starts = data.guidebook.sessions
        .filter((s) => s.guide === guide.id && s.start_time)
        .map((s) => Date.parse(s.start_time.replace(/(\.\d{3})\d*/, '$1').replace('+0000', 'Z')));
      const expected = [...new Set(starts.map((ms) => intlDate(ms, guide.timezone)))].sort();
      expect(conference.days, `guide ${guide.id}`).toEqual(expected);
      expect(conference.sessions.totalCount).toBe(data.guidebook.sessions.filter((s) => s.guide === guide.id).length);
      expect(conference.guide).toEqual({ id: globalId('Guide', 'guidebook', String(guide.id)), name: guide.name });
      // The guide's start, and its end as an exclusive local midnight: the day before.
      const guideStart = Date.parse(guide.start_date.replace(/(\.\d{3})\d*/, '$1').replace('+0000', 'Z'));
      const guideEnd = Date.parse(guide.end_date.replace(/(\.\d{3})\d*/, '$1').replace('+0000', 'Z'));
      expect(conference.startDate).toBe(intlDate(guideStart, guide.timezone));
      expect(conference.endDate).toBe(intlDate(guideEnd - 12 * 3_600_000, guide.timezone));
    }
    const [first, later] = conferences.filter((c) => c.source === 'PLANSTONE') as [ConferenceResult, ConferenceResult];
    expect(first.days).toEqual(planstoneDays(data.planstone.sessions));
    expect(later.days).toEqual(planstoneDays(secondSessions));
    // The demo conference crosses the end of US daylight saving time: its days must all be there.
    expect(first.days.length).toBeGreaterThan(1);
    for (const conference of [first, later]) {
      expect(conference.startDate).toBe(conference.days[0]);
      expect(conference.endDate).toBe(conference.days.at(-1));
      expect(conference.guide).toBeNull();
    }
    expect(first.sessions.totalCount).toBe(data.planstone.sessions.length);
    expect(later.sessions.totalCount).toBe(secondSessions.length);
  });

  it("locations: a guide's location list; a Planstone conference's distinct rooms — each a node", async () => {
    const conferences = await allConferences();
    const guide = guides[0]!;
    const conference = conferences.find((c) => c.source === 'GUIDEBOOK' && c.sourceId === String(guide.id))!;
    const expected = data.guidebook.locations.filter((l) => l.guide === guide.id);
    expect(conference.locations.map((l) => l.sourceId).sort()).toEqual(expected.map((l) => String(l.id)).sort());
    const planstone = conferences.filter((c) => c.source === 'PLANSTONE');
    for (const [index, sessions] of [data.planstone.sessions, secondSessions].entries()) {
      // The feed names a room by `roomname`, else `sched_roomname`, else `location`.
      type Rooms = { roomname?: string | null; sched_roomname?: string | null; location?: string | null };
      const roomOf = (s: Rooms) => [s.roomname, s.sched_roomname, s.location].map((name) => name?.trim()).find((name) => !!name);
      const rooms = new Set(sessions.map((s) => roomOf(s as unknown as Rooms)).filter((name): name is string => !!name));
      expect(new Set(planstone[index]!.locations.map((l) => l.name))).toEqual(rooms);
    }
    const all = conferences.flatMap((c) => c.locations);
    expect(new Set(all.map((l) => l.id)).size).toBe(all.length);
    const sample = [...conference.locations.slice(0, 2), ...planstone.flatMap((c) => c.locations.slice(0, 2))];
    const nodes = await harness.query<{ nodes: Array<{ id: string; name: string } | null> }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Location { id name } } }`,
      { ids: sample.map((l) => l.id) },
    );
    expect(nodes.errors).toBeUndefined();
    expect(nodes.data!.nodes).toEqual(sample.map(({ id, name }) => ({ id, name })));
  });

  it('a Conference ID round-trips through node(id:), and one of an unconfigured Planstone conference is NOT_FOUND', async () => {
    const conferences = await allConferences();
    for (const conference of conferences) {
      const result = await harness.query<{ node: { id: string; name: string; timeZone: string } | null }>(
        `query ($id: ID!) { node(id: $id) { ... on Conference { id name timeZone } } }`,
        { id: conference.id },
      );
      expect(result.data!.node).toEqual({ id: conference.id, name: conference.name, timeZone: conference.timeZone });
    }
    const missing = await harness.query(`query ($id: ID!) { node(id: $id) { id } }`, { id: globalId('Conference', 'planstone', 'myaccount/1999') });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await harness.query(`query ($id: ID!) { node(id: $id) { id } }`, { id: globalId('Conference', 'planstone', 'no-slash') });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Session.conference and several Planstone conferences', () => {
  interface SessionNode {
    id: string;
    source: string;
    sourceId: string;
    conference: { id: string; sourceId: string } | null;
    tracks: Array<{ id: string; name: string }>;
  }
  const PAGE = `query ($first: Int, $after: String, $filter: SessionFilter) {
    sessions(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id source sourceId conference { id sourceId } tracks { id name } } }
    }
  }`;

  async function readAll(filter: Record<string, unknown>): Promise<{ totalCount: number; nodes: SessionNode[] }> {
    const nodes: SessionNode[] = [];
    let after: string | null = null;
    let totalCount: number;
    for (;;) {
      const result: {
        data?: { sessions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: SessionNode }> } } | null;
        errors?: unknown[];
      } = await harness.query(PAGE, { first: 100, after, filter });
      expect(result.errors).toBeUndefined();
      const page = result.data!.sessions;
      totalCount = page.totalCount;
      nodes.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return { totalCount, nodes };
      after = page.pageInfo.endCursor;
    }
  }

  it('merges the sessions of every configured conference, with unique IDs; the first keeps its one-conference IDs', async () => {
    const { totalCount, nodes } = await readAll({ sources: ['PLANSTONE'] });
    expect(totalCount).toBe(data.planstone.sessions.length + secondSessions.length);
    expect(nodes).toHaveLength(totalCount);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    const first = nodes.filter((n) => n.conference?.sourceId === 'myaccount/2018');
    const later = nodes.filter((n) => n.conference?.sourceId === 'myaccount/2019');
    expect(first.map((n) => n.sourceId).sort()).toEqual(data.planstone.sessions.map((s) => s.schedid).sort());
    expect(later.map((n) => n.sourceId).sort()).toEqual(secondSessions.map((s) => s.schedid).sort());
    // IDs clients already hold (one configured conference) are unchanged.
    for (const node of first) expect(node.id).toBe(globalId('Session', 'planstone', node.sourceId));
    // The same schedid in two conferences is two sessions.
    const shared = later.find((n) => first.some((f) => f.sourceId === n.sourceId));
    expect(shared, 'the two seeds share schedids').toBeDefined();
    // Tracks of different conferences are different tracks, even with the same name.
    const trackIds = new Map<string, string>();
    for (const node of [...first, ...later]) for (const track of node.tracks) trackIds.set(`${node.conference!.sourceId}|${track.name}`, track.id);
    expect(new Set(trackIds.values()).size).toBe(trackIds.size);
  });

  it('node(id:) finds a later conference’s session, track and speaker in that conference; the track filters its sessions', async () => {
    const { nodes } = await readAll({ sources: ['PLANSTONE'] });
    const later = nodes.find((n) => n.conference?.sourceId === 'myaccount/2019' && n.tracks.length > 0)!;
    const result = await harness.query<{
      session: { id: string; sourceId: string; conference: { name: string }; speakers: Array<{ speaker: { id: string; sourceId: string } | null }> };
      track: { id: string; name: string; sessions: { totalCount: number } };
    }>(
      `query ($s: ID!, $t: ID!) {
        session: node(id: $s) { ... on Session { id sourceId conference { name } speakers { speaker { id sourceId } } } }
        track: node(id: $t) { ... on Track { id name sessions(first: 0) { totalCount } } }
      }`,
      { s: later.id, t: later.tracks[0]!.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.session.sourceId).toBe(later.sourceId);
    expect(result.data!.session.conference.name).toBe(SECOND.name);
    const trackName = later.tracks[0]!.name;
    expect(result.data!.track.name).toBe(trackName);
    expect(result.data!.track.sessions.totalCount).toBe(secondSessions.filter((s) => (s.tracks ?? []).some((t) => t.track?.trim() === trackName)).length);
    const raw = secondSessions.find((s) => s.schedid === later.sourceId)!;
    const speakers = result.data!.session.speakers.map((e) => e.speaker).filter((s) => s !== null);
    expect(speakers.map((s) => s.sourceId).sort()).toEqual(
      (raw.speakers ?? [])
        .map((e) => String(e.pid))
        .filter((pid) => speakers.some((s) => s.sourceId === pid))
        .sort(),
    );
    for (const speaker of speakers) {
      expect(speaker.id).not.toBe(globalId('Speaker', 'planstone', speaker.sourceId));
      const node = await harness.query<{ node: { sourceId: string } }>(`query ($id: ID!) { node(id: $id) { ... on Speaker { sourceId } } }`, {
        id: speaker.id,
      });
      expect(node.data!.node.sourceId).toBe(speaker.sourceId);
    }
  });

  it('Session.conference of a Guidebook session is its guide; Conference.sessions pins the conference', async () => {
    const guide = guides[1]!;
    const conferenceId = globalId('Conference', 'guidebook', String(guide.id));
    const { totalCount, nodes } = await readAll({ conferenceId });
    expect(totalCount).toBe(data.guidebook.sessions.filter((s) => s.guide === guide.id).length);
    for (const node of nodes) expect(node.conference).toEqual({ id: conferenceId, sourceId: String(guide.id) });
    const secondId = globalId('Conference', 'planstone', 'myaccount/2019');
    const pinned = await harness.query<{ node: { sessions: { totalCount: number } } }>(
      `query ($id: ID!) { node(id: $id) { ... on Conference { sessions(first: 1) { totalCount } } } }`,
      { id: secondId },
    );
    expect(pinned.data!.node.sessions.totalCount).toBe(secondSessions.length);
    const mismatch = await harness.query(
      `query ($id: ID!, $other: ID!) { node(id: $id) { ... on Conference { sessions(filter: { conferenceId: $other }) { totalCount } } } }`,
      {
        id: secondId,
        other: conferenceId,
      },
    );
    expect(mismatch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.conferenceId' });
  });
});

describe('the Date scalar', () => {
  it.each(['2026-3-01', '2026-02-30', '26-03-01', '2026-03-01T00:00:00Z'])('refuses %s as BAD_USER_INPUT', async (day) => {
    const result = await harness.query(`query ($day: Date) { sessions(first: 1, filter: { day: $day }) { totalCount } }`, { day });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data ?? null).toBeNull();
  });

  it('serializes days as YYYY-MM-DD', async () => {
    const conferences = await allConferences();
    for (const day of conferences.flatMap((c) => c.days)) expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
