import type { GatewayConfig } from '../config/index.js';
import type { ProviderName } from '../providers.js';
import type { QuotaRegistry, ResponseCache, UpstreamExtras } from '../upstream/index.js';
import type { ResilienceRegistry } from '../upstream/resilience/index.js';
import { GuidebookClient, GuidebookDataSource } from './guidebook/index.js';
import { PlanstoneClient, PlanstoneDataSource } from './planstone/index.js';
import { RoundwareClient, RoundwareDataSource } from './roundware/index.js';

/** One HTTP client per configured provider, shared by every request of the process. */
export interface ProviderClients {
  guidebook: GuidebookClient | null;
  roundware: RoundwareClient | null;
  planstone: { client: PlanstoneClient; timeZone: string } | null;
}

/** The per-request datasources; a provider switched off in configuration is null. */
export interface DataSources {
  guidebook: GuidebookDataSource | null;
  roundware: RoundwareDataSource | null;
  planstone: PlanstoneDataSource | null;
}

/** Something about a provider that operators should know, said once (e.g. a feature it refuses). */
export type ProviderNotice = (provider: ProviderName, message: string) => void;

/**
 * `quota`: the request budgets (every upstream attempt is counted there); none means
 * unlimited. Cache behaviour (stale grace, per-resource TTLs) comes from `config.caching`.
 */
export function createProviderClients(
  config: GatewayConfig,
  cache: ResponseCache,
  quota?: QuotaRegistry,
  resilience?: ResilienceRegistry,
  onNotice?: ProviderNotice,
): ProviderClients {
  const upstream = (provider: ProviderName): UpstreamExtras => ({
    quota,
    // Retries, deadline and circuit breaker (docs/resilience.md); one attempt without.
    policy: resilience?.get(provider),
    caching: {
      staleGraceMs: config.caching.staleGraceMs,
      staleIfQuotaLowMs: config.caching.staleIfQuotaLowMs,
      ttlByResource: config.caching.ttlByResource[provider],
    },
  });
  return {
    guidebook:
      config.guidebook &&
      new GuidebookClient({
        config: config.guidebook,
        cache,
        timeouts: config.providerTimeouts.guidebook,
        ttlMs: config.cacheTtlMs.guidebook,
        upstream: upstream('guidebook'),
      }),
    roundware:
      config.roundware &&
      new RoundwareClient({
        config: config.roundware,
        cache,
        timeouts: config.providerTimeouts.roundware,
        ttlMs: config.cacheTtlMs.roundware,
        upstream: upstream('roundware'),
      }),
    planstone: config.planstone && {
      client: new PlanstoneClient({
        config: config.planstone,
        cache,
        timeouts: config.providerTimeouts.planstone,
        ttlMs: config.cacheTtlMs.planstone,
        upstream: upstream('planstone'),
        onNotice: onNotice && ((message) => onNotice('planstone', message)),
      }),
      timeZone: config.planstone.timeZone,
    },
  };
}

/** Fresh datasources (and so fresh DataLoaders) for one operation. */
export function createDataSources(clients: ProviderClients, headers: Record<string, string>): DataSources {
  return {
    guidebook: clients.guidebook && new GuidebookDataSource(clients.guidebook, headers),
    roundware: clients.roundware && new RoundwareDataSource(clients.roundware, headers),
    planstone: clients.planstone && new PlanstoneDataSource(clients.planstone.client, clients.planstone.timeZone, headers),
  };
}

export async function closeProviderClients(clients: ProviderClients): Promise<void> {
  await Promise.all([clients.guidebook?.upstream.close(), clients.roundware?.upstream.close(), clients.planstone?.client.upstream.close()]);
}
