/**
 * `prefix + '{' + tag + '}' + suffix`: a key with a hash tag. Redis Cluster places a key by
 * the text between its first `{` and the next `}`, so every key built here with the same
 * `prefix` and `tag` lies in one hash slot — which a Lua script or a multi-key command that
 * touches several of them needs (see createRedisClient). On a single server a tag is just
 * part of the name. Neither `prefix` (REDIS_KEY_PREFIX, where braces are refused) nor
 * `tag` may contain `{` or `}`, which would move the tag.
 */
export function hashTaggedKey(prefix: string, tag: string, suffix = ''): string {
  if (tag === '' || /[{}]/.test(tag) || /[{}]/.test(prefix))
    throw new Error(`hashTaggedKey: no braces in the prefix or tag, and a tag is not empty (got ${JSON.stringify([prefix, tag])})`);
  return `${prefix}{${tag}}${suffix}`;
}
