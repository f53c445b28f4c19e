import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sessionGlobalId } from '../../src/changes/diffSessions.js';
import { changeKeys, RedisChangeLog } from '../../src/changes/redisChangeLog.js';
import { RedisDetectionStore } from '../../src/changes/redisDetectionStore.js';
import { RefreshDetector } from '../../src/changes/refreshDetector.js';
import { sessionFingerprint } from '../../src/changes/sessionFingerprint.js';
import { MemoryResponseCache } from '../../src/upstream/index.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { redisAvailability, startRedisServer, type RedisServer } from '../support/redisServer.js';
import { planstoneSession } from '../support/sessionChanges.js';

// Change detection from the refreshes of clients' reads (issue 20 item 1, RefreshDetector):
// the background poll is an hour apart, so whatever is recorded between the baseline and the
// end of a test was found by a client's read refreshing a Guidebook page after its TTL.

const TTL_MS = 300;
/** Shared cache short-lived and without a stale grace (a read after the TTL fetches the page itself), the poll far apart. */
const ENV = {
  GUIDEBOOK_CACHE_TTL_MS: String(TTL_MS),
  PLANSTONE_CACHE_TTL_MS: String(TTL_MS),
  CACHE_STALE_GRACE_MS: '0',
  CHANGE_POLL_INTERVAL_S: '3600',
  ROUNDWARE_API_URL: 'off',
  GUIDEBOOK_QUOTA_PER_DAY: '0',
};

const CHANGES = /* GraphQL */ `
  query Changes($since: String) {
    sessionChanges(since: $since, first: 100) {
      token
      changes {
        kind
        sessionId
        changedFields
      }
    }
  }
`;
/** What a client reads: the first Guidebook sessions in start order (page 1 of `ordering=start_time,id`). */
const READ = /* GraphQL */ `
  {
    sessions(first: 10, filter: { sources: [GUIDEBOOK] }) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`;
type Change = { kind: string; sessionId: string; changedFields: string[] };
type ReadData = { sessions: { edges: Array<{ node: { id: string; name: string } }> } };

const gbId = (id: number) => Buffer.from(`Session:guidebook:${id}`).toString('base64url');
const pastTtl = () => new Promise((resolve) => setTimeout(resolve, TTL_MS + 100));

async function guidebook(emulators: EmulatorSet, method: 'GET' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const response = await request(new URL(path, emulators.env.GUIDEBOOK_API_URL), {
    method,
    headers: { authorization: `JWT ${emulators.env.GUIDEBOOK_API_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The ids on page 1 of Guidebook's start-ordered session list, as the emulator has them now. */
async function firstPageIds(emulators: EmulatorSet): Promise<number[]> {
  const page = (await guidebook(emulators, 'GET', 'sessions/?ordering=start_time,id')) as { results: Array<{ id: number }>; next: string | null };
  expect(page.next).not.toBeNull(); // a partial page: the list goes on
  return page.results.map((s) => s.id);
}

async function changesSince(harness: Harness, since: string | undefined): Promise<{ token: string; changes: Change[] }> {
  const response = await harness.query<{ sessionChanges: { token: string; changes: Change[] } }>(CHANGES, since === undefined ? {} : { since });
  expect(response.errors).toBeUndefined();
  return response.data!.sessionChanges;
}

/** A client's read, which must answer in full; then whatever it made change detection compare is compared. */
async function clientRead(harness: Harness): Promise<ReadData> {
  const response = await harness.query<ReadData>(READ);
  expect(response.errors).toBeUndefined();
  expect(response.data!.sessions.edges.length).toBe(10);
  return response.data!;
}

describe('change detection from refreshes of client reads (one process, in memory)', () => {
  let emulators: EmulatorSet;
  let harness: Harness;

  beforeAll(async () => {
    emulators = await startEmulators();
    harness = await startHarness({ emulatorSet: emulators, env: ENV, changeDetection: true });
    expect(await harness.gateway.changePoller.pollOnce()).toEqual([]); // the baseline
  });
  afterAll(async () => {
    await harness?.close();
    await emulators?.close();
  });

  it('a change is recorded once a client read refreshes its page after the TTL, not before, and the poll does not record it again', async () => {
    const { token } = await changesSince(harness, undefined);
    const [target] = await firstPageIds(emulators);
    await guidebook(emulators, 'PATCH', `sessions/${target}/`, { name: 'Renamed between reads' });
    await pastTtl();
    const read = await clientRead(harness);
    // The client got the page as it is now: the read did refresh it.
    expect(read.sessions.edges.map((e) => e.node.name)).toContain('Renamed between reads');
    await harness.gateway.refreshDetector.idle();
    const after = await changesSince(harness, token);
    expect(after.changes).toEqual([{ kind: 'UPDATED', sessionId: gbId(target!), changedFields: ['TITLE'] }]);
    // Neither another refresh of the same content nor the poll records it again.
    await pastTtl();
    await clientRead(harness);
    await harness.gateway.refreshDetector.idle();
    expect(await harness.gateway.changePoller.pollOnce()).toEqual([]);
    expect((await changesSince(harness, after.token)).changes).toEqual([]);
  });

  it('the poll and a client read racing on the same change record it once', async () => {
    const { token } = await changesSince(harness, undefined);
    const target = (await firstPageIds(emulators))[2]!;
    await guidebook(emulators, 'PATCH', `sessions/${target}/`, { name: 'Raced' });
    await pastTtl();
    const [polled] = await Promise.all([harness.gateway.changePoller.pollOnce(), clientRead(harness)]);
    await harness.gateway.refreshDetector.idle();
    expect(polled).not.toBeNull();
    const recorded = (await changesSince(harness, token)).changes;
    expect(recorded).toEqual([{ kind: 'UPDATED', sessionId: gbId(target), changedFields: ['TITLE'] }]);
  });

  it('a refresh of a partial page reports no DELETED (the session may have moved), nor CREATED for one shifted onto it; the poll’s complete read does', async () => {
    const { token } = await changesSince(harness, undefined);
    const before = await firstPageIds(emulators);
    const gone = before[1]!;
    await guidebook(emulators, 'DELETE', `sessions/${gone}/`);
    const after = await firstPageIds(emulators);
    // Page 1 lost the deleted session and gained the first of page 2.
    expect(after).not.toContain(gone);
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
    await pastTtl();
    const read = await clientRead(harness);
    expect(read.sessions.edges.map((e) => e.node.id)).not.toContain(gbId(gone));
    await harness.gateway.refreshDetector.idle();
    expect((await changesSince(harness, token)).changes).toEqual([]);
    const polled = await harness.gateway.changePoller.pollOnce();
    expect(polled?.map((e) => [e.kind, e.sessionId])).toEqual([['DELETED', gbId(gone)]]);
  });
});

const redisCheck = redisAvailability();

describe('change detection from refreshes on two replicas sharing redis-server', redisCheck.suite, () => {
  let dir: string;
  let server: RedisServer;
  let emulators: EmulatorSet;
  let a: Harness;
  let b: Harness;

  /** A replica with its own upstream cache (so each refreshes its pages itself) and the change log and detection state in Redis. */
  const replica = () =>
    startHarness({
      emulatorSet: emulators,
      env: { ...ENV, REDIS_URL: server.url, REDIS_KEY_PREFIX: 'refresh20:' },
      changeDetection: true,
      gatewayOptions: { cache: new MemoryResponseCache() },
    });

  beforeAll(async () => {
    if (!redisCheck.available) return;
    dir = mkdtempSync(path.join(tmpdir(), 'refresh20-redis-'));
    server = await startRedisServer({ dir });
    emulators = await startEmulators();
    a = await replica();
    b = await replica();
    expect(await a.gateway.changePoller.pollOnce()).toEqual([]); // the baseline, in Redis
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await emulators?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('both replicas refresh the changed page at once: the change is recorded once, read the same on either', async () => {
    const { token } = await changesSince(a, undefined);
    const target = (await firstPageIds(emulators))[4]!;
    await guidebook(emulators, 'PATCH', `sessions/${target}/`, { name: 'Seen by both' });
    await pastTtl();
    emulators.guidebook.log.clear();
    const reads = await Promise.all([clientRead(a), clientRead(b)]);
    for (const read of reads) expect(read.sessions.edges.map((e) => e.node.name)).toContain('Seen by both');
    // Each replica read page 1 from Guidebook itself (its own cache), so each compared it.
    expect(emulators.guidebook.log.entries().filter((e) => e.route === '/sessions/').length).toBeGreaterThanOrEqual(2);
    await Promise.all([a.gateway.refreshDetector.idle(), b.gateway.refreshDetector.idle()]);
    const onA = await changesSince(a, token);
    expect(onA.changes).toEqual([{ kind: 'UPDATED', sessionId: gbId(target), changedFields: ['TITLE'] }]);
    expect(await changesSince(b, token)).toEqual(onA);
    // The lease holder's poll finds nothing left to record.
    expect(await a.gateway.changePoller.pollOnce()).toEqual([]);
    expect((await changesSince(a, onA.token)).changes).toEqual([]);
  });

  it('a stale replica’s page, committed after a newer one, neither undoes the newer state nor records an event', async () => {
    const redis = new Redis(server.url);
    try {
      const keys = changeKeys('refresh20-stale:');
      const log = new RedisChangeLog({ redis, keys, retention: { maxLength: 100, maxAgeMs: 3_600_000 } });
      const store = (owner: string) => new RedisDetectionStore({ redis, keys, log, leaseTtlMs: 10_000, owner });
      const poller = store('poller');
      const scope = 'planstone:acct/conf';
      const v0 = planstoneSession('s1', { room: '1' });
      const v1 = planstoneSession('s1', { room: '2' });
      const v2 = planstoneSession('s1', { room: '3' });
      const id = sessionGlobalId(v0);
      // The baseline: s1 in room 1.
      expect(await poller.holdLease()).toBe('taken');
      const baseline = { records: [], upserts: new Map([[id, { fingerprint: sessionFingerprint(v0), session: v0, readAt: 1_000 }]]), deletes: [] };
      expect(await poller.commit(scope, baseline, { cursor: null, sinceComplete: 0 })).toEqual([]);
      // Two replicas' refreshes: B's read (room 3) began after A's (room 2) but commits first.
      const replicaA = new RefreshDetector({ store: store('a') });
      const replicaB = new RefreshDetector({ store: store('b') });
      const read = (session: typeof v0, readAt: number) => () => ({
        provider: 'planstone' as const,
        conferenceId: 'acct/conf',
        sessions: [session],
        complete: false,
        readAt,
      });
      const newer = await replicaB.detect(read(v2, 3_000));
      expect(newer.map((e) => [e.kind, e.changedFields])).toEqual([['UPDATED', ['LOCATION']]]);
      expect(await replicaA.detect(read(v1, 2_000))).toEqual([]);
      const state = await poller.loadEntries(scope, [id]);
      expect(state.entries.get(id)?.fingerprint.hash).toBe(sessionFingerprint(v2).hash);
      expect(await redis.xlen(keys.stream)).toBe(1);
      // The same page again from either replica is no change.
      expect(await replicaA.detect(read(v2, 4_000))).toEqual([]);
      expect(await redis.xlen(keys.stream)).toBe(1);
    } finally {
      redis.disconnect();
    }
  });

  it('detection failing (Redis down) does not fail or change the client’s read', async () => {
    const target = (await firstPageIds(emulators))[6]!;
    await guidebook(emulators, 'PATCH', `sessions/${target}/`, { name: 'Read while Redis is down' });
    await server.stop();
    await pastTtl();
    const read = await clientRead(a);
    expect(read.sessions.edges.map((e) => e.node.name)).toContain('Read while Redis is down');
    // The comparison failed off the request path (logged); it settles without surfacing.
    await a.gateway.refreshDetector.idle();
  });
});

describe('change detection from refreshes of Planstone pages of whole sessions', () => {
  let harness: Harness;
  const PLANSTONE_READ = /* GraphQL */ `
    {
      sessions(first: 5, filter: { sources: [PLANSTONE] }) {
        edges {
          node {
            id
            name
            descriptionHtml
          }
        }
      }
    }
  `;
  type PlanstoneRead = { sessions: { edges: Array<{ node: { id: string; name: string } }> } };
  const read = async () => {
    const response = await harness.query<PlanstoneRead>(PLANSTONE_READ);
    expect(response.errors).toBeUndefined();
    return response.data!.sessions.edges.map((e) => e.node);
  };

  beforeAll(async () => {
    harness = await startHarness({ env: { ...ENV, GUIDEBOOK_API_URL: 'off' }, changeDetection: true });
    expect(await harness.gateway.changePoller.pollOnce()).toEqual([]); // the baseline
  });
  afterAll(() => harness?.close());

  it('a renamed session on the page a client reads (with its description: whole sessions) is an UPDATED once the page is refreshed', async () => {
    const { token } = await changesSince(harness, undefined);
    const [first] = await read();
    const schedid = Buffer.from(first!.id, 'base64url').toString().split(':').at(-1)!;
    const { env } = harness.emulators;
    const where = JSON.stringify({ account: env.PLANSTONE_ACCOUNT, conference: env.PLANSTONE_CONFERENCE, schedid });
    const feed = await request(`${env.PLANSTONE_API_URL}sessions?where=${encodeURIComponent(where)}`, {
      headers: { authorization: `Basic ${Buffer.from(`${env.PLANSTONE_API_TOKEN}:`).toString('base64')}` },
    });
    const [target] = ((await feed.body.json()) as { _items: Array<{ _id: string }> })._items;
    const control = await request(`${harness.emulators.planstone.origin}/__control/sessions/${target!._id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionName: 'Renamed in the feed' }),
    });
    expect(control.statusCode).toBe(200);
    await control.body.dump();
    await pastTtl();
    expect((await read()).map((s) => s.name)).toContain('Renamed in the feed');
    await harness.gateway.refreshDetector.idle();
    expect((await changesSince(harness, token)).changes).toEqual([{ kind: 'UPDATED', sessionId: first!.id, changedFields: ['TITLE'] }]);
  });
});
