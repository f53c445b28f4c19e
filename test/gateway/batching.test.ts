import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf } from '../support/paging.js';
import { guidebookPageSize, planstoneDayPages, readProviderData, type ProviderData } from '../support/providerData.js';

// Upstream calls of a cold cache (the shared cache is off), read from the emulators'
// request logs: relations batch, so a page costs a small fixed number of calls, not one
// per item. The figures each test derives are bounds from the providers' data.

let harness: Harness;
let data: ProviderData;
let pageSize: number;

beforeAll(async () => {
  harness = await startHarness({ env: NO_CACHE_ENV });
  data = await readProviderData(harness);
  pageSize = await guidebookPageSize(harness);
});
afterAll(() => harness?.close());
beforeEach(() => harness.resetLogs());

const guidebook = () => harness.emulators.guidebook.log;
const planstone = () => harness.emulators.planstone.log;
const pagesOf = (count: number) => Math.ceil(count / pageSize);

const RELATIONS = 'id tracks { id name } speakers { role speaker { displayName } } guide { name } locations { name }';

describe('a page of sessions with its relations', () => {
  it('merged sessions(first: 50) with tracks, speakers, guide and locations costs a fixed handful of calls', async () => {
    const response = await harness.query<{ sessions: { edges: unknown[] } }>(`{ sessions(first: 50) { edges { node { ${RELATIONS} } } } }`);
    expect(response.data!.sessions.edges).toHaveLength(50);
    const fifty = { ...guidebook().countsByRoute(), ...planstone().countsByRoute() };
    const total50 = harness.upstreamCalls().total;

    harness.resetLogs();
    await harness.query(`{ sessions(first: 10) { edges { node { ${RELATIONS} } } } }`);
    const total10 = harness.upstreamCalls().total;

    // No call per session: nothing by id, and each relation list is read once, whole.
    expect(guidebook().count({ route: '/sessions/:id/' })).toBe(0);
    expect(fifty['GET /sessions/:id/']).toBeUndefined();
    // Whole lists are asked for in pages of GUIDEBOOK_WINDOW_PAGE_SIZE (500), not the server's 37.
    const wholePages = (count: number) => Math.ceil(count / harness.config.guidebook!.windowPageSize!);
    expect(fifty['GET /schedule-tracks/']).toBe(wholePages(data.guidebook.tracks.length));
    expect(fifty['GET /locations/']).toBe(wholePages(data.guidebook.locations.length));
    expect(fifty['GET /guides/']).toBe(wholePages(data.guidebook.guides.length));
    // The Guidebook window of 50 spans its pages; the feed is read up to the end of the day of its 50th session.
    expect(fifty['GET /sessions/']).toBe(pagesOf(50));
    expect(fifty['GET /sessions']).toBe(planstoneDayPages(data, 50));
    // Five times the sessions, at most one more call (the next Guidebook page).
    expect(total50 - total10).toBeLessThanOrEqual(1);
    expect(total50).toBeLessThanOrEqual(20);
  });

  it('speakers of 100 feed sessions come in $in batches of at most 100 pids, one batch per 100 distinct pids', async () => {
    const response = await harness.query<{ sessions: { edges: Array<{ node: { sourceId: string } }> } }>(
      `{ sessions(first: 100, filter: { sources: [PLANSTONE] }) { edges { node { sourceId speakers { speaker { sourceId } } } } } }`,
    );
    const ids = new Set(response.data!.sessions.edges.map((e) => e.node.sourceId));
    const pids = new Set(data.planstone.sessions.filter((s) => ids.has(s.schedid)).flatMap((s) => (s.speakers ?? []).map((e) => e.pid)));
    expect(pids.size).toBeGreaterThan(100);
    const speakerCalls = planstone()
      .entries()
      .filter((e) => e.route === '/speakers');
    expect(speakerCalls).toHaveLength(Math.ceil(pids.size / 100));
    const asked = new Set<string>();
    for (const call of speakerCalls) {
      const where = JSON.parse(new URL(call.url, 'http://x').searchParams.get('where')!) as { pid: { $in: string[] } };
      expect(where.pid.$in.length).toBeLessThanOrEqual(100);
      for (const pid of where.pid.$in) asked.add(pid);
    }
    expect(asked).toEqual(pids);
    expect(planstone().count({ route: '/speakers/:id' })).toBe(0);
  });

  it('the same speaker in many engagements of one operation is asked for once', async () => {
    const counts = new Map<string, number>();
    for (const s of data.planstone.sessions) for (const e of s.speakers ?? []) counts.set(e.pid, (counts.get(e.pid) ?? 0) + 1);
    const [pid] = [...counts].filter(([p]) => data.planstone.speakers.some((s) => s.pid === p)).sort((a, b) => b[1] - a[1])[0]!;
    const doc = `query($id: ID!) { node(id: $id) { ... on Speaker { sessions(first: 100) { edges { node { speakers { speaker { sourceId } } } } } } } }`;
    dataOf(await harness.query(doc, { id: toGlobalId('Speaker', 'planstone', pid) }));
    const calls = planstone()
      .entries()
      .filter((e) => e.route === '/speakers');
    const asked = calls.flatMap((c) => (JSON.parse(new URL(c.url, 'http://x').searchParams.get('where')!) as { pid?: { $in: string[] } }).pid?.$in ?? []);
    expect(asked.filter((p) => p === pid)).toHaveLength(1);
  });
});

describe('personalized schedules', () => {
  it('a page of schedules loads their sessions in batches: far fewer calls than sessions, no more than the guides’ session pages', async () => {
    const response = await harness.query<{ personalizedSchedules: { edges: Array<{ node: { sourceId: string; sessions: { totalCount: number } } }> } }>(
      `{ personalizedSchedules(first: 100) { edges { node { sourceId sessions(first: 100) { totalCount edges { node { id name } } } } } } }`,
    );
    const edges = response.data!.personalizedSchedules.edges;
    expect(edges).toHaveLength(100);
    const schedules = data.guidebook.schedules.filter((s) => edges.some((e) => e.node.sourceId === String(s.id)));
    const referenced = schedules.reduce((n, s) => n + s.sessions.length, 0);
    const guides = new Set(schedules.map((s) => s.guide));
    const guidePages = [...guides].reduce((n, g) => n + pagesOf(data.guidebook.sessions.filter((s) => s.guide === g).length), 0);
    const byId = guidebook().count({ route: '/sessions/:id/' });
    const lists = guidebook().count({ route: '/sessions/' });
    expect(lists).toBeLessThanOrEqual(guidePages);
    expect(byId + lists).toBeLessThan(referenced / 3);
    expect(guidebook().count({ route: '/personalized-schedules/' })).toBe(pagesOf(100));
  });

  it('a page of attendees with their schedules reads the guide’s schedule list once, not one call per attendee', async () => {
    const guideId = data.guidebook.attendees[0]!.guide_id;
    const doc = `query($guide: ID!) { attendees(first: 50, filter: { guideId: $guide }) { edges { node { sourceId personalizedSchedules(first: 50) { totalCount edges { node { sourceId } } } } } } }`;
    const { attendees } = dataOf(
      await harness.query<{
        attendees: {
          edges: Array<{ node: { sourceId: string; personalizedSchedules: { totalCount: number; edges: Array<{ node: { sourceId: string } }> } } }>;
        };
      }>(doc, { guide: toGlobalId('Guide', 'guidebook', String(guideId)) }),
    );
    expect(attendees.edges).toHaveLength(50);
    // Same schedules, same order (by id), as the provider's own attendees__id filter gives.
    for (const { node } of attendees.edges) {
      const expected = data.guidebook.schedules.filter((s) => s.attendees.includes(Number(node.sourceId))).map((s) => String(s.id));
      expect(node.personalizedSchedules.edges.map((e) => e.node.sourceId)).toEqual(expected);
    }
    const guideSchedules = data.guidebook.schedules.filter((s) => s.guide === guideId).length;
    expect(guidebook().count({ route: '/personalized-schedules/' })).toBe(pagesOf(guideSchedules));
    expect(guidebook().count({ route: '/attendees/' })).toBe(pagesOf(50));
  });

  it('schedules’ attendees come from the guide’s attendee list, not one GET per attendee', async () => {
    const doc = `{ personalizedSchedules(first: 20) { edges { node { guide { sourceId } attendees(first: 20) { edges { node { sourceId } } } } } } }`;
    const { personalizedSchedules } = dataOf(
      await harness.query<{ personalizedSchedules: { edges: Array<{ node: { guide: { sourceId: string }; attendees: { edges: unknown[] } } }> } }>(doc),
    );
    const guides = new Set(personalizedSchedules.edges.map((e) => Number(e.node.guide.sourceId)));
    const attendeePages = [...guides].reduce((n, g) => n + pagesOf(data.guidebook.attendees.filter((a) => a.guide_id === g).length), 0);
    const referenced = personalizedSchedules.edges.reduce((n, e) => n + e.node.attendees.edges.length, 0);
    const byId = guidebook().count({ route: '/attendees/:id/' });
    const lists = guidebook().count({ route: '/attendees/' });
    expect(lists).toBeLessThanOrEqual(attendeePages);
    expect(byId + lists).toBeLessThan(referenced);
  });

  it('nodes(ids:) with the same session twice fetches it once', async () => {
    const id = toGlobalId('Session', 'guidebook', String(data.guidebook.sessions[3]!.id));
    const { nodes } = dataOf(await harness.query<{ nodes: Array<{ id: string }> }>(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [id, id] }));
    expect(nodes).toEqual([{ id }, { id }]);
    expect(guidebook().count({ route: '/sessions/:id/' })).toBe(1);
  });
});

describe('other roots', () => {
  it('clientSessions costs one Roundware list call per connection, with the filter passed upstream', async () => {
    await harness.query(`{ clientSessions(last: 5, filter: { projectId: 1 }) { totalCount edges { node { id } } } }`);
    const calls = harness.emulators.roundware.log.entries();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.route).toBe('/sessions/');
    expect(new URL(calls[0]!.url, 'http://x').searchParams.get('project_id')).toBe('1');
    expect(harness.upstreamCalls().guidebook + harness.upstreamCalls().planstone).toBe(0);
  });

  it('speakers(first: 100) reads one feed page of 100', async () => {
    await harness.query(`{ speakers(first: 100) { edges { node { id } } } }`);
    expect(planstone().count({ route: '/speakers' })).toBe(1);
  });
});
