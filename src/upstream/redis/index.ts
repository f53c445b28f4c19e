export { blockingDuplicate, createRedisClient, duplicateConnection, readyOrTimeout, type RedisClient, type RedisClientOptions } from './createRedisClient.js';
export { hashTaggedKey } from './hashTaggedKey.js';
export { globLiteral, scanMatching, unlinkMatching } from './unlinkMatching.js';
