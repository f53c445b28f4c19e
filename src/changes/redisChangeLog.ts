import { ChangeLogUnavailableError, SyncTokenExpiredError, UserInputError } from '../errors/index.js';
import type { SessionChangeRecord } from '../models/sessionChange.js';
import { blockingDuplicate, type RedisClient } from '../upstream/redis/index.js';
import { compareTokens, isToken, type ChangeLog, type ChangeLogPage, type ChangeRecordBase, type LoggedChange } from './changeLog.js';
import { decodeChangeRecord, encodeChangeRecord } from './changeRecordJson.js';
import { followPages } from './followPages.js';
import type { ChangeLogRetention } from './memoryChangeLog.js';
import { signal } from './signal.js';

/**
 * The change log's RedisClient keys. They share the hash tag `{changes}`, so one script may touch
 * them all on a RedisClient Cluster too (they live in one slot).
 */
export interface ChangeKeys {
  /** The RedisClient Stream of events (field `e`: the record's JSON); its ids are the sync tokens. */
  stream: string;
  /** The log's first position: tokens before it are from a log that is gone (an emptied RedisClient). */
  epoch: string;
  /** The id of the last event retention removed: tokens before it are expired. */
  trimmed: string;
  /** The poller lease: the holder's id, with an expiry. */
  lease: string;
  /** Change detection's bookkeeping per scope (hash: scope → JSON). */
  meta: string;
  /** When each provider may be polled again (hash: provider → ms since the epoch; ChangePoller's quota pacing). */
  pacing: string;
  /** Each scope's generation (hash: scope → commits that changed it; see ScopeState.gen). */
  gen: string;
  /** Change detection's snapshot of one scope (hash: session global ID → JSON). */
  snapshot(scope: string): string;
}

/** The keys under `prefix` (REDIS_KEY_PREFIX). */
export function changeKeys(prefix: string): ChangeKeys {
  const base = `${prefix}{changes}:`;
  return {
    stream: `${base}stream`,
    epoch: `${base}epoch`,
    trimmed: `${base}trimmed`,
    lease: `${base}lease`,
    meta: `${base}meta`,
    gen: `${base}gen`,
    pacing: `${base}pacing`,
    snapshot: (scope) => `${base}snapshot:${scope}`,
  };
}

// The epoch is set once, to the millisecond before the first time the log was used: every
// id XADD generates afterwards is greater.
const ENSURE_EPOCH = `
local epoch = redis.call('GET', KEYS[2])
if not epoch then
  local t = redis.call('TIME')
  epoch = (tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - 1) .. '-0'
  redis.call('SET', KEYS[2], epoch)
end
`;

/**
 * Appends events and applies a scope's snapshot changes in one step (all or nothing), then
 * applies the retention. KEYS: stream, epoch, lease, snapshot, meta, trimmed, gen. ARGV: owner
 * ('' = no lease check), max length, max age (ms), scope, meta JSON ('' = none), expected
 * generation ('' = no check), then n and n events, u and u (id, JSON) pairs, d and d ids.
 * Replies with the new events' ids, or the error LEASE_LOST (nothing written) when the lease
 * is not the owner's, or CONFLICT (nothing written) when the scope's generation is not the
 * one expected (another commit came between its read and this one). A commit with a scope
 * moves its generation on.
 *
 * Retention trims exactly (`XTRIM MINID` at the first event kept) and remembers the last id
 * it removed, because that is what decides whether a token expired: RedisClient's approximate
 * `MAXLEN ~` cuts where it likes and does not say where (`max-deleted-entry-id` counts XDEL
 * only). Trimming is O(events removed): the events each append pushes out, typically.
 */
export const COMMIT_SCRIPT = `
if ARGV[1] ~= '' and redis.call('GET', KEYS[3]) ~= ARGV[1] then return redis.error_reply('LEASE_LOST') end
if ARGV[6] ~= '' and tonumber(redis.call('HGET', KEYS[7], ARGV[4]) or '0') ~= tonumber(ARGV[6]) then return redis.error_reply('CONFLICT') end
${ENSURE_EPOCH}
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local i = 7
local n = tonumber(ARGV[i]); i = i + 1
local ids = {}
for k = 1, n do
  ids[k] = redis.call('XADD', KEYS[1], '*', 'e', ARGV[i]); i = i + 1
end
if n > 0 then
  local cut = nil
  local excess = redis.call('XLEN', KEYS[1]) - tonumber(ARGV[2])
  if excess > 0 then
    local dropped = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', excess)
    cut = dropped[#dropped][1]
  end
  local old = redis.call('XREVRANGE', KEYS[1], '(' .. (nowMs - tonumber(ARGV[3])) .. '-0', '-', 'COUNT', 1)
  if #old > 0 then
    local oldMs, oldSeq = string.match(old[1][1], '(%d+)-(%d+)')
    local cutMs, cutSeq = 0, 0
    if cut then cutMs, cutSeq = string.match(cut, '(%d+)-(%d+)') end
    if not cut or tonumber(oldMs) > tonumber(cutMs) or (tonumber(oldMs) == tonumber(cutMs) and tonumber(oldSeq) > tonumber(cutSeq)) then cut = old[1][1] end
  end
  if cut then
    local ms, seq = string.match(cut, '(%d+)-(%d+)')
    redis.call('XTRIM', KEYS[1], 'MINID', ms .. '-' .. (tonumber(seq) + 1))
    redis.call('SET', KEYS[6], cut)
  end
end
local u = tonumber(ARGV[i]); i = i + 1
for k = 1, u do redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1]); i = i + 2 end
local d = tonumber(ARGV[i]); i = i + 1
for k = 1, d do redis.call('HDEL', KEYS[4], ARGV[i]); i = i + 1 end
if ARGV[5] ~= '' then redis.call('HSET', KEYS[5], ARGV[4], ARGV[5]) end
if ARGV[4] ~= '' then redis.call('HINCRBY', KEYS[7], ARGV[4], 1) end
return ids
`;

/** KEYS: stream, epoch, trimmed. ARGV: since ('' = none), count. Replies {epoch, last id, last trimmed id, entries}. */
const READ_SCRIPT = `
${ENSURE_EPOCH}
local last = '0-0'
if redis.call('EXISTS', KEYS[1]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[1])
  for j = 1, #info, 2 do
    if info[j] == 'last-generated-id' then last = info[j + 1] end
  end
end
local trimmed = redis.call('GET', KEYS[3]) or '0-0'
local entries = {}
if ARGV[1] ~= '' then entries = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', ARGV[2]) end
return {epoch, last, trimmed, entries}
`;

type StreamEntry = [id: string, fields: string[]];

/** What a commit writes beside the events (change detection's state of one scope). */
export interface CommitState {
  /** The lease holder's id: the commit is refused (null) unless it still holds the lease. '': no lease (a refresh's commit). */
  owner: string;
  scope: string;
  /** JSON of the scope's bookkeeping; '': left as it is (a refresh's commit). */
  meta: string;
  /** The scope's generation the diff was made against: the commit is refused (`'conflict'`) if it moved. */
  expectedGen?: number;
  /** Snapshot entries to set: [global ID, JSON]. */
  upserts: Array<[string, string]>;
  deletes: string[];
}

/** How a log's records are written into a stream entry and read back (dates revived). */
export interface ChangeRecordCodec<R> {
  encode(record: R): string;
  decode(text: string): R;
}

export interface RedisChangeLogOptions<R extends ChangeRecordBase = SessionChangeRecord> {
  redis: RedisClient;
  /** The records' JSON form (default: session changes', changeRecordJson.ts). */
  codec?: ChangeRecordCodec<R>;
  keys: ChangeKeys;
  retention: ChangeLogRetention;
  /** Told about failures of the background tail (XREAD BLOCK) that wakes followers. */
  onError?: (error: unknown) => void;
}

/**
 * The change log as a RedisClient Stream (`REDIS_URL`), shared by every replica: `XADD`, then
 * `XTRIM MINID` keeps it within the retention by length and age (COMMIT_SCRIPT), `XRANGE`
 * reads it, and one `XREAD BLOCK` per process (on its own connection) wakes that process's
 * followers when any replica appends. A token is expired when retention removed an event
 * after it, when it is before the log's epoch, or after the log's last id (a log that was
 * emptied and began again).
 */
export class RedisChangeLog<R extends ChangeRecordBase = SessionChangeRecord> implements ChangeLog<R> {
  readonly #redis: RedisClient;
  readonly #codec: ChangeRecordCodec<R>;
  readonly #keys: ChangeKeys;
  readonly #retention: ChangeLogRetention;
  readonly #onError: (error: unknown) => void;
  #appended = signal();
  #tail: RedisClient | undefined;
  #followers = 0;
  #closed = false;

  constructor(options: RedisChangeLogOptions<R>) {
    this.#redis = options.redis;
    this.#codec = options.codec ?? ({ encode: encodeChangeRecord, decode: decodeChangeRecord } as unknown as ChangeRecordCodec<R>);
    this.#keys = options.keys;
    this.#retention = options.retention;
    this.#onError = options.onError ?? (() => undefined);
  }

  append(records: readonly R[]): Promise<Array<LoggedChange<R>>> {
    return this.commit(records, undefined) as Promise<Array<LoggedChange<R>>>;
  }

  /**
   * Appends `records` and, with `state`, applies change detection's snapshot changes in the
   * same script: both or neither. Resolves with the events as recorded, or null when `state`'s
   * owner no longer holds the lease, or `'conflict'` when the scope's generation is not
   * `state.expectedGen` (nothing written either way).
   */
  async commit(records: readonly R[], state: CommitState | undefined): Promise<Array<LoggedChange<R>> | null | 'conflict'> {
    const keys = this.#keys;
    const args = [
      state?.owner ?? '',
      String(this.#retention.maxLength),
      String(this.#retention.maxAgeMs),
      state?.scope ?? '',
      state?.meta ?? '',
      state?.expectedGen === undefined ? '' : String(state.expectedGen),
      String(records.length),
      ...records.map((record) => this.#codec.encode(record)),
      String(state?.upserts.length ?? 0),
      ...(state?.upserts.flat() ?? []),
      String(state?.deletes.length ?? 0),
      ...(state?.deletes ?? []),
    ];
    let ids: string[];
    try {
      ids = (await this.#redis.eval(
        COMMIT_SCRIPT,
        7,
        keys.stream,
        keys.epoch,
        keys.lease,
        keys.snapshot(state?.scope ?? ''),
        keys.meta,
        keys.trimmed,
        keys.gen,
        ...args,
      )) as string[];
    } catch (error) {
      if (error instanceof Error && error.message.includes('LEASE_LOST')) return null;
      if (error instanceof Error && error.message.includes('CONFLICT')) return 'conflict';
      throw error;
    }
    return records.map((record, index) => ({ ...record, token: ids[index]! }));
  }

  async read(since: string | undefined, limit: number): Promise<ChangeLogPage<LoggedChange<R>>> {
    if (since !== undefined && !isToken(since)) {
      throw new UserInputError('`since` is not a sync token: pass the `token` of an earlier answer, or omit it.', 'since');
    }
    const keys = this.#keys;
    let reply: [string, string, string, StreamEntry[]];
    try {
      reply = (await this.#redis.eval(READ_SCRIPT, 3, keys.stream, keys.epoch, keys.trimmed, since ?? '', String(limit + 1))) as typeof reply;
    } catch (error) {
      // Redis away or too slow: a coded error that names no host (regression: it was INTERNAL_SERVER_ERROR).
      throw new ChangeLogUnavailableError(error);
    }
    const [epoch, last, trimmed, entries] = reply;
    const head = compareTokens(last, epoch) > 0 ? last : epoch;
    if (since === undefined) return { events: [], token: head, hasMore: false };
    if (compareTokens(since, epoch) < 0 || compareTokens(since, trimmed) < 0 || compareTokens(since, head) > 0) throw new SyncTokenExpiredError();
    const events: Array<LoggedChange<R>> = entries
      .slice(0, limit)
      .map(([id, fields]) => ({ ...this.#codec.decode(fields[fields.indexOf('e') + 1]!), token: id }));
    return { events, token: events.at(-1)?.token ?? since, hasMore: entries.length > limit };
  }

  async *follow(since: string | undefined, stop: AbortSignal): AsyncIterable<LoggedChange<R>> {
    const cursor = since ?? (await this.read(undefined, 1)).token;
    await this.read(cursor, 1); // an expired or malformed token rejects here, before anything is yielded
    this.#followers += 1;
    this.#startTail(cursor);
    try {
      yield* followPages({ read: (from, limit) => this.read(from, limit), nextAppend: () => this.#appended.promise, closed: () => this.#closed }, cursor, stop);
    } finally {
      this.#followers -= 1;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wake();
    this.#tail?.disconnect();
    this.#tail = undefined;
  }

  /** One blocking reader per process, started with the first follower: it wakes followers when the stream grows. */
  #startTail(from: string): void {
    if (this.#tail || this.#closed) return;
    const tail = blockingDuplicate(this.#redis);
    tail.on('error', () => undefined);
    this.#tail = tail;
    void (async () => {
      let lastId = from;
      while (!this.#closed && this.#tail === tail) {
        try {
          const reply = (await tail.xread('COUNT', 100, 'BLOCK', 5_000, 'STREAMS', this.#keys.stream, lastId)) as Array<[string, StreamEntry[]]> | null;
          const entries = reply?.[0]?.[1] ?? [];
          if (entries.length > 0) {
            lastId = entries.at(-1)![0];
            this.#wake();
          }
          if (this.#followers === 0) break;
        } catch (error) {
          if (this.#closed) break;
          this.#onError(error);
          // RedisClient away: followers are woken to re-read (and fail or resume), then wait a moment.
          this.#wake();
          await new Promise((resolve) => setTimeout(resolve, 1_000).unref());
        }
      }
      if (this.#tail === tail) this.#tail = undefined;
      tail.disconnect();
    })();
  }

  #wake(): void {
    const woken = this.#appended;
    this.#appended = signal();
    woken.resolve();
  }
}
