export { blockingDuplicate, createRedisClient, readyOrTimeout, type RedisClient, type RedisClientOptions } from './createRedisClient.js';
export { hashTaggedKey } from './hashTaggedKey.js';
export { globLiteral, unlinkMatching } from './unlinkMatching.js';
