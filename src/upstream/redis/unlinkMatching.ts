import type { Cluster } from 'ioredis';

import type { RedisClient } from './createRedisClient.js';

/** Escapes the glob characters of a literal for `SCAN MATCH`. */
export function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

const isCluster = (redis: RedisClient): redis is Cluster => redis.isCluster;

/**
 * Unlinks every key that matches the glob `pattern` (`SCAN MATCH`): O(keys in Redis). On a
 * cluster `SCAN` walks only the node it is sent to, so every master is walked, and each key
 * is unlinked through the cluster client (the keys of one `SCAN` page may lie in different
 * slots, which one `UNLINK` may not name). Resolves to how many keys were unlinked; rejects
 * on the first failure (keys unlinked until then stay unlinked).
 */
export async function unlinkMatching(redis: RedisClient, pattern: string): Promise<number> {
  let unlinked = 0;
  const walk = async (node: RedisClient, unlink: (keys: string[]) => Promise<number>) => {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) unlinked += await unlink(keys);
    } while (cursor !== '0');
  };
  if (isCluster(redis)) {
    const eachKey = async (keys: string[]) => (await Promise.all(keys.map((key) => redis.unlink(key)))).reduce((sum, n) => sum + n, 0);
    await Promise.all(redis.nodes('master').map((node) => walk(node, eachKey)));
  } else {
    await walk(redis, (keys) => redis.unlink(...keys));
  }
  return unlinked;
}
