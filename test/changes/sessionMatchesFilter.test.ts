import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sessionMatchesFilter, sessionMatchScope } from '../../src/catalog/index.js';
import { sessionGlobalId } from '../../src/changes/diffSessions.js';
import { sessionFilterView } from '../../src/changes/sessionFilterView.js';
import { closeProviderClients, createDataSources, createProviderClients, type DataSources, type ProviderClients } from '../../src/datasources/providers.js';
import type { SessionModel } from '../../src/models/index.js';
import { MemoryResponseCache } from '../../src/upstream/index.js';
import { validateSessionFilter } from '../../src/validation/sessionFilterInput.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { walkForward } from '../support/paging.js';
import { sessionPages } from '../support/sessionQueries.js';

// sessionMatchesFilter (the in-memory predicate of change events and subscriptions) against
// the session connections themselves: for each filter, the sessions `Query.sessions` lists
// must be exactly the sessions of the providers' whole lists the predicate accepts.

let harness: Harness;
let clients: ProviderClients;
let dataSources: DataSources;
let all: SessionModel[];

const gid = (type: string, provider: string, sourceId: string) => Buffer.from(`${type}:${provider}:${sourceId}`, 'utf8').toString('base64url');

beforeAll(async () => {
  harness = await startHarness();
  clients = createProviderClients(harness.config, new MemoryResponseCache());
  dataSources = createDataSources(clients, {});
  all = [...(await dataSources.guidebook!.allSessions()), ...(await dataSources.planstone!.allSessions('whole'))];
});
afterAll(async () => {
  await closeProviderClients(clients);
  await harness?.close();
});

async function expectSameAsConnection(filter: Record<string, unknown>): Promise<number> {
  const walk = await walkForward(sessionPages(harness, filter), 100);
  const listed = walk.nodes.map((node) => node.id).sort();
  // As the DateTime scalar gives them to a resolver.
  const times = ['startsAfter', 'startsBefore', 'endsAfter', 'endsBefore', 'happeningAt'];
  const valid = validateSessionFilter(Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, times.includes(k) ? new Date(v as string) : v])));
  const scope = await sessionMatchScope(dataSources, valid);
  const matched = all
    .filter((session) => sessionMatchesFilter(session, valid, scope))
    .map(sessionGlobalId)
    .sort();
  expect(matched, JSON.stringify(filter)).toEqual(listed);
  // An event's `before` is what change detection kept of the session (sessionFilterView, the
  // compact snapshot entry — RSS of issue 20 item 6): a filter must read it as the session itself.
  const viewMatched = all
    .filter((session) => sessionMatchesFilter(sessionFilterView(session), valid, scope))
    .map(sessionGlobalId)
    .sort();
  expect(viewMatched, `${JSON.stringify(filter)} on sessionFilterView`).toEqual(listed);
  return listed.length;
}

describe('sessionMatchesFilter agrees with the session connections (docs/filters.md)', () => {
  it('sources, published, conference, and a filter matching nothing', async () => {
    expect(await expectSameAsConnection({ sources: ['GUIDEBOOK'] })).toBeGreaterThan(0);
    expect(await expectSameAsConnection({ sources: ['PLANSTONE'], published: false })).toBeGreaterThan(0);
    const guide = all.find((s) => s.guideId !== null)!.guideId!;
    expect(await expectSameAsConnection({ conferenceId: gid('Conference', 'guidebook', guide) })).toBeGreaterThan(0);
    expect(await expectSameAsConnection({ guideId: gid('Guide', 'guidebook', guide), sources: ['PLANSTONE'] })).toBe(0);
  });

  it('time windows, day (each conference in its own zone) and happeningAt', async () => {
    const started = all
      .filter((s) => s.startTime)
      .map((s) => s.startTime!.getTime())
      .sort((a, b) => a - b);
    const middle = new Date(started[Math.floor(started.length / 2)]!);
    expect(await expectSameAsConnection({ startsAfter: middle.toISOString() })).toBeGreaterThan(0);
    expect(await expectSameAsConnection({ happeningAt: new Date(middle.getTime() + 60_000).toISOString() })).toBeGreaterThan(0);
    expect(
      await expectSameAsConnection({ endsBefore: middle.toISOString(), endsAfter: new Date(middle.getTime() - 86_400_000).toISOString() }),
    ).toBeGreaterThan(0);
    const day = middle.toISOString().slice(0, 10);
    expect(await expectSameAsConnection({ day })).toBeGreaterThan(0);
  });

  it('location, track, speaker and search', async () => {
    const planstone = all.find((s) => s.source === 'PLANSTONE' && s.speakers.length > 0 && s.tracks.length > 0 && s.locations.length > 0)!;
    const room = planstone.locations[0]!;
    if (room.kind !== 'inline' || room.location.sourceId === null) throw new Error('expected a Planstone room with a roomid');
    const key = `${harness.emulators.env.PLANSTONE_ACCOUNT}/${harness.emulators.env.PLANSTONE_CONFERENCE}`;
    expect(await expectSameAsConnection({ locationId: gid('Location', 'planstone', `${key}#roomid:${room.location.sourceId}`) })).toBeGreaterThan(0);
    const track = planstone.tracks[0]!;
    if (track.kind !== 'inline') throw new Error('expected an inline track');
    expect(await expectSameAsConnection({ trackId: gid('Track', 'planstone', track.track.sourceId) })).toBeGreaterThan(0);
    expect(await expectSameAsConnection({ speakerId: gid('Speaker', 'planstone', planstone.speakers[0]!.personId) })).toBeGreaterThan(0);
    const guidebook = all.find((s) => s.source === 'GUIDEBOOK' && s.locations.length > 0 && s.tracks.length > 0)!;
    const gbRoom = guidebook.locations[0]!;
    if (gbRoom.kind !== 'guidebook') throw new Error('expected a Guidebook location');
    expect(await expectSameAsConnection({ locationId: gid('Location', 'guidebook', gbRoom.id) })).toBeGreaterThan(0);
    const word = planstone.name.split(/\s+/).find((w) => w.length > 3)!;
    expect(await expectSameAsConnection({ search: word })).toBeGreaterThan(0);
  });

  it('sessionFilterView keeps no field a filter does not read (nor the Planstone wire object)', () => {
    const planstone = all.find((s) => s.source === 'PLANSTONE' && s.descriptionHtml !== null && s.detailsUrl !== null)!;
    const view = sessionFilterView(planstone);
    expect(Object.getPrototypeOf(view)).toBe(Object.prototype);
    expect(view.detailsUrl).toBeNull();
    expect(view.updatedAt).toBeNull();
    expect(view.customFields).toEqual([]);
    expect(view.descriptionHtml).toBe(planstone.descriptionHtml);
    expect(view.locations).toBe(planstone.locations);
    expect(JSON.stringify(view).length).toBeLessThan(JSON.stringify(planstone).length);
  });

  it('ids: sessions of both providers (one unknown ID left out), alone and with another field', async () => {
    const picked = [all.find((s) => s.source === 'GUIDEBOOK')!, ...all.filter((s) => s.source === 'PLANSTONE').slice(0, 2)];
    const ids = [...picked.map(sessionGlobalId), gid('Session', 'guidebook', '999999999')];
    expect(await expectSameAsConnection({ ids })).toBe(3);
    expect(await expectSameAsConnection({ ids, sources: ['PLANSTONE'] })).toBe(2);
    expect(await expectSameAsConnection({ ids: [] })).toBe(0);
  });
});
