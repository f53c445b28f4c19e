import type { ProviderName } from '../providers.js';
import type { QuotaSnapshot } from '../upstream/quota/index.js';
import type { BreakerState } from '../upstream/resilience/index.js';

/** One provider's breaker state (the resilience layer's BreakerState); read at scrape / probe time. */
export interface ProviderBreakerState {
  provider: ProviderName;
  state: BreakerState;
}

/**
 * Where the gateway reads live state owned by the resilience and quota layers. Both are
 * optional: without them the metrics leave the gauges out and readiness probes reachability.
 */
export interface ProviderHealthSources {
  breakers?: () => ProviderBreakerState[];
  /** The request budgets, one row per provider × credential × window. */
  quota?: () => Promise<QuotaSnapshot[]>;
}
