import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf, walkBackward, walkForward, type Page, type PageArgs } from '../support/paging.js';
import { readProviderData, refSessions, sortSessions, type ProviderData, type RefSession } from '../support/providerData.js';
import { keysOf, refKeys } from '../support/sessionQueries.js';

// Every relation of the read path, checked against the emulators' own data.

let harness: Harness;
let data: ProviderData;
let all: RefSession[];

beforeAll(async () => {
  harness = await startHarness();
  data = await readProviderData(harness);
  all = refSessions(data);
});
afterAll(() => harness?.close());

interface SessionWithRelations {
  source: string;
  sourceId: string;
  tracks: Array<{ id: string; source: string; sourceId: string; name: string }> | null;
  locations: Array<{ name: string; sourceId: string | null }> | null;
  guide: { id: string; sourceId: string; name: string } | null;
  speakers: Array<{ sortOrder: number | null; published: boolean; speaker: { sourceId: string } | null }>;
}

const RELATIONS = `
  query($first: Int, $after: String, $filter: SessionFilter) {
    sessions(first: $first, after: $after, filter: $filter) {
      edges { node {
        source sourceId
        tracks { id source sourceId name }
        locations { name sourceId }
        guide { id sourceId name }
        speakers { sortOrder published speaker { sourceId } }
      } }
    }
  }
`;

type RelationsPage = { sessions: { edges: Array<{ node: SessionWithRelations }> } };

describe('Session relations', () => {
  it('Guidebook sessions: tracks, locations and guide are the ones the session references', async () => {
    const guide = data.guidebook.guides[1]!;
    const { sessions } = dataOf(
      await harness.query<RelationsPage>(RELATIONS, { first: 50, filter: { guideId: toGlobalId('Guide', 'guidebook', String(guide.id)) } }),
    );
    expect(sessions.edges).toHaveLength(50);
    const raw = new Map(data.guidebook.sessions.map((s) => [String(s.id), s]));
    const tracks = new Map(data.guidebook.tracks.map((t) => [t.id, t]));
    const locations = new Map(data.guidebook.locations.map((l) => [l.id, l]));
    for (const { node } of sessions.edges) {
      const session = raw.get(node.sourceId)!;
      expect(node.guide).toEqual({ id: toGlobalId('Guide', 'guidebook', String(guide.id)), sourceId: String(guide.id), name: guide.name });
      expect(node.tracks).toEqual(
        session.schedule_tracks.map((id) => ({
          id: toGlobalId('Track', 'guidebook', String(id)),
          source: 'GUIDEBOOK',
          sourceId: String(id),
          name: tracks.get(id)!.name,
        })),
      );
      expect(node.locations).toEqual(session.locations.map((id) => ({ name: locations.get(id)!.name, sourceId: String(id) })));
      expect(node.speakers).toEqual([]);
    }
    expect(sessions.edges.some((e) => (e.node.tracks ?? []).length > 0)).toBe(true);
  });

  it('Planstone sessions: inline tracks, speakers in sort order, each engagement’s speaker; a pid the feed does not list is null without an error', async () => {
    // Regression (issue 21): a dangling pid used to put a NOT_FOUND error in every answer
    // that showed it, so no such answer could ever be cached; it is the feed's data.
    const response = await harness.query<RelationsPage>(RELATIONS, { first: 100, filter: { sources: ['PLANSTONE'] } });
    const edges = response.data!.sessions.edges;
    expect(edges).toHaveLength(100);
    const raw = new Map(data.planstone.sessions.map((s) => [s.schedid, s]));
    const speakerPids = new Set(data.planstone.speakers.map((s) => s.pid));
    let dangling = 0;
    edges.forEach(({ node }) => {
      const session = raw.get(node.sourceId)!;
      expect(node.guide).toBeNull();
      expect((node.tracks ?? []).map((t) => t.name)).toEqual((session.tracks ?? []).map((t) => t.track.trim()).filter(Boolean));
      expect((node.tracks ?? []).every((t) => t.source === 'PLANSTONE' && t.sourceId === t.name)).toBe(true);
      // Engagements in sort order (stable for equal sort orders).
      const engagements = [...(session.speakers ?? [])].sort((a, b) => Number(a.sortorder) - Number(b.sortorder));
      expect(node.speakers.map((e) => e.sortOrder)).toEqual(engagements.map((e) => Number(e.sortorder)));
      node.speakers.forEach((engagement, j) => {
        const pid = engagements[j]!.pid;
        if (speakerPids.has(pid)) expect(engagement.speaker).toEqual({ sourceId: pid });
        else {
          expect(engagement.speaker).toBeNull();
          dangling += 1;
        }
      });
    });
    expect(dangling).toBeGreaterThan(0);
    expect(response.errors).toBeUndefined();
  });

  it('a dangling pid is null without an error, but a failure to read the speakers is still an error on the path', async () => {
    const doc = `{ sessions(first: 100, filter: { sources: [PLANSTONE] }) { edges { node { speakers { speaker { sourceId } } } } } }`;
    // Its own gateway with the shared cache off: the speakers must be read, and fail.
    const uncached = await startHarness({ emulatorSet: harness.emulators, env: NO_CACHE_ENV });
    harness.emulators.planstone.faults.add({ kind: 'status', status: 503, route: '/speakers' });
    try {
      const response = await uncached.query(doc);
      const codes = new Set((response.errors ?? []).map((e) => e.extensions?.code));
      expect(response.errors?.length).toBeGreaterThan(0);
      expect([...codes].every((code) => typeof code === 'string' && code.startsWith('UPSTREAM_'))).toBe(true);
      expect(codes.has('NOT_FOUND')).toBe(false);
      expect((response.errors ?? []).every((e) => JSON.stringify(e.path).includes('"speaker"'))).toBe(true);
    } finally {
      harness.emulators.planstone.faults.clear();
      await uncached.close();
    }
  });

  it('speakers(publishedOnly: true) keeps only published engagements', async () => {
    const doc = `query { sessions(first: 100, filter: { sources: [PLANSTONE] }) { edges { node { sourceId all: speakers { published } pub: speakers(publishedOnly: true) { published } } } } }`;
    const { sessions } = dataOf(
      await harness.query<{ sessions: { edges: Array<{ node: { all: Array<{ published: boolean }>; pub: Array<{ published: boolean }> } }> } }>(doc),
    );
    for (const { node } of sessions.edges) expect(node.pub).toEqual(node.all.filter((e) => e.published));
    expect(sessions.edges.some(({ node }) => node.pub.length < node.all.length)).toBe(true);
  });
});

describe('Track relations', () => {
  const TRACK_SESSIONS = `
    query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
      node(id: $id) { ... on Track { name guide { sourceId } sessions(first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { source sourceId } } } } }
    }
  `;
  type TrackPage = { node: { name: string; guide: { sourceId: string } | null; sessions: Page<{ source: string; sourceId: string }> } };
  const trackSessions = (id: string) => async (args: PageArgs) => dataOf(await harness.query<TrackPage>(TRACK_SESSIONS, { id, ...args })).node.sessions;

  it('a Guidebook track: its guide, and its sessions in start-time order both ways', async () => {
    const track = data.guidebook.tracks.find((t) => data.guidebook.sessions.filter((s) => s.schedule_tracks.includes(t.id)).length > 10)!;
    const id = toGlobalId('Track', 'guidebook', String(track.id));
    const wanted = new Set(data.guidebook.sessions.filter((s) => s.schedule_tracks.includes(track.id)).map((s) => String(s.id)));
    const expected = refKeys(sortSessions(all.filter((s) => s.source === 'GUIDEBOOK' && wanted.has(s.sourceId))));
    const { node } = dataOf(await harness.query<TrackPage>(TRACK_SESSIONS, { id, first: 1 }));
    expect(node.guide).toEqual({ sourceId: String(track.guide) });
    const forward = await walkForward(trackSessions(id), 4);
    expect(keysOf(forward.nodes)).toEqual(expected);
    const backward = await walkBackward(trackSessions(id), 3);
    expect(keysOf(backward.nodes)).toEqual(expected);
  });

  it('a Planstone track: no guide, and the feed sessions carrying its name', async () => {
    const name = data.planstone.sessions.flatMap((s) => s.tracks ?? [])[3]!.track;
    const id = toGlobalId('Track', 'planstone', name);
    const wanted = new Set(data.planstone.sessions.filter((s) => (s.tracks ?? []).some((t) => t.track === name)).map((s) => s.schedid));
    const expected = refKeys(sortSessions(all.filter((s) => s.source === 'PLANSTONE' && wanted.has(s.sourceId))));
    const { node } = dataOf(await harness.query<TrackPage>(TRACK_SESSIONS, { id, first: 1 }));
    expect(node).toMatchObject({ name, guide: null });
    const forward = await walkForward(trackSessions(id), 30);
    expect(keysOf(forward.nodes)).toEqual(expected);
  });
});

describe('Attendee and PersonalizedSchedule relations', () => {
  it('Attendee.guide and Attendee.personalizedSchedules: the schedules assigned to the attendee, by id', async () => {
    const counts = new Map<number, number>();
    for (const s of data.guidebook.schedules) for (const a of s.attendees) counts.set(a, (counts.get(a) ?? 0) + 1);
    const [attendeeId] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const attendee = data.guidebook.attendees.find((a) => a.id === attendeeId)!;
    const expected = data.guidebook.schedules
      .filter((s) => s.attendees.includes(attendeeId))
      .map((s) => String(s.id))
      .sort((a, b) => Number(a) - Number(b));
    expect(expected.length).toBeGreaterThan(1);
    const doc = `query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on Attendee { email guide { sourceId }
      personalizedSchedules(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { sourceId } } } } } }`;
    const id = toGlobalId('Attendee', 'guidebook', String(attendeeId));
    type P = { node: { email: string; guide: { sourceId: string }; personalizedSchedules: Page<{ sourceId: string }> } };
    const first = dataOf(await harness.query<P>(doc, { id, first: 1 })).node;
    expect(first).toMatchObject({ email: attendee.email, guide: { sourceId: String(attendee.guide_id) } });
    const walk = await walkForward(async (args) => dataOf(await harness.query<P>(doc, { id, ...args })).node.personalizedSchedules, 1);
    expect(walk.nodes.map((n) => n.sourceId)).toEqual(expected);
  });

  it('PersonalizedSchedule.guide, .sessions (start-time order) and .attendees (listed order)', async () => {
    const schedules = data.guidebook.schedules.filter((s) => s.sessions.length >= 6).slice(0, 5);
    expect(schedules.length).toBe(5);
    const doc = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on PersonalizedSchedule { sourceId name guide { sourceId }
      sessions(first: 100) { totalCount edges { node { source sourceId } } }
      firstTwo: sessions(first: 2) { edges { node { sourceId } } pageInfo { hasNextPage } }
      attendees(first: 100) { totalCount edges { node { sourceId } } } } } }`;
    type S = {
      sourceId: string;
      name: string;
      guide: { sourceId: string };
      sessions: Page<{ source: string; sourceId: string }>;
      firstTwo: Page<{ sourceId: string }>;
      attendees: Page<{ sourceId: string }>;
    };
    const { nodes } = dataOf(
      await harness.query<{ nodes: S[] }>(doc, { ids: schedules.map((s) => toGlobalId('PersonalizedSchedule', 'guidebook', String(s.id))) }),
    );
    nodes.forEach((node, i) => {
      const schedule = schedules[i]!;
      const ids = new Set(schedule.sessions.map(String));
      const expected = refKeys(sortSessions(all.filter((s) => s.source === 'GUIDEBOOK' && ids.has(s.sourceId))));
      expect(node).toMatchObject({ sourceId: String(schedule.id), name: schedule.name, guide: { sourceId: String(schedule.guide) } });
      expect(node.sessions.totalCount).toBe(schedule.sessions.length);
      expect(keysOf(node.sessions.edges.map((e) => e.node))).toEqual(expected);
      expect(node.firstTwo.edges.map((e) => `GUIDEBOOK:${e.node.sourceId}`)).toEqual(expected.slice(0, 2));
      expect(node.firstTwo.pageInfo.hasNextPage).toBe(true);
      expect(node.attendees.edges.map((e) => e.node.sourceId)).toEqual(schedule.attendees.map(String));
    });
  });
});

describe('Speaker.sessions', () => {
  it('the sessions a speaker has an engagement in, in start-time order', async () => {
    const counts = new Map<string, number>();
    for (const s of data.planstone.sessions) for (const e of s.speakers ?? []) counts.set(e.pid, (counts.get(e.pid) ?? 0) + 1);
    const listed = new Set(data.planstone.speakers.map((s) => s.pid));
    const [pid] = [...counts].filter(([p]) => listed.has(p)).sort((a, b) => b[1] - a[1])[0]!;
    const wanted = new Set(data.planstone.sessions.filter((s) => (s.speakers ?? []).some((e) => e.pid === pid)).map((s) => s.schedid));
    const expected = refKeys(sortSessions(all.filter((s) => s.source === 'PLANSTONE' && wanted.has(s.sourceId))));
    expect(expected.length).toBeGreaterThan(2);
    const doc = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { node(id: $id) { ... on Speaker { sourceId
      sessions(first: $first, after: $after, last: $last, before: $before) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { source sourceId } } } } } }`;
    type P = { node: { sourceId: string; sessions: Page<{ source: string; sourceId: string }> } };
    const id = toGlobalId('Speaker', 'planstone', pid);
    const fetch = async (args: PageArgs) => dataOf(await harness.query<P>(doc, { id, ...args })).node.sessions;
    const forward = await walkForward(fetch, 2);
    expect(keysOf(forward.nodes)).toEqual(expected);
    const backward = await walkBackward(fetch, 2);
    expect(backward.cursors).toEqual(forward.cursors);
  });
});
