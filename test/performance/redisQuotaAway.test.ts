import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { QuotaWindow } from '../../src/upstream/quota/quotaCounter.js';
import { RedisQuotaCounter } from '../../src/upstream/quota/redisQuotaCounter.js';
import { redisAvailability, startRedisServer, type RedisServer } from '../support/redisServer.js';

// Quota counters while Redis is away: a real redis-server, and clients cut off from it
// (`disconnect`, as a network partition does: the data stays) and reconnected.

const redisCheck = redisAvailability();
let server: RedisServer;
let prefixCount = 0;
const freshPrefix = () => `test-${process.pid}-${++prefixCount}:`;
const DAY: QuotaWindow = { key: 'd:2026-12-02', limit: 10, ttlMs: 60_000 };

beforeAll(async () => {
  if (redisCheck.available) server = await startRedisServer();
}, 20_000);
afterAll(() => server?.stop());

/** A client set up as the gateway's (createSharedStores): no offline queue, so a cut-off command fails at once. */
function client(): Redis {
  const redis = new Redis(server.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  return redis;
}

async function replica(prefix: string): Promise<{ redis: Redis; counter: RedisQuotaCounter; errors: unknown[] }> {
  const redis = client();
  await redis.connect();
  const errors: unknown[] = [];
  return { redis, counter: new RedisQuotaCounter({ redis, keyPrefix: prefix, onError: (error) => errors.push(error) }), errors };
}

/** Cuts the connection, as a partition would; commands then fail at once. */
async function cutOff(redis: Redis): Promise<void> {
  const ended = once(redis, 'end');
  redis.disconnect();
  await ended;
}

async function takes(counter: RedisQuotaCounter, times: number): Promise<boolean[]> {
  const allowed: boolean[] = [];
  for (let i = 0; i < times; i += 1) allowed.push((await counter.take('guidebook:abc', [DAY])).allowed);
  return allowed;
}

async function sharedCount(prefix: string): Promise<number> {
  const reader = new Redis(server.url);
  try {
    // Every counter key carries the hash tag {quota} (one slot on a Redis Cluster).
    return Number(await reader.get(`${prefix}{quota}:guidebook:abc:${DAY.key}`));
  } finally {
    await reader.quit();
  }
}

describe('Quota counters while Redis is away', redisCheck.suite, () => {
  it('go on from the count Redis last gave, not from zero, and add the calls made meanwhile once it is back', async () => {
    const prefix = freshPrefix();
    const { redis, counter, errors } = await replica(prefix);
    try {
      expect(await takes(counter, 7)).toStrictEqual(Array(7).fill(true));
      expect(counter.status()).toStrictEqual({ replicas: 1, estimated: false });
      await cutOff(redis);
      // 3 calls were left of 10: the fourth would overspend.
      expect(await takes(counter, 4)).toStrictEqual([true, true, true, false]);
      expect(errors.length).toBeGreaterThan(0);
      expect(await counter.read('guidebook:abc', [DAY])).toStrictEqual([10]);
      expect(counter.status()).toStrictEqual({ replicas: 1, estimated: true });
      await redis.connect();
      expect(await takes(counter, 1)).toStrictEqual([false]);
      expect(counter.status().estimated).toBe(false);
      expect(await sharedCount(prefix)).toBe(10);
    } finally {
      counter.close();
      redis.disconnect();
    }
  });

  it('let replicas cut off together spend only what was left between them, not a budget each', async () => {
    const prefix = freshPrefix();
    const a = await replica(prefix);
    const b = await replica(prefix);
    try {
      await takes(a.counter, 3);
      await takes(b.counter, 3);
      // Both have seen the count (6) and each other.
      await a.counter.read('guidebook:abc', [DAY]);
      expect(b.counter.status().replicas).toBe(2);
      expect((await a.counter.take('guidebook:abc', [{ ...DAY, key: 'd:other' }])).allowed).toBe(true);
      expect(a.counter.status().replicas).toBe(2);
      expect(await b.counter.read('guidebook:abc', [DAY])).toStrictEqual([6]);
      await cutOff(a.redis);
      await cutOff(b.redis);
      // 4 left, 2 replicas: 2 each.
      expect(await takes(a.counter, 3)).toStrictEqual([true, true, false]);
      expect(a.counter.status()).toStrictEqual({ replicas: 2, estimated: true });
      expect(await takes(b.counter, 3)).toStrictEqual([true, true, false]);
      await a.redis.connect();
      await b.redis.connect();
      // Each adds its calls on its first command back (here a read, as a metrics scrape does).
      await a.counter.read('guidebook:abc', [DAY]);
      await b.counter.read('guidebook:abc', [DAY]);
      expect(await takes(a.counter, 1)).toStrictEqual([false]);
      expect(await takes(b.counter, 1)).toStrictEqual([false]);
      expect(await sharedCount(prefix)).toBe(10);
    } finally {
      for (const { counter, redis } of [a, b]) {
        counter.close();
        redis.disconnect();
      }
    }
  });

  it('keep the calls made while away when adding them fails, and add them once', async () => {
    const prefix = freshPrefix();
    const { redis, counter } = await replica(prefix);
    try {
      await takes(counter, 2);
      await cutOff(redis);
      await takes(counter, 2);
      // Still away: the next take fails to add them and counts locally again.
      expect(await takes(counter, 1)).toStrictEqual([true]);
      await redis.connect();
      await Promise.all([counter.take('guidebook:abc', [DAY]), counter.read('guidebook:abc', [DAY])]);
      expect(await sharedCount(prefix)).toBe(6);
    } finally {
      counter.close();
      redis.disconnect();
    }
  });
});
