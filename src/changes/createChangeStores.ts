import type { ChangeLog } from './changeLog.js';
import type { DetectionStore } from './detectionStore.js';
import { MemoryChangeLog, type ChangeLogRetention } from './memoryChangeLog.js';
import { MemoryDetectionStore } from './memoryDetectionStore.js';

export interface ChangeStoresOptions {
  retention: ChangeLogRetention;
  /** `redis://…`: the log is a Redis Stream and detection's state and lease live beside it. */
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
  const changeLog = new MemoryChangeLog(options.retention);
  return { changeLog, detection: new MemoryDetectionStore(changeLog), kind: 'memory', close: () => changeLog.close() };
}
