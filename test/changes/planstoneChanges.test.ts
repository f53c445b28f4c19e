import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';

// Planstone change detection: a cheap poll asks the feed only for sessions whose
// `session_updated_at` is at or after the last one seen (one small page when nothing changed);
// every CHANGE_POLL_COMPLETE_EVERY-th poll reads the whole feed and finds deletions. The feed's
// API is read-only: the schedule is edited through the emulator's control (editSessionControl).

let harness: Harness;
let feedSessions: Array<{ _id: string; schedid: string; sessionName: string; roomname: string }>;

async function control(method: 'PATCH' | 'DELETE', id: string, body?: unknown): Promise<void> {
  const response = await request(`${harness.emulators.planstone.origin}/__control/sessions/${id}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.statusCode).toBe(200);
  await response.body.dump();
}

const CHANGES = `query C($since: String) { sessionChanges(since: $since) { token changes { kind sessionId changedFields session { name } } } }`;
type Page = { token: string; changes: Array<{ kind: string; sessionId: string; changedFields: string[]; session: { name: string } | null }> };

async function changes(since?: string): Promise<Page> {
  const response = await harness.query<{ sessionChanges: Page }>(CHANGES, since ? { since } : {});
  expect(response.errors).toBeUndefined();
  return response.data!.sessionChanges;
}

const psId = (schedid: string) => Buffer.from(`Session:planstone:${schedid}`).toString('base64url');

beforeAll(async () => {
  harness = await startHarness({
    env: { ...NO_CACHE_ENV, GUIDEBOOK_API_URL: 'off', ROUNDWARE_API_URL: 'off', CHANGE_POLL_COMPLETE_EVERY: '3' },
  });
  const { env } = harness.emulators;
  const where = JSON.stringify({ account: env.PLANSTONE_ACCOUNT, conference: env.PLANSTONE_CONFERENCE, schedid: { $ne: '' } });
  const response = await request(`${env.PLANSTONE_API_URL}sessions?where=${encodeURIComponent(where)}&max_results=5`, {
    headers: { authorization: `Basic ${Buffer.from(`${env.PLANSTONE_API_TOKEN}:`).toString('base64')}` },
  });
  feedSessions = ((await response.body.json()) as { _items: typeof feedSessions })._items.filter((s) => typeof s.schedid === 'string' && s.schedid !== '');
});
afterAll(() => harness?.close());

describe('Planstone change detection', () => {
  let start: string;

  it('after the baseline, a poll of an unchanged feed costs one request', async () => {
    start = (await changes()).token;
    expect(await harness.gateway.changePoller.pollOnce()).toEqual([]);
    harness.resetLogs();
    expect(await harness.gateway.changePoller.pollOnce()).toEqual([]);
    expect(harness.upstreamCalls().planstone).toBe(1);
    const [entry] = harness.emulators.planstone.log.entries();
    expect(decodeURIComponent(entry!.url)).toContain('"session_updated_at":{"$gte":');
  });

  it('an edited session (name and room) is UPDATED with TITLE and LOCATION, found by the cheap poll', async () => {
    const target = feedSessions[0]!;
    await control('PATCH', target._id, { sessionName: 'Rescheduled plenary', roomname: 'Hall Z (new)', sched_roomname: 'Hall Z (new)' });
    harness.resetLogs();
    const recorded = await harness.gateway.changePoller.pollOnce();
    expect(recorded?.map((e) => [e.kind, e.sessionId, e.changedFields])).toEqual([['UPDATED', psId(target.schedid), ['LOCATION', 'TITLE']]]);
    // Still the cheap poll: the changed session's page, not the whole feed.
    expect(harness.upstreamCalls().planstone).toBeLessThanOrEqual(2);
    const page = await changes(start);
    expect(page.changes).toEqual([
      { kind: 'UPDATED', sessionId: psId(target.schedid), changedFields: ['LOCATION', 'TITLE'], session: { name: 'Rescheduled plenary' } },
    ]);
  });

  it('a deleted session is DELETED at the next complete read (session null)', async () => {
    const doomed = feedSessions[1]!;
    const { token } = await changes();
    await control('DELETE', doomed._id);
    // The third poll since the last complete one is complete (CHANGE_POLL_COMPLETE_EVERY=3).
    const recorded = await harness.gateway.changePoller.pollOnce();
    expect(recorded?.map((e) => [e.kind, e.sessionId])).toEqual([['DELETED', psId(doomed.schedid)]]);
    expect((await changes(token)).changes).toEqual([{ kind: 'DELETED', sessionId: psId(doomed.schedid), changedFields: [], session: null }]);
  });
});

describe('the background poll starts with the gateway when asked', () => {
  let live: Harness;
  afterAll(() => live?.close());

  it('a change shows up in sessionChanges without anyone calling pollOnce', async () => {
    harness.resetLogs(); // the emulators are shared: only this gateway's requests from now on
    live = await startHarness({
      emulatorSet: harness.emulators,
      changeDetection: true,
      env: { ...NO_CACHE_ENV, GUIDEBOOK_API_URL: 'off', ROUNDWARE_API_URL: 'off', CHANGE_POLL_INTERVAL_S: '0.2' },
    });
    const start = (await live.query<{ sessionChanges: Page }>(CHANGES)).data!.sessionChanges.token;
    // The baseline is committed once a cheap poll (`session_updated_at` in `where`) was sent: edit after that.
    const cheapPollSent = () => live.emulators.planstone.log.entries().some((e) => decodeURIComponent(e.url).includes('session_updated_at'));
    for (let i = 0; i < 200 && !cheapPollSent(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cheapPollSent()).toBe(true);
    const target = feedSessions[2]!;
    await control('PATCH', target._id, { sessionName: 'Seen by the background poll' });
    let found: Page['changes'] = [];
    for (let i = 0; i < 100 && found.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      found = (await live.query<{ sessionChanges: Page }>(CHANGES, { since: start })).data!.sessionChanges.changes;
    }
    expect(found.map((c) => [c.kind, c.sessionId, c.changedFields])).toEqual([['UPDATED', psId(target.schedid), ['TITLE']]]);
  });
});

// Bug pinned (issue 20, live bench at EMULATOR_SCALE=10000): every session of a feed loaded in
// bulk holds the same `session_updated_at`, so a cheap poll asking `$gte` the newest stamp got
// the whole feed back at every poll (~1,085 requests an hour instead of ≤ 412).
describe('a feed whose sessions share the newest session_updated_at (the scale conference: all alike)', () => {
  let bulk: Harness;
  const SCALE = 1_000;
  afterAll(() => bulk?.close());

  async function feedPage(url: string): Promise<{ _items: Array<{ _id: string; schedid: string }>; _meta?: { total?: number } }> {
    const response = await request(`${bulk.emulators.planstone.origin}${url}`, {
      headers: { authorization: `Basic ${Buffer.from(`${bulk.emulators.env.PLANSTONE_API_TOKEN}:`).toString('base64')}` },
    });
    expect(response.statusCode).toBe(200);
    return (await response.body.json()) as { _items: Array<{ _id: string; schedid: string }>; _meta?: { total?: number } };
  }

  it('an unchanged poll is one request of at most one page, and an edit is still found', async () => {
    bulk = await startHarness({
      emulators: { scale: SCALE },
      env: {
        ...NO_CACHE_ENV,
        GUIDEBOOK_API_URL: 'off',
        ROUNDWARE_API_URL: 'off',
        PLANSTONE_CONFERENCE: '2027',
        PLANSTONE_TIME_ZONE: 'America/Los_Angeles',
        CHANGE_POLL_COMPLETE_EVERY: '100',
      },
    });
    expect(await bulk.gateway.changePoller.pollOnce()).toEqual([]); // the baseline: the whole feed
    bulk.resetLogs();
    expect(await bulk.gateway.changePoller.pollOnce()).toEqual([]);
    const entries = bulk.emulators.planstone.log.entries();
    expect(entries).toHaveLength(1);
    const url = entries[0]!.url;
    expect(decodeURIComponent(url)).toContain('"session_updated_at":{"$gt":');
    const answer = await feedPage(url);
    expect(answer._items.length).toBeLessThanOrEqual(100);
    expect(answer._meta?.total ?? 0).toBeLessThanOrEqual(100);

    // An edit (a newer stamp) is found by the next cheap poll.
    const where = JSON.stringify({ account: bulk.emulators.env.PLANSTONE_ACCOUNT, conference: '2027' });
    const [target] = (await feedPage(`${new URL(bulk.emulators.env.PLANSTONE_API_URL!).pathname}sessions?where=${encodeURIComponent(where)}&max_results=1`))
      ._items;
    const response = await request(`${bulk.emulators.planstone.origin}/__control/sessions/${target!._id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionName: 'Edited after the bulk load' }),
    });
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    bulk.resetLogs();
    const recorded = await bulk.gateway.changePoller.pollOnce();
    expect(recorded?.map((e) => [e.kind, e.sessionId, e.changedFields])).toEqual([['UPDATED', psId(target!.schedid), ['TITLE']]]);
    expect(bulk.upstreamCalls().planstone).toBe(1);
    // The edited session alone holds the newest stamp now: the poll asks `$gte` again (an edit in its second is not missed).
    bulk.resetLogs();
    expect(await bulk.gateway.changePoller.pollOnce()).toEqual([]);
    expect(bulk.upstreamCalls().planstone).toBe(1);
    expect(decodeURIComponent(bulk.emulators.planstone.log.entries()[0]!.url)).toContain('"session_updated_at":{"$gte":');
  });
});

// Bug pinned (issue 20, live bench: delivery p99 ~18 s at a 2 s interval): the poll read
// Planstone through the shared cache, so an edit waited for the cached answer to expire. The
// poll reads past the cache now, and what it finds changed replaces the cached reads.
describe('the Planstone poll reads past a long cache TTL', () => {
  let cached: Harness;
  afterAll(() => cached?.close());

  it('an edit is found by the next poll, and a client reading after the event sees it', async () => {
    cached = await startHarness({
      emulatorSet: harness.emulators,
      env: { GUIDEBOOK_API_URL: 'off', ROUNDWARE_API_URL: 'off', PLANSTONE_CACHE_TTL_MS: '3600000', CHANGE_POLL_COMPLETE_EVERY: '100' },
    });
    const target = feedSessions[3]!;
    const read = async () => {
      const response = await cached.query<{ session: { name: string } }>(`query S($id: ID!) { session(id: $id) { name } }`, { id: psId(target.schedid) });
      expect(response.errors).toBeUndefined();
      return response.data!.session.name;
    };
    expect(await cached.gateway.changePoller.pollOnce()).toEqual([]); // the baseline
    expect(await cached.gateway.changePoller.pollOnce()).toEqual([]); // a cheap poll, its answer cached
    const before = await read(); // the feed is in the shared cache for an hour now
    const { token } = (await cached.query<{ sessionChanges: Page }>(CHANGES)).data!.sessionChanges;
    await control('PATCH', target._id, { sessionName: `${before} (moved)` });
    expect(await read()).toBe(before); // a client read alone still gets the cached feed
    const recorded = await cached.gateway.changePoller.pollOnce();
    expect(recorded?.map((e) => [e.kind, e.sessionId, e.changedFields])).toEqual([['UPDATED', psId(target.schedid), ['TITLE']]]);
    expect(await read()).toBe(`${before} (moved)`);
    const page = (await cached.query<{ sessionChanges: Page }>(CHANGES, { since: token })).data!.sessionChanges;
    expect(page.changes).toEqual([{ kind: 'UPDATED', sessionId: psId(target.schedid), changedFields: ['TITLE'], session: { name: `${before} (moved)` } }]);
  });
});
