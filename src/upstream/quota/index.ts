export { MemoryQuotaCounter } from './memoryQuotaCounter.js';
export { RedisQuotaCounter, type RedisQuotaCounterOptions } from './redisQuotaCounter.js';
export { QuotaGuard, type QuotaGuardOptions } from './quotaGuard.js';
export { QuotaRegistry, quotaSnapshot, type QuotaRegistryOptions } from './quotaRegistry.js';
export { reserveOf, UNLIMITED, type QuotaLimits } from './quotaLimits.js';
export type { QuotaCounter, QuotaCounterStatus, QuotaTake, QuotaWindow } from './quotaCounter.js';
export type { QuotaSnapshot } from './quotaSnapshot.js';
