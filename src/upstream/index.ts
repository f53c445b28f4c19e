export { UpstreamClient, type GetOptions, type SendOptions, type UpstreamClientOptions, type UpstreamExtras } from './upstreamClient.js';
export { HttpTransport, type QueryParams, type TransportAnswer, type TransportOptions, type TransportRequest, type UpstreamTimeouts } from './transport.js';
export { directCallPolicy, type CallInfo, type CallPolicy } from './callPolicy.js';
export { MemoryResponseCache, type ResponseCache } from './responseCache.js';
export { CallWithdrawn, Coalescer } from './coalescer.js';
export { prepareWire, wireCompilations } from './wireValidator.js';
export { classifyStatus, classifyTransportFailure, parseRetryAfter, providerLabel } from './classifyFailure.js';
export * from './cache/index.js';
export * from './quota/index.js';
