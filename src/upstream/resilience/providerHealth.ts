import type { ProviderName } from '../../errors/index.js';
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

let current: ResilienceRegistry | undefined;

/** Makes `registry` the one `providerHealth()` reads (the gateway does this when it starts). */
export function setCurrentResilienceRegistry(registry: ResilienceRegistry | undefined): void {
  current = registry;
}

/** Clears the process-wide registry if it is still `registry` (on gateway stop). */
export function clearCurrentResilienceRegistry(registry: ResilienceRegistry): void {
  if (current === registry) current = undefined;
}

/**
 * The health of every configured provider of the gateway running in this process (the
 * most recently started one; `{}` when none). For process-wide readers such as a
 * Prometheus collector. Code holding a Gateway should prefer `gateway.providerHealth()`,
 * which is exact when several gateways share a process (tests).
 */
export function providerHealth(): ProviderHealthSnapshot {
  return current?.providerHealth() ?? {};
}
