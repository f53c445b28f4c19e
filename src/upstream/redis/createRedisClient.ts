import type { Cluster, Redis } from 'ioredis';

import { parseRedisUrl } from '../../config/redisUrl.js';

/** An ioredis client of one Redis server or of a Redis Cluster: both take the same commands. */
export type RedisClient = Redis | Cluster;

export interface RedisClientOptions {
  /** How long a connection attempt may take (ms). Default 2,000. */
  connectTimeoutMs?: number;
  /** How long a command may wait for its answer (ms); `null` for none (blocking reads such as `XREAD BLOCK`). Default 1,000. */
  commandTimeoutMs?: number | null;
  /**
   * Queue commands while the client is not connected instead of failing them at once.
   * Default false: a cache or counter that waits on a dead Redis is slower than none.
   */
  offlineQueue?: boolean;
}

/**
 * The one place the gateway makes a Redis client: `url` is `REDIS_URL` — `redis://` or
 * `rediss://` for one server, `redis+cluster://host:port,host:port` or `rediss+cluster://`
 * for a Redis Cluster (see parseRedisUrl) — and the answer an ioredis `Redis` or `Cluster`.
 * ioredis is imported only when called (it costs ~10 MB of memory otherwise unused). The
 * caller owns the client: it listens to `error` and quits it.
 *
 * The rule for everything that keeps keys in Redis, so that it works on a cluster too:
 * **keys touched together share a hash tag.** A Lua script, `MGET`, `MULTI`, or any command
 * naming several keys, must name keys of one hash slot, or a cluster refuses it
 * (`CROSSSLOT`); keys built with `hashTaggedKey(prefix, tag, …)` with the same `tag` are in
 * one slot, on one node (and on a single server nothing changes). Keys used alone need no
 * tag, and are better without: untagged keys spread over the masters. `SCAN` walks only the
 * node it is sent to: use `unlinkMatching`, which walks every master. On a cluster, the
 * client follows the cluster's failovers and slot moves by itself; the commands sent while
 * a master is being replaced fail (after a few quick retries) like those sent to a server
 * that is away.
 */
export async function createRedisClient(url: string, options: RedisClientOptions = {}): Promise<RedisClient> {
  const { Redis, Cluster } = await import('ioredis');
  const target = parseRedisUrl(url);
  const offlineQueue = options.offlineQueue ?? false;
  const connection = {
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    ...(options.commandTimeoutMs === null ? {} : { commandTimeout: options.commandTimeoutMs ?? 1_000 }),
    // Fail fast: with the offline queue off, a command issued while the connection is down
    // fails at once instead of waiting for a reconnection (which made every operation take seconds).
    maxRetriesPerRequest: offlineQueue ? 20 : 1,
  };
  if (target.kind === 'server') {
    const redis = new Redis(target.url, { ...connection, enableOfflineQueue: offlineQueue });
    sendOnlyUnsettled(redis);
    return redis;
  }
  const cluster = new Cluster(
    target.nodes.map(({ host, port }) => ({ host, port })),
    {
      enableOfflineQueue: offlineQueue,
      redisOptions: {
        ...connection,
        ...(target.username === undefined ? {} : { username: target.username }),
        ...(target.password === undefined ? {} : { password: target.password }),
        ...(target.tls ? { tls: {} } : {}),
      },
      // With TLS the nodes are connected to by name, so that certificates for names verify.
      ...(target.tls ? { dnsLookup: (address: string, callback: (error: null, address: string) => void) => callback(null, address) } : {}),
    },
  );
  cluster.on('+node', sendOnlyUnsettled);
  return cluster;
}

/**
 * ioredis sends a command that has already failed by its `commandTimeout`: the cluster client
 * when it retries one that met a closed connection or CLUSTERDOWN (`retryDelayOnFailover`,
 * while a failover is under way), and either client when it flushes its offline queue after
 * a reconnection. Redis then runs it with nobody told: a quota counter that counted the call
 * as made while Redis was away would count it twice. So a connection drops a command that
 * is already settled instead of sending it (regression: the failover test of
 * test/performance/redisCluster.test.ts found 12 counted for 11 calls).
 */
function sendOnlyUnsettled(node: Redis): void {
  const send = node.sendCommand.bind(node);
  node.sendCommand = (command, stream) => (command.isSettled ? command.promise : send(command, stream));
}

/** Resolves once `redis` is ready, or after `timeoutMs` whatever its state (it goes on connecting in the background). */
export function readyOrTimeout(redis: RedisClient, timeoutMs: number): Promise<void> {
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

/**
 * A new connection like `redis`'s for blocking reads (`XREAD BLOCK`): no command timeout,
 * commands queued while it reconnects. The caller listens to `error` and disconnects it.
 */
export function blockingDuplicate(redis: RedisClient): RedisClient {
  const blocking = { commandTimeout: undefined, enableOfflineQueue: true, maxRetriesPerRequest: null };
  if (redis.isCluster) {
    const cluster = redis as Cluster;
    return cluster.duplicate([], { enableOfflineQueue: true, redisOptions: { ...cluster.options.redisOptions, ...blocking } });
  }
  return (redis as Redis).duplicate(blocking);
}

/** A new connection like `redis`'s (a pub/sub subscriber needs one of its own). The caller quits it. */
export function duplicateConnection(redis: RedisClient): RedisClient {
  return redis.isCluster ? (redis as Cluster).duplicate() : (redis as Redis).duplicate();
}
