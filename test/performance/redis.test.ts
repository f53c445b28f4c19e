import { ROUNDWARE_DEMO_TOKEN, ROUNDWARE_DOCS_TOKEN } from '@sessions-gateway/emulators/roundware';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RedisResponseCache } from '../../src/upstream/index.js';
import { getPath, sample } from '../operations/httpGet.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { captureLogLines } from '../support/logCapture.js';
import { redisAvailability, startRedisServer, type RedisServer } from '../support/redisServer.js';
import { CLIENT_SESSIONS, clientSessions, HOME_PAGE, postRaw, roundwareGets, sha256Hex } from './helpers.js';
import { invalidationAfterWrite } from './invalidation.js';

// Several replicas on one Redis: a real redis-server on a free loopback port. Without
// redis-server these tests are skipped loudly — except under REQUIRE_REDIS=1 (CI).

const redisCheck = redisAvailability();
let server: RedisServer;
let prefixCount = 0;
/** A fresh key space per test, so tests do not see each other's entries. */
const freshPrefix = () => `test-${process.pid}-${++prefixCount}:`;

beforeAll(async () => {
  if (redisCheck.available) server = await startRedisServer();
}, 20_000);
afterAll(() => server?.stop());

/** Two gateways (replicas) on one set of emulators and one Redis. */
async function twoReplicas(env: Record<string, string> = {}, second: Record<string, string> = {}): Promise<[Harness, Harness]> {
  const shared = { REDIS_URL: server.url, REDIS_KEY_PREFIX: freshPrefix(), ...env };
  const a = await startHarness({ env: shared });
  const b = await startHarness({ emulatorSet: a.emulators, env: { ...shared, ...second } });
  return [a, b];
}

describe('Redis: replicas share one cache and one budget', redisCheck.suite, () => {
  it('the second replica answers the same operation with no upstream call', async () => {
    const [a, b] = await twoReplicas();
    try {
      a.resetLogs();
      const first = await a.query(HOME_PAGE);
      expect(first.errors).toBeUndefined();
      expect(a.upstreamCalls().total).toBeGreaterThan(0);
      a.resetLogs();
      const second = await b.query(HOME_PAGE);
      expect(second).toEqual(first);
      expect(a.upstreamCalls().total).toBe(0);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('entries stay per credential in Redis too', async () => {
    const [a, b] = await twoReplicas({}, { ROUNDWARE_API_TOKEN: ROUNDWARE_DOCS_TOKEN });
    try {
      await clientSessions(a, 1);
      a.resetLogs();
      await clientSessions(b, 1);
      expect(roundwareGets(a)).toBe(1);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('quota counters are shared: the budget spent on one replica is spent for both', async () => {
    const [a, b] = await twoReplicas({ ROUNDWARE_QUOTA_PER_DAY: '3', QUOTA_RESERVE_PERCENT: '0' });
    try {
      a.resetLogs();
      expect((await clientSessions(a, 1)).errors).toBeUndefined();
      expect((await clientSessions(b, 2)).errors).toBeUndefined();
      expect((await clientSessions(a, 3)).errors).toBeUndefined();
      const refused = await clientSessions(b, 4);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', provider: 'roundware' });
      expect(roundwareGets(a)).toBe(3);
      for (const replica of [a, b]) {
        const day = (await replica.gateway.quotaSnapshot()).find((r) => r.provider === 'roundware' && r.window === 'day');
        expect(day).toMatchObject({ used: 3, remaining: 0 });
      }
    } finally {
      await b.close();
      await a.close();
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
      await b.close();
      await a.close();
    }
  });

  it('a write drops the cached reads it changes (deletePrefix over SCAN)', async () => {
    const redis = new Redis(server.url);
    try {
      await invalidationAfterWrite(new RedisResponseCache({ redis, keyPrefix: freshPrefix() }));
    } finally {
      await redis.quit();
    }
  });

  it('stale entries survive a JSON round trip: a Redis-backed gateway serves Planstone and Guidebook data intact', async () => {
    const [a, b] = await twoReplicas();
    try {
      const viaMemory = await startHarness({ emulatorSet: a.emulators, env: { ROUNDWARE_API_TOKEN: ROUNDWARE_DEMO_TOKEN } });
      try {
        await a.query(HOME_PAGE);
        expect(await b.query(HOME_PAGE)).toEqual(await viaMemory.query(HOME_PAGE));
      } finally {
        await viaMemory.close();
      }
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('Redis going away', redisCheck.suite, () => {
  it('fails no request, is said once in the log with no password, and is counted in the metrics', async () => {
    const own = await startRedisServer();
    const { destination: logDestination, lines } = captureLogLines();
    const url = own.url.replace('redis://', 'redis://:not-a-real-password@');
    await own.stop();
    const gateway = await startHarness({ env: { REDIS_URL: url, LOG_LEVEL: 'warn' }, gatewayOptions: { logDestination } });
    try {
      for (const projectId of [1, 2, 3]) expect((await clientSessions(gateway, projectId)).errors).toBeUndefined();
      const warnings = lines.filter((line) => line.store === 'redis');
      expect(warnings).toHaveLength(1);
      expect(JSON.stringify(lines)).not.toContain('not-a-real-password');
      const { text } = await getPath(gateway.url, '/metrics');
      expect(sample(text, 'gateway_shared_store_errors_total', { store: 'redis' })).toBeGreaterThanOrEqual(3);
    } finally {
      await gateway.close();
    }
  });

  it('leaves the budget where Redis last had it: a replica cut off spends what was left, not a new budget', async () => {
    let own = await startRedisServer();
    const gateway = await startHarness({ env: { REDIS_URL: own.url, ROUNDWARE_QUOTA_PER_DAY: '5', QUOTA_RESERVE_PERCENT: '0', QUOTA_PACING: 'false' } });
    try {
      for (const projectId of [1, 2, 3]) expect((await clientSessions(gateway, projectId)).errors).toBeUndefined();
      await own.stop();
      gateway.resetLogs();
      const answers = [];
      for (const projectId of [4, 5, 6, 7]) answers.push(await clientSessions(gateway, projectId));
      expect(answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'ok')).toStrictEqual(['ok', 'ok', 'UPSTREAM_RATE_LIMITED', 'UPSTREAM_RATE_LIMITED']);
      expect(roundwareGets(gateway)).toBe(2);
      const { text } = await getPath(gateway.url, '/metrics');
      expect(sample(text, 'gateway_upstream_quota_used', { provider: 'roundware', window: 'day' })).toBe(5);
      expect(sample(text, 'gateway_upstream_quota_estimated', { provider: 'roundware', window: 'day' })).toBe(1);
      // Back (restarted empty, so the day's count there is what this replica adds): the
      // estimate that had reached the limit gives way to the shared count again.
      own = await startRedisServer({ port: own.port });
      let code = 'UPSTREAM_RATE_LIMITED';
      for (let attempt = 0; attempt < 50 && code === 'UPSTREAM_RATE_LIMITED'; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        code = String((await clientSessions(gateway, 8 + attempt)).errors?.[0]?.extensions?.code ?? 'ok');
      }
      expect(code).toBe('ok');
    } finally {
      await gateway.close();
      await own.stop();
    }
  });

  it('is used again once it is back', async () => {
    let own = await startRedisServer();
    const gateway = await startHarness({ env: { REDIS_URL: own.url } });
    try {
      expect((await clientSessions(gateway, 1)).errors).toBeUndefined();
      await own.stop();
      expect((await clientSessions(gateway, 2)).errors).toBeUndefined();
      own = await startRedisServer({ port: own.port });
      // The restarted server is empty: keys appear once the gateway reconnected and writes again.
      const redis = new Redis(own.url);
      try {
        let keys = 0;
        for (let attempt = 0; attempt < 50 && keys === 0; attempt += 1) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          expect((await clientSessions(gateway, 3 + attempt)).errors).toBeUndefined();
          keys = await redis.dbsize();
        }
        expect(keys).toBeGreaterThan(0);
      } finally {
        await redis.quit();
      }
    } finally {
      await gateway.close();
      await own.stop();
    }
  }, 20_000);
});
