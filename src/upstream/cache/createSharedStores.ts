import type { Redis } from 'ioredis';

import { MemoryQuotaCounter } from '../quota/memoryQuotaCounter.js';
import type { QuotaCounter } from '../quota/quotaCounter.js';
import { RedisQuotaCounter } from '../quota/redisQuotaCounter.js';
import { MemoryResponseCache, type ResponseCache } from '../responseCache.js';
import { RedisResponseCache } from './redisResponseCache.js';

export interface SharedStoresOptions {
  /** `redis://…`; without it everything stays in process memory. */
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

/** Resolves once `redis` is ready, or after `timeoutMs` whatever its state. */
function connected(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}

/** Where the gateway keeps what replicas should share: the response cache and the quota counters. */
export interface SharedStores {
  cache: ResponseCache;
  quotaCounter: QuotaCounter;
  kind: 'memory' | 'redis';
  /** The Redis client everything above shares (Redis only), for the stores built beside them (the whole-response cache). */
  redis?: Redis;
  close(): Promise<void>;
}

/**
 * An in-memory LRU and in-memory quota counters by default; with `redisUrl`, both live in
 * Redis, so several replicas share one cache and one budget. Redis failures degrade to
 * misses (cache) and counting on from the last shared counts (quota, see
 * RedisQuotaCounter), never to failed requests. The Redis client is imported only when
 * `redisUrl` is set (it costs ~10 MB of memory otherwise unused).
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
  const { Redis } = await import('ioredis');
  const onError = options.onError ?? (() => undefined);
  const prefix = options.redisKeyPrefix ?? 'sessions-gateway:';
  const redis = new Redis(options.redisUrl, {
    // Fail fast: a cache that waits on a dead Redis is slower than no cache. Without the
    // offline queue a command issued while the connection is down fails at once instead
    // of waiting for a reconnection (which made every operation take seconds).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  redis.on('error', onError);
  // So that the first requests find it connected; a Redis not up by then is reported and
  // reconnected to in the background while the gateway serves without it.
  await connected(redis, CONNECT_TIMEOUT_MS);
  const quotaCounter = new RedisQuotaCounter({ redis, keyPrefix: `${prefix}quota:`, onError });
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
