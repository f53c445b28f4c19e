import type { GatewayConfig } from '../config.js';
import type { ResponseCache } from '../upstream/index.js';
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

export function createProviderClients(config: GatewayConfig, cache: ResponseCache): ProviderClients {
  const timeouts = config.upstreamTimeouts;
  return {
    guidebook: config.guidebook && new GuidebookClient({ config: config.guidebook, cache, timeouts, ttlMs: config.cacheTtlMs.guidebook }),
    roundware: config.roundware && new RoundwareClient({ config: config.roundware, cache, timeouts, ttlMs: config.cacheTtlMs.roundware }),
    planstone: config.planstone && {
      client: new PlanstoneClient({ config: config.planstone, cache, timeouts, ttlMs: config.cacheTtlMs.planstone }),
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
