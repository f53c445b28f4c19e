import { MemoryQuotaCounter } from '../quota/memoryQuotaCounter.js';
import type { QuotaCounter } from '../quota/quotaCounter.js';
import { RedisQuotaCounter } from '../quota/redisQuotaCounter.js';
import { createRedisClient, readyOrTimeout, type RedisClient } from '../redis/index.js';
import { MemoryResponseCache, type ResponseCache } from '../responseCache.js';
import { RedisResponseCache } from './redisResponseCache.js';

export interface SharedStoresOptions {
  /** `REDIS_URL`: `redis://…` (one server) or `redis+cluster://…` (a Redis Cluster); without it everything stays in process memory. */
  redisUrl?: string;
  /** Prefix of every Redis key of this deployment. */
  redisKeyPrefix?: string;
  /** Entries of the in-memory LRU (with Redis: of each replica's local copy of it). */
  maxEntries?: number;
  /** Total weight of the in-memory LRU or local copy (characters of the cached answers' JSON). */
  maxSize?: number;
  /** Told about Redis failures (which never fail a request). */
  onError?: (error: unknown) => void;
}

const CONNECT_TIMEOUT_MS = 2_000;

/** Where the gateway keeps what replicas should share: the response cache and the quota counters. */
export interface SharedStores {
  cache: ResponseCache;
  quotaCounter: QuotaCounter;
  kind: 'memory' | 'redis';
  /** The Redis (server or cluster) client the stores use (and the whole-response cache beside them); `close()` quits it. */
  redis?: RedisClient;
  close(): Promise<void>;
}

/**
 * An in-memory LRU and in-memory quota counters by default; with `redisUrl`, both live in
 * Redis, so several replicas share one cache and one budget. Redis failures degrade to
 * misses (cache) and counting on from the last shared counts (quota, see
 * RedisQuotaCounter), never to failed requests. The Redis client (createRedisClient) is
 * imported only when `redisUrl` is set (it costs ~10 MB of memory otherwise unused); it may
 * name a Redis Cluster, where the quota counters share a hash tag and the cache's entries
 * spread over the masters.
 */
export async function createSharedStores(options: SharedStoresOptions): Promise<SharedStores> {
  if (!options.redisUrl) {
    return {
      cache: new MemoryResponseCache({ maxEntries: options.maxEntries, maxSize: options.maxSize }),
      quotaCounter: new MemoryQuotaCounter(),
      kind: 'memory',
      close: async () => undefined,
    };
  }
  const onError = options.onError ?? (() => undefined);
  const prefix = options.redisKeyPrefix ?? 'sessions-gateway:';
  const redis = await createRedisClient(options.redisUrl, { connectTimeoutMs: CONNECT_TIMEOUT_MS, commandTimeoutMs: 1_000 });
  redis.on('error', onError);
  // So that the first requests find it connected; a Redis not up by then is reported and
  // reconnected to in the background while the gateway serves without it.
  await readyOrTimeout(redis, CONNECT_TIMEOUT_MS);
  const quotaCounter = new RedisQuotaCounter({ redis, keyPrefix: prefix, onError });
  return {
    cache: new RedisResponseCache({ redis, keyPrefix: `${prefix}cache:`, onError, localMaxEntries: options.maxEntries, localMaxSize: options.maxSize }),
    quotaCounter,
    kind: 'redis',
    redis,
    async close() {
      quotaCounter.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
