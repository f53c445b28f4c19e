import { createRedisClient, readyOrTimeout } from '../upstream/redis/index.js';
import type { ChangeLog } from './changeLog.js';
import type { DetectionStore } from './detectionStore.js';
import { MemoryChangeLog, type ChangeLogRetention } from './memoryChangeLog.js';
import { MemoryDetectionStore } from './memoryDetectionStore.js';
import { changeKeys, RedisChangeLog } from './redisChangeLog.js';
import { RedisDetectionStore } from './redisDetectionStore.js';

export interface ChangeStoresOptions {
  retention: ChangeLogRetention;
  /** `REDIS_URL` (one server or a cluster, see createRedisClient): the log is a Redis Stream and detection's state and lease live beside it. */
  redisUrl?: string;
  redisKeyPrefix?: string;
  /** How long the poller lease lasts unless renewed (ms). */
  leaseTtlMs: number;
  /** A log given by the caller (GatewayOptions.changeLog): used as is, never closed here. */
  changeLog?: ChangeLog;
  /** Told about Redis failures (they never fail a read of the schedule). */
  onError?: (error: unknown) => void;
}

/** The change log and change detection's store: in Redis with `redisUrl`, else in memory. */
export interface ChangeStores {
  changeLog: ChangeLog;
  detection: DetectionStore;
  kind: 'memory' | 'redis';
  close(): Promise<void>;
}

/** Builds the change log and detection store a gateway uses (see ChangeStores). */
export async function createChangeStores(options: ChangeStoresOptions): Promise<ChangeStores> {
  if (options.changeLog) {
    const changeLog = options.changeLog;
    return { changeLog, detection: new MemoryDetectionStore(changeLog), kind: 'memory', close: async () => undefined };
  }
  if (!options.redisUrl) {
    const changeLog = new MemoryChangeLog(options.retention);
    return { changeLog, detection: new MemoryDetectionStore(changeLog), kind: 'memory', close: () => changeLog.close() };
  }
  // Its own connection: a detection commit (a first snapshot of thousands of sessions) may
  // take longer than the cache's fail-fast timeout allows.
  const redis = await createRedisClient(options.redisUrl, { commandTimeoutMs: 10_000 });
  const onError = options.onError ?? (() => undefined);
  redis.on('error', onError);
  await readyOrTimeout(redis, 2_000);
  const keys = changeKeys(options.redisKeyPrefix ?? 'sessions-gateway:');
  const changeLog = new RedisChangeLog({ redis, keys, retention: options.retention, onError });
  return {
    changeLog,
    detection: new RedisDetectionStore({ redis, keys, log: changeLog, leaseTtlMs: options.leaseTtlMs }),
    kind: 'redis',
    async close() {
      await changeLog.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
