import type { RedisClient } from '../upstream/redis/index.js';
import type { ChangeRecordBase, LoggedChange } from './changeLog.js';
import type { KindCommit, KindScopeState, KindStore } from './kindStore.js';
import type { ChangeLogRetention } from './memoryChangeLog.js';
import { changeKeys, RedisChangeLog, type ChangeKeys, type ChangeRecordCodec } from './redisChangeLog.js';

/**
 * The keys of a further kind under `prefix`: a stream of its own (with its own epoch and
 * retention mark), and the lease, bookkeeping hash and snapshots of the sessions' keys. All
 * carry the hash tag `{changes}`, so a commit's script touches one slot on a Cluster too.
 */
export function kindChangeKeys(prefix: string, kind: string): ChangeKeys {
  const base = `${prefix}{changes}:${kind}:`;
  return { ...changeKeys(prefix), stream: `${base}stream`, epoch: `${base}epoch`, trimmed: `${base}trimmed` };
}

export interface RedisKindStoreOptions<R> {
  redis: RedisClient;
  keys: ChangeKeys;
  retention: ChangeLogRetention;
  codec: ChangeRecordCodec<R>;
  /** The lease id of this process's change detection (RedisDetectionStore's): a commit is refused unless it holds the lease. */
  owner: string;
  onError?: (error: unknown) => void;
}

/**
 * A further kind's log (a Redis Stream of its own) and scope state in Redis, beside the
 * sessions': the same lease fences its commits, made by the same script (COMMIT_SCRIPT), so
 * whichever replica holds the lease continues where the last holder stopped, and a holder
 * that lost it writes nothing.
 */
export class RedisKindStore<R extends ChangeRecordBase> implements KindStore<R> {
  readonly log: RedisChangeLog<R>;
  readonly #redis: RedisClient;
  readonly #keys: ChangeKeys;
  readonly #owner: string;

  constructor(options: RedisKindStoreOptions<R>) {
    this.#redis = options.redis;
    this.#keys = options.keys;
    this.#owner = options.owner;
    this.log = new RedisChangeLog<R>({
      redis: options.redis,
      keys: options.keys,
      retention: options.retention,
      codec: options.codec,
      onError: options.onError,
    });
  }

  async load(scope: string): Promise<KindScopeState> {
    const [meta, snapshot] = await Promise.all([this.#redis.hget(this.#keys.meta, scope), this.#redis.hgetall(this.#keys.snapshot(scope))]);
    const entries = new Map(Object.entries(snapshot));
    if (meta === null) return { known: false, entries, cursor: null, sinceComplete: 0 };
    return { known: true, entries, ...(JSON.parse(meta) as Pick<KindScopeState, 'cursor' | 'sinceComplete'>) };
  }

  async commit(scope: string, { records, upserts, deletes, meta }: KindCommit<R>): Promise<Array<LoggedChange<R>> | null> {
    const events = await this.log.commit(records, { owner: this.#owner, scope, meta: JSON.stringify(meta), upserts, deletes });
    // Without an expected generation the script never answers a conflict: only the lease decides.
    if (events === 'conflict') throw new Error(`change detection: unexpected generation conflict on ${scope}`);
    return events;
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
