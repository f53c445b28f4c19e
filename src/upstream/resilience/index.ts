export {
  CircuitBreaker,
  type AttemptOutcome,
  type BreakerPermit,
  type BreakerSnapshot,
  type BreakerState,
  type CircuitBreakerOptions,
} from './circuitBreaker.js';
export { attemptOutcome } from './attemptOutcome.js';
export { backoffDelayMs, isRetryable, requestedWaitMs, type RetryOptions } from './retryPolicy.js';
export { ResiliencePolicy, type ResiliencePolicyOptions } from './resiliencePolicy.js';
export { composePolicies } from './composePolicies.js';
export { createResilience, type ResilienceOptions } from './createResilience.js';
export { ResilienceRegistry, type ProviderHealth, type ProviderHealthSnapshot } from './providerHealth.js';
