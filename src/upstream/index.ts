export { UpstreamClient, type GetOptions, type QueryParams, type UpstreamClientOptions, type UpstreamTimeouts } from './upstreamClient.js';
export { MemoryResponseCache, type ResponseCache } from './responseCache.js';
export { Coalescer } from './coalescer.js';
export { classifyStatus, classifyTransportFailure, parseRetryAfter, providerLabel } from './classifyFailure.js';
