import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RedisResponseCache, type RedisResponseCacheOptions } from '../../src/upstream/index.js';
import { redisAvailability, startRedisServer, type RedisServer } from '../support/redisServer.js';

// Each replica's local copy of the Redis cache: kept parsed while Redis confirms it, by
// its write stamp, and dropped when another replica changed, deleted or outlived it.
// A real redis-server on a free loopback port; skipped loudly without one (not in CI).

const redisCheck = redisAvailability();
let server: RedisServer;
let redis: Redis;
let prefixCount = 0;

beforeAll(async () => {
  if (!redisCheck.available) return;
  server = await startRedisServer();
  redis = new Redis(server.url);
}, 20_000);
afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

const CONFIRM_MS = 40;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two replicas' caches over one fresh key space of the one Redis. */
function twoReplicas(options: Partial<RedisResponseCacheOptions> = {}): [RedisResponseCache, RedisResponseCache, string] {
  const keyPrefix = `local-${process.pid}-${++prefixCount}:`;
  const make = () => new RedisResponseCache({ redis, keyPrefix, confirmEveryMs: CONFIRM_MS, ...options });
  return [make(), make(), keyPrefix];
}

/** Redis's count of script runs since the last reset. */
async function scriptRuns(): Promise<number> {
  const stats = await redis.info('commandstats');
  return Number(/cmdstat_eval:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

const page = (n: number) => ({ results: Array.from({ length: 20 }, (_, i) => ({ id: n * 100 + i, name: `Session ${i}` })) });

describe('Redis cache: each replica keeps a confirmed local copy', redisCheck.suite, () => {
  it('an unchanged entry stays the same parsed object after each confirmation', async () => {
    const [writer, reader] = twoReplicas();
    await writer.set('k', page(1), 60_000);
    const first = await reader.get('k');
    expect(first).toEqual(page(1));
    await pause(CONFIRM_MS * 2);
    await redis.config('RESETSTAT');
    const confirmed = await reader.get('k');
    expect(confirmed).toBe(first);
    expect(await scriptRuns()).toBe(1);
  });

  it("another replica's write is seen once the copy is due for confirmation", async () => {
    const [writer, reader] = twoReplicas();
    await writer.set('k', page(1), 60_000);
    expect(await reader.get('k')).toEqual(page(1));
    await writer.set('k', page(2), 60_000);
    await pause(CONFIRM_MS * 2);
    expect(await reader.get('k')).toEqual(page(2));
  });

  it("another replica's deletion is seen, and the copy is not served past its Redis expiry", async () => {
    const [writer, reader] = twoReplicas({ confirmEveryMs: 10_000 });
    await writer.set('short', page(1), 400);
    expect(await reader.get('short')).toEqual(page(1));
    await pause(500);
    expect(await reader.get('short')).toBeUndefined();

    const [deleter, holder] = twoReplicas();
    await deleter.set('sessions?page=1', page(1), 60_000);
    expect(await holder.get('sessions?page=1')).toEqual(page(1));
    await deleter.deletePrefix('sessions');
    await pause(CONFIRM_MS * 2);
    expect(await holder.get('sessions?page=1')).toBeUndefined();
  });

  it('concurrent reads of one key share one round trip and one parse', async () => {
    const [writer, reader] = twoReplicas();
    await writer.set('k', page(3), 60_000);
    await redis.config('RESETSTAT');
    const values = await Promise.all(Array.from({ length: 10 }, () => reader.get('k')));
    expect(await scriptRuns()).toBe(1);
    for (const value of values) expect(value).toBe(values[0]);
    expect(values[0]).toEqual(page(3));
  });

  it('a read that began before a write does not replace the written value', async () => {
    const [writer, reader] = twoReplicas();
    await writer.set('k', page(1), 60_000);
    const older = reader.get('k');
    await reader.set('k', page(2), 60_000);
    expect(await older).toEqual(page(1));
    expect(await reader.get('k')).toEqual(page(2));
  });

  it('entries heavier than the local budget are read from Redis each time', async () => {
    const [writer, reader] = twoReplicas({ localMaxSize: 200 });
    await writer.set('light', { id: 1 }, 60_000);
    await writer.set('heavy', page(1), 60_000);
    expect(await reader.get('light')).toBe(await reader.get('light'));
    const heavy = await reader.get('heavy');
    expect(heavy).toEqual(page(1));
    expect(await reader.get('heavy')).not.toBe(heavy);
  });

  it('while Redis is away, a copy within its TTL is still served; nothing else is', async () => {
    const own = await startRedisServer();
    const client = new Redis(own.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    await new Promise((resolve) => client.once('ready', resolve));
    const errors: unknown[] = [];
    const replica = new RedisResponseCache({ redis: client, keyPrefix: 'away:', confirmEveryMs: CONFIRM_MS, onError: (error) => errors.push(error) });
    try {
      await replica.set('held', page(5), 60_000);
      await client.set('away:other', JSON.stringify(page(6)), 'PX', 60_000);
      const held = await replica.get('held');
      await own.stop();
      await pause(CONFIRM_MS * 2);
      expect(await replica.get('held')).toBe(held);
      expect(await replica.get('other')).toBeUndefined();
      expect(errors.length).toBeGreaterThanOrEqual(2);
    } finally {
      client.disconnect();
      await own.stop();
    }
  });

  it('values written without a stamp (by an older build) are still read', async () => {
    const [, reader, keyPrefix] = twoReplicas();
    await redis.set(`${keyPrefix}old`, JSON.stringify(page(4)), 'PX', 60_000);
    expect(await reader.get('old')).toEqual(page(4));
    await pause(CONFIRM_MS * 2);
    expect(await reader.get('old')).toEqual(page(4));
  });
});
