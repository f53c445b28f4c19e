import type { ProviderName } from '../../providers.js';
import { ResilienceRegistry } from './providerHealth.js';
import { ResiliencePolicy, type ResiliencePolicyOptions } from './resiliencePolicy.js';

/** The resilience settings shared by every provider (see `GatewayConfig.resilience`). */
export type ResilienceOptions = Pick<ResiliencePolicyOptions, 'retry' | 'deadlineMs' | 'breaker' | 'onBreakerTransition' | 'onRetry'>;

/** One ResiliencePolicy per provider in `providers`, in a registry that reports their health. */
export function createResilience(providers: readonly ProviderName[], options: ResilienceOptions): ResilienceRegistry {
  const registry = new ResilienceRegistry();
  for (const provider of providers) registry.add(new ResiliencePolicy({ provider, ...options }));
  return registry;
}
