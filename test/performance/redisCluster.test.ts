import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { createRedisClient, hashTaggedKey, readyOrTimeout, RedisResponseCache, type RedisClient } from '../../src/upstream/index.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { redisClusterAvailability, startRedisCluster, type ClusterNodeProcess, type RedisClusterProcess } from '../support/redisCluster.js';
import { CLIENT_SESSIONS, clientSessions, HOME_PAGE, postRaw, sha256Hex, waitFor } from './helpers.js';
import { invalidationAfterWrite } from './invalidation.js';

// Everything the gateway keeps in Redis, on a real Redis Cluster: 3 masters + 3 replicas of
// Debian's redis-server on free loopback ports, joined by `redis-cli --cluster create`, one
// cluster for this file. Without redis-server/redis-cli these tests are skipped loudly —
// except under REQUIRE_REDIS=1 (CI).

const clusterCheck = redisClusterAvailability();
let cluster: RedisClusterProcess;
let prefixCount = 0;
/** A fresh key space per test. Deterministic (no pid): which slot a key lands in is the same every run. */
const freshPrefix = () => `cluster-${++prefixCount}:`;

beforeAll(async () => {
  if (clusterCheck.available) cluster = await startRedisCluster();
}, 60_000);
afterAll(() => cluster?.stop());

/** Two gateways (replicas) on one set of emulators and the cluster. */
async function twoReplicas(env: Record<string, string> = {}): Promise<[Harness, Harness]> {
  const shared = { REDIS_URL: cluster.url, REDIS_KEY_PREFIX: freshPrefix(), ...env };
  const a = await startHarness({ env: shared });
  const b = await startHarness({ emulatorSet: a.emulators, env: shared });
  return [a, b];
}

async function closeAll(...harnesses: Harness[]): Promise<void> {
  for (const harness of harnesses.reverse()) await harness.close();
}

/** Keys matching `pattern` on one node (SCAN there: a cluster's SCAN walks one node). */
async function keysOn(node: ClusterNodeProcess, pattern: string): Promise<string[]> {
  const redis = cluster.nodeClient(node);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    return keys;
  } finally {
    redis.disconnect();
  }
}

/** Per master now serving slots: how many keys match `pattern` there. */
async function keysPerMaster(pattern: string): Promise<number[]> {
  return Promise.all((await cluster.masters()).map(async (node) => (await keysOn(node, pattern)).length));
}

/** Roundware requests the emulator received (each one a call the quota counts). */
const roundwareCalls = (harness: Harness) => harness.emulators.roundware.log.count();

/** Roundware's day counter in Redis: found on whichever master holds `{quota}`, read through the cluster. */
async function roundwareDayCount(prefix: string): Promise<number> {
  const [key, ...others] = await keysOn(await cluster.masterOf(hashTaggedKey(prefix, 'quota')), `${prefix}{quota}:roundware:*:d:*`);
  expect(others).toStrictEqual([]);
  const client = cluster.client();
  try {
    return Number(await client.get(key!));
  } finally {
    client.disconnect();
  }
}

describe('Redis Cluster: replicas share one cache, one budget and APQ', clusterCheck.suite, () => {
  it('the second replica answers the same operation with no upstream call', async () => {
    const [a, b] = await twoReplicas();
    try {
      a.resetLogs();
      const first = await a.query(HOME_PAGE);
      expect(first.errors).toBeUndefined();
      const calls = a.upstreamCalls().total;
      expect(calls).toBeGreaterThan(0);
      a.resetLogs();
      expect(await b.query(HOME_PAGE)).toEqual(first);
      expect(a.upstreamCalls().total).toBe(0);
      // Every upstream answer is one entry, wherever its slot put it.
      const perMaster = await keysPerMaster(`${b.config.redis!.keyPrefix}cache:*`);
      expect(perMaster.reduce((sum, n) => sum + n, 0)).toBe(calls);
    } finally {
      await closeAll(a, b);
    }
  });

  it('quota counters (one Lua script over several keys: one hash tag) are shared by the replicas', async () => {
    const [a, b] = await twoReplicas({ ROUNDWARE_QUOTA_PER_DAY: '3', QUOTA_RESERVE_PERCENT: '0' });
    try {
      a.resetLogs();
      expect((await clientSessions(a, 1)).errors).toBeUndefined();
      expect((await clientSessions(b, 2)).errors).toBeUndefined();
      expect((await clientSessions(a, 3)).errors).toBeUndefined();
      const refused = await clientSessions(b, 4);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', provider: 'roundware' });
      expect(roundwareCalls(a)).toBe(3);
      for (const replica of [a, b]) {
        const day = (await replica.gateway.quotaSnapshot()).find((r) => r.provider === 'roundware' && r.window === 'day');
        expect(day).toMatchObject({ used: 3, remaining: 0, replicas: 2, estimated: false });
      }
      expect(await roundwareDayCount(a.config.redis!.keyPrefix)).toBe(3);
    } finally {
      await closeAll(a, b);
    }
  });

  it('a persisted query registered on one replica runs by hash on the other', async () => {
    const [a, b] = await twoReplicas();
    try {
      const persistedQuery = { version: 1, sha256Hash: sha256Hex(CLIENT_SESSIONS) };
      const registered = await postRaw(a.url, { query: CLIENT_SESSIONS, variables: { projectId: 1 }, extensions: { persistedQuery } });
      expect(registered.errors).toBeUndefined();
      const byHash = await postRaw(b.url, { variables: { projectId: 1 }, extensions: { persistedQuery } });
      expect(byHash.errors).toBeUndefined();
      expect(byHash.data).toEqual(registered.data);
    } finally {
      await closeAll(a, b);
    }
  });
});

describe('Redis Cluster: deletePrefix walks every master', clusterCheck.suite, () => {
  let redis: RedisClient;
  beforeAll(async () => {
    if (!clusterCheck.available) return;
    redis = await createRedisClient(cluster.url);
    await readyOrTimeout(redis, 10_000);
  });
  afterAll(() => redis?.quit());

  it('unlinks the matching entries on all three masters and leaves the others', async () => {
    const keyPrefix = `${freshPrefix()}cache:`;
    const errors: unknown[] = [];
    const cache = new RedisResponseCache({ redis, keyPrefix, confirmEveryMs: 0, onError: (error) => errors.push(error) });
    await Promise.all(Array.from({ length: 30 }, (_, i) => cache.set(`page:${i}`, { i }, 60_000)));
    await Promise.all(Array.from({ length: 6 }, (_, i) => cache.set(`other:${i}`, { i }, 60_000)));
    const before = await keysPerMaster(`${keyPrefix}page:*`);
    // The 30 keys spread over the masters (their slots do not depend on the run), so this
    // deletion needs every master, not the one SCAN happens to be sent to.
    expect(before).toHaveLength(3);
    expect(before.every((n) => n > 0)).toBe(true);
    expect(before.reduce((sum, n) => sum + n, 0)).toBe(30);

    await cache.deletePrefix('page:');
    expect(await keysPerMaster(`${keyPrefix}page:*`)).toStrictEqual([0, 0, 0]);
    expect((await keysPerMaster(`${keyPrefix}other:*`)).reduce((sum, n) => sum + n, 0)).toBe(6);
    expect(await cache.get('page:7')).toBeUndefined();
    expect(await cache.get('other:3')).toStrictEqual({ i: 3 });
    expect(errors).toStrictEqual([]);
  });

  it('a write drops the cached reads it changes', async () => {
    await invalidationAfterWrite(new RedisResponseCache({ redis, keyPrefix: `${freshPrefix()}cache:` }));
  });
});

describe('Redis Cluster: the master holding the quota counters fails', clusterCheck.suite, () => {
  it('the replicas keep serving, its replica takes over, and every call is counted there', async () => {
    // Roundware uncached: every operation is one upstream call, and one count.
    const [a, b] = await twoReplicas({ ROUNDWARE_CACHE_TTL_MS: '0', ROUNDWARE_QUOTA_PER_DAY: '1000', QUOTA_RESERVE_PERCENT: '0', QUOTA_PACING: 'false' });
    const prefix = a.config.redis!.keyPrefix;
    let projectId = 0;
    /** One operation on each replica in turn; each must be answered without errors. */
    const serve = async () => {
      projectId += 1;
      const answer = await clientSessions(projectId % 2 === 0 ? a : b, (projectId % 3) + 1);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.clientSessions?.edges.length).toBeGreaterThan(0);
    };
    try {
      a.resetLogs();
      for (let i = 0; i < 4; i += 1) await serve();
      expect(await roundwareDayCount(prefix)).toBe(roundwareCalls(a));

      const quotaMaster = await cluster.masterOf(hashTaggedKey(prefix, 'quota'));
      // Redis replicates asynchronously: what reached the replica before the crash survives it.
      await cluster.waitForReplication(quotaMaster);
      await quotaMaster.kill();
      let promoted = false;
      const failover = cluster.waitUntilHealthy().then(() => (promoted = true));
      let servedDuringFailover = 0;
      while (!promoted) {
        await serve();
        servedDuringFailover += 1;
      }
      await failover;
      const newQuotaMaster = await cluster.masterOf(hashTaggedKey(prefix, 'quota'));
      expect(newQuotaMaster.port).not.toBe(quotaMaster.port);
      expect(servedDuringFailover).toBeGreaterThan(0);

      for (let i = 0; i < 4; i += 1) await serve();
      // Each replica adds the calls it counted while the slot had no master with its next
      // command that succeeds (a snapshot's read is one); then the promoted master's count is
      // every call made.
      for (const replica of [a, b]) {
        await waitFor(
          async () =>
            (await replica.gateway.quotaSnapshot()).find((r) => r.provider === 'roundware' && r.window === 'day')?.estimated === false ? true : undefined,
          10_000,
        );
      }
      expect(await roundwareDayCount(prefix)).toBe(roundwareCalls(a));
      for (const replica of [a, b]) {
        const day = (await replica.gateway.quotaSnapshot()).find((r) => r.provider === 'roundware' && r.window === 'day');
        expect(day).toMatchObject({ used: roundwareCalls(a), estimated: false });
      }
    } finally {
      await closeAll(a, b);
    }
  }, 60_000);
});

describe('Redis Cluster: the change log (a Stream) and the poller lease', clusterCheck.suite, () => {
  const CHANGES = /* GraphQL */ `
    query Changes($since: String) {
      sessionChanges(since: $since) {
        token
        changes {
          token
          kind
          sessionId
          changedFields
        }
      }
    }
  `;
  interface Page {
    token: string;
    changes: Array<{ token: string; kind: string; sessionId: string; changedFields: string[] }>;
  }
  const changes = async (harness: Harness, since?: string): Promise<Page> => {
    const response = await harness.query<{ sessionChanges: Page }>(CHANGES, since === undefined ? {} : { since });
    expect(response.errors).toBeUndefined();
    return response.data!.sessionChanges;
  };

  it('one replica holds the lease; its change reaches the other replica by sessionChanges and by a follower (XREAD BLOCK), once', async () => {
    const [a, b] = await twoReplicas({ ...NO_CACHE_ENV, ROUNDWARE_API_URL: 'off', GUIDEBOOK_QUOTA_PER_DAY: '0' });
    const stop = new AbortController();
    try {
      const start = (await changes(b)).token;
      expect(await a.gateway.changePoller.pollOnce()).toEqual([]); // the baseline, now in the cluster
      expect(await b.gateway.changePoller.pollOnce()).toBeNull(); // the lease is held
      const followed = b.gateway.changeLog.follow(start, stop.signal)[Symbol.asyncIterator]();
      const next = followed.next();
      const guidebook = a.emulators.env.GUIDEBOOK_API_URL!;
      const headers = { authorization: `JWT ${a.emulators.env.GUIDEBOOK_API_KEY}`, 'content-type': 'application/json' };
      const list = (await (await request(new URL('sessions/?ordering=id', guidebook), { headers })).body.json()) as { results: Array<{ id: number }> };
      const id = list.results[0]!.id;
      const patched = await request(new URL(`sessions/${id}/`, guidebook), {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ name: 'Renamed on a cluster' }),
      });
      expect(patched.statusCode).toBe(200);
      await patched.body.dump();
      const recorded = await a.gateway.changePoller.pollOnce();
      const sessionId = toGlobalId('Session', 'guidebook', String(id));
      expect(recorded?.map((e) => [e.kind, e.sessionId, e.changedFields])).toEqual([['UPDATED', sessionId, ['TITLE']]]);
      expect((await next).value).toMatchObject({ kind: 'UPDATED', sessionId, token: recorded![0]!.token });
      const onB = await changes(b, start);
      expect(onB.changes.map((c) => [c.kind, c.sessionId, c.token])).toEqual([['UPDATED', sessionId, recorded![0]!.token]]);
      expect((await changes(b, onB.token)).changes).toEqual([]);
    } finally {
      stop.abort();
      await closeAll(a, b);
    }
  });
});
