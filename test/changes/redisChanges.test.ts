import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { changeKeys, RedisChangeLog } from '../../src/changes/redisChangeLog.js';
import { RedisDetectionStore } from '../../src/changes/redisDetectionStore.js';
import type { SessionChangeRecord } from '../../src/models/sessionChange.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { redisAvailability, startRedisServer, type RedisServer } from '../support/redisServer.js';

// Change detection across replicas on a real redis-server (REQUIRE_REDIS=1 in CI): one lease,
// one Redis Stream, detection state in Redis. Replicas are gateways in this process sharing
// the emulators; "killing" the polling replica is stopping it.

const redisCheck = redisAvailability();

const CHANGES = /* GraphQL */ `
  query Changes($since: String, $first: Int, $filter: SessionFilter) {
    sessionChanges(since: $since, first: $first, filter: $filter) {
      token
      hasMore
      changes {
        token
        kind
        sessionId
        changedFields
        session {
          name
        }
      }
    }
  }
`;
interface Page {
  token: string;
  hasMore: boolean;
  changes: Array<{ token: string; kind: string; sessionId: string; changedFields: string[]; session: { name: string } | null }>;
}

let dir: string;
let server: RedisServer;
let emulators: EmulatorSet;
let a: Harness;
let b: Harness;
let guidebookIds: number[];
let prefixCount = 0;

function replica(env: Record<string, string> = {}): Promise<Harness> {
  return startHarness({
    emulatorSet: emulators,
    env: { ...NO_CACHE_ENV, ROUNDWARE_API_URL: 'off', GUIDEBOOK_QUOTA_PER_DAY: '0', REDIS_URL: server.url, REDIS_KEY_PREFIX: 'live20:', ...env },
  });
}

async function changes(harness: Harness, variables: Record<string, unknown>): Promise<Page> {
  const response = await harness.query<{ sessionChanges: Page }>(CHANGES, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.sessionChanges;
}

async function renameGuidebookSession(id: number, name: string): Promise<void> {
  const response = await request(new URL(`sessions/${id}/`, emulators.env.GUIDEBOOK_API_URL), {
    method: 'PATCH',
    headers: { authorization: `JWT ${emulators.env.GUIDEBOOK_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(response.statusCode).toBe(200);
  await response.body.dump();
}

const gbId = (id: number) => Buffer.from(`Session:guidebook:${id}`).toString('base64url');

beforeAll(async () => {
  if (!redisCheck.available) return;
  dir = mkdtempSync(path.join(tmpdir(), 'live20-redis-'));
  server = await startRedisServer({ dir });
  emulators = await startEmulators();
  a = await replica();
  b = await replica();
  const list = (await (
    await request(new URL('sessions/?ordering=id', emulators.env.GUIDEBOOK_API_URL), { headers: { authorization: `JWT ${emulators.env.GUIDEBOOK_API_KEY}` } })
  ).body.json()) as { results: Array<{ id: number }> };
  guidebookIds = list.results.map((s) => s.id);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await emulators?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('change detection on Redis: one poller, a shared stream', redisCheck.suite, () => {
  let start: string;

  it('only one replica polls: the other finds the lease held', async () => {
    start = (await changes(a, {})).token;
    expect(await a.gateway.changePoller.pollOnce()).toEqual([]); // the baseline, now in Redis
    expect(await b.gateway.changePoller.pollOnce()).toBeNull();
    expect(await a.gateway.changePoller.pollOnce()).toEqual([]);
  });

  it('a change found by replica A is read on replica B with A’s token, exactly once', async () => {
    await renameGuidebookSession(guidebookIds[0]!, 'Seen by A');
    const recorded = await a.gateway.changePoller.pollOnce();
    expect(recorded?.map((e) => [e.kind, e.sessionId, e.changedFields])).toEqual([['UPDATED', gbId(guidebookIds[0]!), ['TITLE']]]);
    expect(await b.gateway.changePoller.pollOnce()).toBeNull();
    const onB = await changes(b, { since: start });
    expect(onB.changes.map((c) => [c.kind, c.sessionId, c.session?.name])).toEqual([['UPDATED', gbId(guidebookIds[0]!), 'Seen by A']]);
    expect(onB.changes[0]!.token).toBe(recorded![0]!.token);
    const onA = await changes(a, { since: start });
    expect(onA).toEqual(onB);
  });

  it('a follower on B is woken by A’s append (XREAD BLOCK)', async () => {
    const stop = new AbortController();
    const { token } = await changes(b, {});
    const iterator = b.gateway.changeLog.follow(token, stop.signal)[Symbol.asyncIterator]();
    const next = iterator.next();
    await renameGuidebookSession(guidebookIds[3]!, 'Followed');
    await a.gateway.changePoller.pollOnce();
    const first = await next;
    expect(first.value).toMatchObject({ kind: 'UPDATED', sessionId: gbId(guidebookIds[3]!) });
    stop.abort();
    await iterator.return?.();
  });

  it('the polling replica stops; the other takes over from the state in Redis: nothing lost, nothing doubled', async () => {
    const { token } = await changes(b, {});
    await renameGuidebookSession(guidebookIds[1]!, 'Changed while A was going away');
    await a.close(); // releases the lease without having polled this change
    const recorded = await b.gateway.changePoller.pollOnce();
    expect(recorded?.map((e) => e.sessionId)).toEqual([gbId(guidebookIds[1]!)]);
    expect(await b.gateway.changePoller.pollOnce()).toEqual([]);
    const page = await changes(b, { since: token });
    expect(page.changes.map((c) => [c.kind, c.sessionId])).toEqual([['UPDATED', gbId(guidebookIds[1]!)]]);
    a = await replica();
    expect(await a.gateway.changePoller.pollOnce()).toBeNull();
  });

  it('a holder that dies without giving the lease up is replaced once its lease expires', async () => {
    const redis = new Redis(server.url);
    try {
      const keys = changeKeys(`live20-dead-${prefixCount++}:`);
      const log = new RedisChangeLog({ redis, keys, retention: { maxLength: 100, maxAgeMs: 3_600_000 } });
      const dead = new RedisDetectionStore({ redis, keys, log, leaseTtlMs: 300, owner: 'dead' });
      const heir = new RedisDetectionStore({ redis, keys, log, leaseTtlMs: 300, owner: 'heir' });
      expect(await dead.holdLease()).toBe('taken');
      expect(await heir.holdLease()).toBeNull();
      expect(await dead.holdLease()).toBe('renewed');
      // The dead holder never renews again; the heir keeps asking.
      let held = await heir.holdLease();
      for (let attempt = 0; held === null && attempt < 100; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        held = await heir.holdLease();
      }
      expect(held).toBe('taken');
      // The old holder's late commit is refused: nothing is written.
      const diff = { records: [record('late')], upserts: new Map(), deletes: [] };
      expect(await dead.commit('guidebook', diff, { cursor: null, sinceComplete: 0 })).toBeNull();
      expect(await redis.exists(keys.stream)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('Redis restarted: reads go on, detection pauses, then resumes with every recorded event kept and none doubled', async () => {
    const before = await changes(b, { since: start });
    await server.stop();
    // Reads of the schedule are served without Redis.
    const sessions = await b.query<{ sessions: { totalCount: number } }>('{ sessions(first: 1) { totalCount } }');
    expect(sessions.errors).toBeUndefined();
    expect(sessions.data!.sessions.totalCount).toBeGreaterThan(0);
    await expect(b.gateway.changePoller.pollOnce()).rejects.toThrow();
    await renameGuidebookSession(guidebookIds[2]!, 'Changed while Redis was down');
    await expect(b.gateway.changePoller.pollOnce()).rejects.toThrow();

    server = await startRedisServer({ port: server.port, dir });
    let recorded: Awaited<ReturnType<typeof b.gateway.changePoller.pollOnce>> | undefined;
    for (let attempt = 0; recorded === undefined && attempt < 50; attempt++) {
      recorded = await b.gateway.changePoller.pollOnce().catch(() => undefined);
      if (recorded === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(recorded?.map((e) => e.sessionId)).toEqual([gbId(guidebookIds[2]!)]);
    expect(await b.gateway.changePoller.pollOnce()).toEqual([]);
    const after = await changes(b, { since: start });
    expect(after.changes.slice(0, before.changes.length)).toEqual(before.changes);
    expect(after.changes.slice(before.changes.length).map((c) => c.sessionId)).toEqual([gbId(guidebookIds[2]!)]);
    // Replica A's client reconnects on its own back-off: the tests after this one use A, so
    // wait until it reads the log again (a flake in CI: A's first read came while it was still away).
    let readable = false;
    for (let attempt = 0; !readable && attempt < 100; attempt++) {
      readable = await a.gateway.changeLog.read(start, 1).then(
        () => true,
        () => false,
      );
      if (!readable) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(readable).toBe(true);
  });

  it('a filter that matches nothing: no changes, the token moves past them', async () => {
    const nothing = await changes(a, { since: start, filter: { sources: ['PLANSTONE'] } });
    const all = await changes(a, { since: start });
    expect(all.changes.length).toBeGreaterThan(0);
    expect(nothing.changes).toEqual([]);
    expect(nothing.token).toBe(all.token);
  });

  it('a token past the retention (by length) is SYNC_TOKEN_EXPIRED; a recent one reads on', async () => {
    {
      const short = await replica({ REDIS_KEY_PREFIX: `live20-short-${prefixCount++}:`, CHANGE_LOG_MAX_LENGTH: '2' });
      try {
        const first = (await short.gateway.changeLog.read(undefined, 1)).token;
        const appended = [];
        for (let i = 0; i < 8; i++) appended.push(...(await short.gateway.changeLog.append([record(`r${i}`)])));
        const expired = await short.query(CHANGES, { since: first });
        expect(expired.errors?.[0]?.extensions).toMatchObject({ code: 'SYNC_TOKEN_EXPIRED' });
        const recent = await short.query<{ sessionChanges: Page }>(CHANGES, { since: appended.at(-2)!.token });
        expect(recent.data?.sessionChanges.changes.map((c) => c.token)).toEqual([appended.at(-1)!.token]);
        // A token from a log that is gone (the future of this one) is expired too.
        const future = await short.query(CHANGES, { since: `${Date.now() + 86_400_000}-0` });
        expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'SYNC_TOKEN_EXPIRED' });
      } finally {
        await short.close();
      }
    }
  });
});

// Bug pinned (issue 20, live bench): Guidebook's quota pacing (when it may be polled again)
// lived in the poller's memory, so every restart or lease hand-over cost one unpaced whole
// read of Guidebook (446 requests at 10,000 sessions). It is kept in Redis now.
describe('Guidebook pacing survives a lease hand-over', redisCheck.suite, () => {
  it('after the holder stops, the new holder does not read Guidebook before the paced time', async () => {
    const env = { REDIS_KEY_PREFIX: `live20-pacing-${prefixCount++}:`, GUIDEBOOK_QUOTA_PER_DAY: '10000', CHANGE_POLL_QUOTA_SHARE: '0.15' };
    const first = await replica(env);
    let second: Harness | undefined;
    try {
      first.resetLogs();
      expect(await first.gateway.changePoller.pollOnce()).toEqual([]); // the baseline: Guidebook read whole
      const cost = first.upstreamCalls().guidebook;
      expect(cost).toBeGreaterThan(0);
      const redis = new Redis(server.url);
      const paced = Number(await redis.hget(`${env.REDIS_KEY_PREFIX}{changes}:pacing`, 'guidebook'));
      redis.disconnect();
      // cost / (share × budget) of a day from the poll: at least that far from now, less the poll's own duration.
      expect(paced).toBeGreaterThan(Date.now() + (cost * 86_400_000) / (0.15 * 10_000) - 60_000);
      await first.close(); // gives the lease up
      second = await replica(env);
      second.resetLogs();
      expect(await second.gateway.changePoller.pollOnce()).toEqual([]); // it holds the lease and polls...
      expect(second.upstreamCalls().guidebook).toBe(0); // ...but not Guidebook before the paced time
      expect(second.upstreamCalls().planstone).toBeGreaterThan(0); // (the other providers are polled)
    } finally {
      await first.close().catch(() => undefined);
      await second?.close();
    }
  });
});

function record(name: string): SessionChangeRecord {
  return {
    entity: 'Session',
    kind: 'DELETED',
    sessionId: Buffer.from(`Session:guidebook:${name.length}`).toString('base64url'),
    changedFields: [],
    detectedAt: new Date().toISOString(),
    before: null,
    after: null,
  };
}
