import { randomBytes } from 'node:crypto';

import { duplicateConnection, globLiteral, scanMatching, type RedisClient } from '../../upstream/redis/index.js';
import type { MemoryResponseStore } from './memoryResponseStore.js';
import type { ResponseLookup, ResponseStore } from './responseStore.js';
import { parseStored, serializeStored, type StoredResponse } from './storedResponse.js';

export interface RedisResponseStoreOptions {
  /** The gateway's ioredis client (from createSharedStores); not closed here. */
  redis: RedisClient;
  /** Prefix of every key (REDIS_KEY_PREFIX); the store adds `resp:`, `resp-dep:`, `resp-epoch`. */
  keyPrefix: string;
  /** This replica's process-local front. */
  front: MemoryResponseStore;
  /** How long an answer read from Redis is served from the front without asking again (ms). Default 1,000. */
  frontMs?: number;
  /** Told about Redis failures, which never fail a request (a failed look-up is a miss, a failed store is lost). */
  onError?: (error: unknown) => void;
  /**
   * Another replica dropped answers, or the epoch moved under us: what this replica holds
   * locally of the upstream cache must be confirmed with Redis before it is used again
   * (RedisResponseCache.reconfirmLocalCopies), so no answer is rebuilt from an older copy.
   */
  onRemoteChange?: () => void;
}

/** SADD the answer to one upstream key's set, and keep the set at least as long as the answer (one key: Cluster-safe). */
const ADD_DEPENDENT = `
redis.call('SADD', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
`;

interface InvalidationMessage {
  from: string;
  keys?: string[];
  prefixes?: string[];
}

/**
 * Whole answers shared by every replica through Redis, with a process-local front.
 *
 * Layout (under the key prefix): `resp:<key>` holds an answer (`serializeStored`, `PX` its
 * TTL); `resp-dep:<upstream key>` is the set of the answer keys built from that upstream
 * entry (kept as long as its longest answer); `resp-epoch` counts invalidations; the
 * channel `resp-invalidations` tells the other replicas what to drop from their fronts.
 * Every command touches one key, so the layout works on a Redis Cluster too.
 *
 * Why nothing stale is kept: an invalidation INCRs the epoch *before* it reads the sets
 * and unlinks their answers; a store writes the answer and adds it to the sets *before* it
 * reads the epoch again, and unlinks its answer when the epoch moved since its look-up.
 * Either the invalidation sees the new answer in a set, or the store sees the new epoch.
 * A look-up that sees the epoch move also makes this replica reconfirm its local copies of
 * upstream entries (`onRemoteChange`), so an execution after another replica's write never
 * reads the copy from before it.
 *
 * The front: an answer read or stored here is served locally for at most `frontMs`;
 * another replica's invalidation reaches it by pub/sub (at once in practice; within
 * `frontMs` should a message be lost — the front is cleared whenever the subscription
 * reconnects).
 */
export class RedisResponseStore implements ResponseStore {
  readonly kind = 'redis';
  readonly #redis: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #front: MemoryResponseStore;
  readonly #frontMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #onRemoteChange: () => void;
  readonly #answerPrefix: string;
  readonly #depPrefix: string;
  readonly #epochKey: string;
  readonly #channel: string;
  readonly #id = randomBytes(8).toString('hex');
  /** The last epoch this replica saw. */
  #epoch: number | undefined;

  constructor(options: RedisResponseStoreOptions) {
    this.#redis = options.redis;
    this.#front = options.front;
    this.#frontMs = options.frontMs ?? 1_000;
    this.#onError = options.onError ?? (() => undefined);
    this.#onRemoteChange = options.onRemoteChange ?? (() => undefined);
    this.#answerPrefix = `${options.keyPrefix}resp:`;
    this.#depPrefix = `${options.keyPrefix}resp-dep:`;
    this.#epochKey = `${options.keyPrefix}resp-epoch`;
    this.#channel = `${options.keyPrefix}resp-invalidations`;
    // A connection of its own: a subscribed connection runs no other command.
    this.#subscriber = duplicateConnection(this.#redis);
    this.#subscriber.on('error', this.#onError);
    this.#subscriber.on('message', (_channel: string, text: string) => this.#received(text));
    let subscribed: () => void = () => undefined;
    this.subscribed = new Promise((resolve) => (subscribed = resolve));
    // (Re)connected: messages may have been missed meanwhile. The client has no offline
    // queue (fail fast), so it subscribes once it is connected, and again on reconnection.
    this.#subscriber.on('ready', () => {
      this.#front.clear();
      this.#subscriber.subscribe(this.#channel).then(subscribed, this.#onError);
    });
  }

  /** Resolves once this replica hears other replicas' invalidations (never rejects; may never resolve while Redis is away). */
  readonly subscribed: Promise<void>;

  peek(key: string): StoredResponse | undefined {
    return this.#front.get(key);
  }

  async lookup(key: string): Promise<ResponseLookup> {
    const local = this.#front.get(key);
    if (local) return { hit: local, epoch: undefined };
    try {
      const [text, epochText] = await Promise.all([this.#redis.get(this.#answerPrefix + key), this.#redis.get(this.#epochKey)]);
      const epoch = Number(epochText ?? 0);
      this.#saw(epoch);
      const hit = text === null ? undefined : parseStored(text);
      if (!hit || hit.expiresAt <= Date.now()) return { hit: undefined, epoch };
      this.#front.put(key, hit, this.#frontMs);
      return { hit, epoch };
    } catch (error) {
      this.#onError(error);
      return { hit: undefined, epoch: undefined };
    }
  }

  async store(key: string, response: StoredResponse, epoch: number | undefined): Promise<void> {
    const ttl = Math.ceil(response.expiresAt - Date.now());
    if (epoch === undefined || !(ttl > 0)) return;
    const name = this.#answerPrefix + key;
    try {
      await this.#redis.set(name, serializeStored(response), 'PX', ttl);
      await Promise.all(response.deps.map((dep) => this.#redis.eval(ADD_DEPENDENT, 1, this.#depPrefix + dep, name, ttl)));
      const now = Number((await this.#redis.get(this.#epochKey)) ?? 0);
      if (now !== epoch) {
        await this.#redis.unlink(name);
        return;
      }
      this.#front.put(key, response, this.#frontMs);
    } catch (error) {
      this.#onError(error);
      // Half stored: an answer without its dependency sets would escape invalidation.
      await this.#redis.unlink(name).catch(() => undefined);
    }
  }

  async invalidateKeys(keys: readonly string[], onlyIfKnown: boolean): Promise<void> {
    this.#front.forgetKeys(keys);
    try {
      let targets = [...keys];
      if (onlyIfKnown) {
        const known = await Promise.all(keys.map((key) => this.#redis.exists(this.#depPrefix + key)));
        targets = keys.filter((_key, i) => known[i]! > 0);
        if (targets.length === 0) return;
      }
      this.#epoch = await this.#redis.incr(this.#epochKey);
      await Promise.all(targets.map((key) => this.#dropDependents(this.#depPrefix + key)));
      await this.#publish({ from: this.#id, keys: targets });
    } catch (error) {
      this.#onError(error);
    }
  }

  async invalidatePrefixes(prefixes: readonly string[]): Promise<void> {
    this.#front.forgetPrefixes(prefixes);
    try {
      this.#epoch = await this.#redis.incr(this.#epochKey);
      for (const prefix of prefixes) {
        await scanMatching(this.#redis, `${globLiteral(this.#depPrefix + prefix)}*`, async (sets) => {
          await Promise.all(sets.map((set) => this.#dropDependents(set)));
        });
      }
      await this.#publish({ from: this.#id, prefixes: [...prefixes] });
    } catch (error) {
      this.#onError(error);
    }
  }

  async close(): Promise<void> {
    this.#front.clear();
    await this.#subscriber.quit().catch(() => this.#subscriber.disconnect());
  }

  /** Unlinks every answer in one dependency set, then the set (one key per command). */
  async #dropDependents(set: string): Promise<void> {
    const answers = await this.#redis.smembers(set);
    await Promise.all(answers.map((answer) => this.#redis.unlink(answer)));
    await this.#redis.unlink(set);
  }

  async #publish(message: InvalidationMessage): Promise<void> {
    await this.#redis.publish(this.#channel, JSON.stringify(message));
  }

  #received(text: string): void {
    let message: InvalidationMessage;
    try {
      message = JSON.parse(text) as InvalidationMessage;
    } catch {
      return;
    }
    if (message.from === this.#id) return;
    if (message.keys) this.#front.forgetKeys(message.keys);
    if (message.prefixes) this.#front.forgetPrefixes(message.prefixes);
    this.#onRemoteChange();
  }

  /** An epoch read from Redis: if it moved without us, another replica invalidated something. */
  #saw(epoch: number): void {
    if (this.#epoch !== undefined && epoch !== this.#epoch) {
      this.#front.clear();
      this.#onRemoteChange();
    }
    this.#epoch = epoch;
  }
}
