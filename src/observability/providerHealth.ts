import type { ProviderName } from '../providers.js';
import type { QuotaSnapshot } from '../upstream/quota/index.js';

/** A circuit breaker's state as the metrics and readiness checks see it. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** One provider's breaker state; read at scrape / probe time. */
export interface BreakerSnapshot {
  provider: ProviderName;
  state: BreakerState;
}

/**
 * Where the gateway reads live state owned by the resilience and quota layers. Both are
 * optional: without them the metrics leave the gauges out and readiness probes reachability.
 */
export interface ProviderHealthSources {
  breakers?: () => BreakerSnapshot[];
  /** The request budgets, one row per provider × credential × window. */
  quota?: () => Promise<QuotaSnapshot[]>;
}
