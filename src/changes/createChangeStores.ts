import { randomUUID } from 'node:crypto';

import { createRedisClient, readyOrTimeout } from '../upstream/redis/index.js';
import { clientSessionChangeCodec, personalizedScheduleChangeCodec } from './changeKindCodecs.js';
import type { ChangeLog } from './changeLog.js';
import type { DetectionStore } from './detectionStore.js';
import type { ChangeKindStores } from './kindPollScopes.js';
import { MemoryChangeLog, type ChangeLogRetention } from './memoryChangeLog.js';
import { MemoryDetectionStore } from './memoryDetectionStore.js';
import { MemoryKindStore } from './memoryKindStore.js';
import { changeKeys, RedisChangeLog } from './redisChangeLog.js';
import { RedisDetectionStore } from './redisDetectionStore.js';
import { kindChangeKeys, RedisKindStore } from './redisKindStore.js';

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
  /** The logs and state of personalized schedules' and client sessions' changes (a stream each, same retention and lease). */
  kinds: ChangeKindStores;
  kind: 'memory' | 'redis';
  close(): Promise<void>;
}

/** Builds the change log and detection store a gateway uses (see ChangeStores). */
export async function createChangeStores(options: ChangeStoresOptions): Promise<ChangeStores> {
  if (options.changeLog) {
    const changeLog = options.changeLog;
    const kinds = memoryKinds(options.retention);
    return { changeLog, detection: new MemoryDetectionStore(changeLog), kinds, kind: 'memory', close: () => closeKinds(kinds) };
  }
  if (!options.redisUrl) {
    const changeLog = new MemoryChangeLog(options.retention);
    const kinds = memoryKinds(options.retention);
    return {
      changeLog,
      detection: new MemoryDetectionStore(changeLog),
      kinds,
      kind: 'memory',
      close: async () => {
        await Promise.all([changeLog.close(), closeKinds(kinds)]);
      },
    };
  }
  // Its own connection: a detection commit (a first snapshot of thousands of sessions) may
  // take longer than the cache's fail-fast timeout allows.
  const redis = await createRedisClient(options.redisUrl, { commandTimeoutMs: 10_000 });
  const onError = options.onError ?? (() => undefined);
  redis.on('error', onError);
  await readyOrTimeout(redis, 2_000);
  const prefix = options.redisKeyPrefix ?? 'sessions-gateway:';
  const keys = changeKeys(prefix);
  const changeLog = new RedisChangeLog({ redis, keys, retention: options.retention, onError });
  // One lease id for the sessions' and the further kinds' commits: one poller, one lease.
  const owner = randomUUID();
  const { retention } = options;
  const kinds: ChangeKindStores = {
    personalizedSchedules: new RedisKindStore({
      redis,
      keys: kindChangeKeys(prefix, 'personalized-schedules'),
      retention,
      codec: personalizedScheduleChangeCodec,
      owner,
      onError,
    }),
    clientSessions: new RedisKindStore({ redis, keys: kindChangeKeys(prefix, 'client-sessions'), retention, codec: clientSessionChangeCodec, owner, onError }),
  };
  return {
    changeLog,
    detection: new RedisDetectionStore({ redis, keys, log: changeLog, leaseTtlMs: options.leaseTtlMs, owner }),
    kinds,
    kind: 'redis',
    async close() {
      await Promise.all([changeLog.close(), closeKinds(kinds)]);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function memoryKinds(retention: ChangeLogRetention): ChangeKindStores {
  return { personalizedSchedules: new MemoryKindStore(retention), clientSessions: new MemoryKindStore(retention) };
}

async function closeKinds(kinds: ChangeKindStores): Promise<void> {
  await Promise.all([kinds.personalizedSchedules.close(), kinds.clientSessions.close()]);
}
