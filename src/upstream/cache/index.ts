export { applyCacheControl, parseCacheControl, type CacheDirectives, type Freshness } from './cacheControl.js';
export { isCacheEntry, type CacheEntry } from './cacheEntry.js';
export { DEFAULT_CACHING, type CachingOptions } from './cachingOptions.js';
export { createSharedStores, type SharedStores, type SharedStoresOptions } from './createSharedStores.js';
export { DocumentStore } from './documentStore.js';
export { RedisResponseCache, type RedisResponseCacheOptions } from './redisResponseCache.js';
export { ResponseCacheKeyValue } from './responseCacheKeyValue.js';
