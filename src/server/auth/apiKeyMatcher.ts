import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a presented key is one of the configured keys, in time independent of where
 * they differ: both sides are hashed to a fixed length and compared with
 * `timingSafeEqual`, and every configured key is compared (no early exit).
 */
export function apiKeyMatcher(keys: readonly string[]): (presented: string) => boolean {
  const digests = keys.map((key) => createHash('sha256').update(key).digest());
  return (presented) => {
    const digest = createHash('sha256').update(presented).digest();
    let match = false;
    for (const known of digests) match = timingSafeEqual(known, digest) || match;
    return match;
  };
}
