import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf, expectUnique, walkBackward, walkForward } from '../support/paging.js';
import { feedTrue, readProviderData, refSessions, sortSessions, type ProviderData, type RefSession } from '../support/providerData.js';
import { keysOf, refKeys, sessionPages } from '../support/sessionQueries.js';

// `Query.sessions` with filters and orderings, and `Query.session(id:)`. Every expected list
// is the emulators' data, filtered and sorted here by the schema's documented rules.

let harness: Harness;
let data: ProviderData;
let all: RefSession[];

beforeAll(async () => {
  harness = await startHarness();
  data = await readProviderData(harness);
  all = refSessions(data);
});
afterAll(() => harness?.close());

const guidebookOnly = () => all.filter((s) => s.source === 'GUIDEBOOK');
const planstoneOnly = () => all.filter((s) => s.source === 'PLANSTONE');

describe('sessions: one source', () => {
  it('sources: [GUIDEBOOK] walks forward and backward with first/last: 100 in (start, id) order', async () => {
    const expected = refKeys(sortSessions(guidebookOnly()));
    const pages = sessionPages(harness, { sources: ['GUIDEBOOK'] });
    const forward = await walkForward(pages, 100);
    expect(forward.pages[0]!.totalCount).toBe(expected.length);
    expect(keysOf(forward.nodes)).toEqual(expected);
    const backward = await walkBackward(pages, 100);
    expect(backward.cursors).toEqual(forward.cursors);
  });

  it('sources: [PLANSTONE] walks with first: 37 and last: 50; sessions without a start come last', async () => {
    const sorted = sortSessions(planstoneOnly());
    const pages = sessionPages(harness, { sources: ['PLANSTONE'] });
    const forward = await walkForward(pages, 37);
    expect(forward.pages[0]!.totalCount).toBe(sorted.length);
    expect(keysOf(forward.nodes)).toEqual(refKeys(sorted));
    expect(forward.nodes.at(-1)!.startTime).toBeNull();
    expect(forward.nodes[0]!.startTime).not.toBeNull();
    const backward = await walkBackward(pages, 50);
    expect(backward.cursors).toEqual(forward.cursors);
  });

  it('sources: [] is an empty connection', async () => {
    const page = await sessionPages(harness, { sources: [] })({ first: 10 });
    expect(page).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false } });
  });
});

describe('sessions: filters', () => {
  it('guideId: only that guide’s sessions, in order', async () => {
    const guide = data.guidebook.guides[0]!;
    const wanted = new Set(data.guidebook.sessions.filter((s) => s.guide === guide.id).map((s) => String(s.id)));
    expect(wanted.size).toBeGreaterThan(100);
    const expected = refKeys(sortSessions(guidebookOnly().filter((s) => wanted.has(s.sourceId))));
    const walk = await walkForward(sessionPages(harness, { guideId: toGlobalId('Guide', 'guidebook', String(guide.id)) }), 100);
    expect(keysOf(walk.nodes)).toEqual(expected);
  });

  it('trackId of a Guidebook track: the sessions that list it', async () => {
    const track = data.guidebook.tracks.find((t) => data.guidebook.sessions.filter((s) => s.schedule_tracks.includes(t.id)).length > 5)!;
    const wanted = new Set(data.guidebook.sessions.filter((s) => s.schedule_tracks.includes(track.id)).map((s) => String(s.id)));
    const expected = refKeys(sortSessions(guidebookOnly().filter((s) => wanted.has(s.sourceId))));
    const walk = await walkForward(sessionPages(harness, { trackId: toGlobalId('Track', 'guidebook', String(track.id)) }), 7);
    expect(keysOf(walk.nodes)).toEqual(expected);
  });

  it('trackId of a Planstone track (its name): the feed sessions carrying that track', async () => {
    const name = data.planstone.sessions.flatMap((s) => s.tracks ?? []).map((t) => t.track)[0]!;
    const wanted = new Set(data.planstone.sessions.filter((s) => (s.tracks ?? []).some((t) => t.track === name)).map((s) => s.schedid));
    const expected = refKeys(sortSessions(planstoneOnly().filter((s) => wanted.has(s.sourceId))));
    const walk = await walkForward(sessionPages(harness, { trackId: toGlobalId('Track', 'planstone', name) }), 25);
    expect(keysOf(walk.nodes)).toEqual(expected);
    const backward = await walkBackward(sessionPages(harness, { trackId: toGlobalId('Track', 'planstone', name) }), 25);
    expect(keysOf(backward.nodes)).toEqual(expected);
  });

  it('importId: matches both providers', async () => {
    // An import id that exists in each provider.
    const importIds = [guidebookOnly().find((s) => s.importId)!.importId!, planstoneOnly().find((s) => s.importId)!.importId!];
    for (const importId of importIds) {
      const expected = refKeys(sortSessions(all.filter((s) => s.importId === importId)));
      expect(expected.length).toBeGreaterThan(0);
      const walk = await walkForward(sessionPages(harness, { importId }), 5);
      expect(keysOf(walk.nodes)).toEqual(expected);
    }
  });

  it('published: true merges Guidebook with the published feed sessions; false is the unpublished feed sessions only', async () => {
    const published = sortSessions(all.filter((s) => s.published));
    const unpublished = sortSessions(all.filter((s) => !s.published));
    expect(unpublished.length).toBeGreaterThan(0);
    expect(unpublished.every((s) => s.source === 'PLANSTONE')).toBe(true);

    const yes = await walkForward(sessionPages(harness, { published: true }), 100);
    expect(yes.pages[0]!.totalCount).toBe(published.length);
    expect(keysOf(yes.nodes)).toEqual(refKeys(published));

    const no = await walkForward(sessionPages(harness, { published: false }), 10);
    expect(keysOf(no.nodes)).toEqual(refKeys(unpublished));
    // The feed's `null` published flag reads as "not published"; `true` and `1` as published.
    const flags = new Map(data.planstone.sessions.map((s) => [s.schedid, s.published]));
    expect(no.nodes.every((n) => !feedTrue(flags.get(n.sourceId)))).toBe(true);
  });

  it('an unknown guide’s sessions are an empty connection, not an error', async () => {
    const page = await sessionPages(harness, { guideId: toGlobalId('Guide', 'guidebook', '999999') })({ first: 5 });
    expect(page.totalCount).toBe(0);
    expect(page.edges).toEqual([]);
  });
});

describe('sessions: ordering', () => {
  for (const [field, direction] of [
    ['START_TIME', 'DESC'],
    ['END_TIME', 'ASC'],
    ['END_TIME', 'DESC'],
  ] as const) {
    it(`orderBy ${field} ${direction}: the merged list in that order, missing times last, ties by source and id`, async () => {
      const expected = refKeys(sortSessions(all, field, direction));
      const pages = sessionPages(harness, undefined, { field, direction });
      const walk = await walkForward(pages, 100);
      expectUnique(walk.nodes, (n) => n.id);
      expect(keysOf(walk.nodes)).toEqual(expected);
      const tail = await walkBackward(pages, 30, { maxPages: 3 });
      expect(keysOf(tail.nodes)).toEqual(expected.slice(-90));
    });
  }

  it('regression: Guidebook sorts sessions without an end FIRST when descending (PostgreSQL); the API still puts them last', async () => {
    const expected = refKeys(sortSessions(guidebookOnly(), 'END_TIME', 'DESC'));
    const pages = sessionPages(harness, { sources: ['GUIDEBOOK'] }, { field: 'END_TIME', direction: 'DESC' });
    const walk = await walkForward(pages, 100);
    expect(keysOf(walk.nodes)).toEqual(expected);
    const backward = await walkBackward(pages, 45);
    expect(backward.cursors).toEqual(walk.cursors);
    expect(walk.nodes.at(-1)!.endTime).toBeNull();
  });
});

describe('session(id:)', () => {
  const SESSION = `query($id: ID!) { session(id: $id) { id source sourceId name startTime guide { sourceId } } }`;

  it('returns a Guidebook session with its provider fields', async () => {
    const raw = data.guidebook.sessions[17]!;
    const id = toGlobalId('Session', 'guidebook', String(raw.id));
    const { session } = dataOf(await harness.query<{ session: Record<string, unknown> }>(SESSION, { id }));
    expect(session).toEqual({
      id,
      source: 'GUIDEBOOK',
      sourceId: String(raw.id),
      name: raw.name,
      startTime: new Date(all.find((s) => s.sourceId === String(raw.id))!.start!).toISOString(),
      guide: { sourceId: String(raw.guide) },
    });
  });

  it('returns a Planstone session (no guide)', async () => {
    const raw = data.planstone.sessions.find((s) => s.startDate && s.sessionName)!;
    const id = toGlobalId('Session', 'planstone', raw.schedid);
    const { session } = dataOf(await harness.query<{ session: Record<string, unknown> }>(SESSION, { id }));
    expect(session).toMatchObject({ id, source: 'PLANSTONE', sourceId: raw.schedid, name: raw.sessionName!.trim(), guide: null });
  });

  it('a missing session is null with NOT_FOUND on its path, for both providers', async () => {
    for (const id of [toGlobalId('Session', 'guidebook', '987654'), toGlobalId('Session', 'planstone', '1')]) {
      const response = await harness.query<{ session: unknown }>(SESSION, { id });
      expect(response.data).toEqual({ session: null });
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0]).toMatchObject({ path: ['session'], extensions: { code: 'NOT_FOUND' } });
    }
  });

  it('an ID that is not a session ID is BAD_USER_INPUT', async () => {
    for (const id of ['not-an-id!', toGlobalId('Track', 'guidebook', '1')]) {
      const response = await harness.query(SESSION, { id });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
