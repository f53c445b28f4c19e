import type { ProviderName } from '../../providers.js';
import type { BreakerSnapshot, BreakerState } from './circuitBreaker.js';
import type { ResiliencePolicy } from './resiliencePolicy.js';

/** One provider's health as its circuit breaker sees it. */
export interface ProviderHealth extends Omit<BreakerSnapshot, 'state'> {
  /** `closed`: calls flow; `open`: calls are refused; `half-open`: one probe is under way. */
  breaker: BreakerState;
}

/** Health of every provider configured in the gateway (switched-off providers are absent). */
export type ProviderHealthSnapshot = Partial<Record<ProviderName, ProviderHealth>>;

/** The resilience policies of one gateway, by provider, and their health. */
export class ResilienceRegistry {
  readonly #policies = new Map<ProviderName, ResiliencePolicy>();

  add(policy: ResiliencePolicy): ResiliencePolicy {
    this.#policies.set(policy.provider, policy);
    return policy;
  }

  get(provider: ProviderName): ResiliencePolicy | undefined {
    return this.#policies.get(provider);
  }

  /** A fresh, serialisable snapshot; reading it changes nothing. */
  providerHealth(): ProviderHealthSnapshot {
    const snapshot: ProviderHealthSnapshot = {};
    for (const [provider, policy] of this.#policies) {
      const { state, ...rest } = policy.breaker.snapshot();
      snapshot[provider] = { breaker: state, ...rest };
    }
    return snapshot;
  }
}
