import type { Cluster } from 'ioredis';

import type { RedisClient } from './createRedisClient.js';

/** Escapes the glob characters of a literal for `SCAN MATCH`. */
export function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

const isCluster = (redis: RedisClient): redis is Cluster => redis.isCluster;

/**
 * Calls `onKeys` with every page of keys that match the glob `pattern` (`SCAN MATCH`):
 * O(keys in Redis). On a cluster `SCAN` walks only the node it is sent to, so every master
 * is walked (the keys of one page may then lie in different slots: use them one command per
 * key through the cluster client). Rejects on the first failure.
 */
export async function scanMatching(redis: RedisClient, pattern: string, onKeys: (keys: string[]) => Promise<void>): Promise<void> {
  const walk = async (node: RedisClient) => {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await onKeys(keys);
    } while (cursor !== '0');
  };
  if (isCluster(redis)) await Promise.all(redis.nodes('master').map(walk));
  else await walk(redis);
}

/**
 * Unlinks every key that matches the glob `pattern` (see scanMatching), each key through the
 * client (on a cluster the keys of one page may lie in different slots, which one `UNLINK`
 * may not name). Resolves to how many keys were unlinked; rejects on the first failure (keys
 * unlinked until then stay unlinked).
 */
export async function unlinkMatching(redis: RedisClient, pattern: string): Promise<number> {
  let unlinked = 0;
  await scanMatching(redis, pattern, async (keys) => {
    unlinked += isCluster(redis) ? (await Promise.all(keys.map((key) => redis.unlink(key)))).reduce((sum, n) => sum + n, 0) : await redis.unlink(...keys);
  });
  return unlinked;
}
