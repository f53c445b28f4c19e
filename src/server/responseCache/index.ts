export { createResponseCache, type ResponseCache, type ResponseCacheOptions, type ResponseInvalidation } from './createResponseCache.js';
export { responseCacheFingerprint } from './responseCacheFingerprint.js';
export type { ResponseCacheOutcome, ServedFromCache } from './responseCacheMiddleware.js';
