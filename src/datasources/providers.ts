import type { GatewayConfig, PlanstoneConferenceConfig, PlanstoneConfig } from '../config/index.js';
import { planstoneConferenceRef, type PlanstoneConferenceRef } from '../models/index.js';
import type { ProviderName } from '../providers.js';
import type { QuotaRegistry, ResponseCache, UpstreamChanges, UpstreamExtras } from '../upstream/index.js';
import type { ResilienceRegistry } from '../upstream/resilience/index.js';
import { GuidebookClient, GuidebookDataSource } from './guidebook/index.js';
import { PlanstoneClient, PlanstoneDataSource } from './planstone/index.js';
import { RoundwareClient, RoundwareDataSource } from './roundware/index.js';
import type { SessionListReads } from './sessionListReads.js';

/** One HTTP client per configured provider, shared by every request of the process. */
export interface ProviderClients {
  guidebook: GuidebookClient | null;
  roundware: RoundwareClient | null;
  /** The first configured Planstone conference's client (`conferences[0]`), and every conference's. */
  planstone: { client: PlanstoneClient; timeZone: string; conferences: PlanstoneConferenceClient[] } | null;
}

/** One configured Planstone conference: its client (scoped to its `where`) and how its objects name it. */
export interface PlanstoneConferenceClient {
  client: PlanstoneClient;
  config: PlanstoneConferenceConfig;
  ref: PlanstoneConferenceRef;
}

/** The per-request datasources; a provider switched off in configuration is null. */
export interface DataSources {
  guidebook: GuidebookDataSource | null;
  roundware: RoundwareDataSource | null;
  /** The first configured Planstone conference (`planstoneConferences[0]`); its ids are the feed's own. */
  planstone: PlanstoneDataSource | null;
  /** Every configured Planstone conference, in configuration order; empty when Planstone is switched off. */
  planstoneConferences: PlanstoneDataSource[];
}

/** Something about a provider that operators should know, said once (e.g. a feature it refuses). */
export type ProviderNotice = (provider: ProviderName, message: string) => void;

/**
 * `quota`: the request budgets (every upstream attempt is counted there); none means
 * unlimited. Cache behaviour (stale grace, per-resource TTLs) comes from `config.caching`.
 * `sessionReads`: told of every session list page read from a provider (change detection).
 */
export function createProviderClients(
  config: GatewayConfig,
  cache: ResponseCache,
  quota?: QuotaRegistry,
  resilience?: ResilienceRegistry,
  onNotice?: ProviderNotice,
  changes?: UpstreamChanges,
  sessionReads?: SessionListReads,
): ProviderClients {
  const upstream = (provider: ProviderName): UpstreamExtras => ({
    quota,
    // Told of refreshed and written entries: the whole-response cache drops what was built from them.
    changes,
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
        sessionReads,
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
    planstone: config.planstone && planstoneClients(config, config.planstone, cache, upstream('planstone'), onNotice, sessionReads),
  };
}

/**
 * A PlanstoneClient per configured conference, each with its own `where` scope, all sharing
 * the first one's HTTP client (one pool, breaker, quota and cache for the one feed).
 */
function planstoneClients(
  config: GatewayConfig,
  planstone: PlanstoneConfig,
  cache: ResponseCache,
  upstream: UpstreamExtras,
  onNotice: ProviderNotice | undefined,
  sessionReads: SessionListReads | undefined,
): NonNullable<ProviderClients['planstone']> {
  const conferences: PlanstoneConferenceClient[] = [];
  for (const [index, conference] of planstone.conferences.entries()) {
    const ref = planstoneConferenceRef(conference.account, conference.conference, index, conference.name);
    const client = new PlanstoneClient({
      config: { ...planstone, account: conference.account, conference: conference.conference, timeZone: conference.timeZone },
      cache,
      timeouts: config.providerTimeouts.planstone,
      ttlMs: config.cacheTtlMs.planstone,
      upstream,
      onNotice: onNotice && ((message) => onNotice('planstone', message)),
      sharedUpstream: conferences[0]?.client.upstream,
      sessionReads: sessionReads && { reads: sessionReads, conference: ref },
    });
    conferences.push({ client, config: conference, ref });
  }
  const [first] = conferences as [PlanstoneConferenceClient];
  return { client: first.client, timeZone: first.config.timeZone, conferences };
}

/** Fresh datasources (and so fresh DataLoaders) for one operation. */
export function createDataSources(clients: ProviderClients, headers: Record<string, string>): DataSources {
  const planstoneConferences = (clients.planstone?.conferences ?? []).map(
    ({ client, config, ref }) => new PlanstoneDataSource(client, config.timeZone, headers, ref),
  );
  return {
    guidebook: clients.guidebook && new GuidebookDataSource(clients.guidebook, headers),
    roundware: clients.roundware && new RoundwareDataSource(clients.roundware, headers),
    planstone: planstoneConferences[0] ?? null,
    planstoneConferences,
  };
}

export async function closeProviderClients(clients: ProviderClients): Promise<void> {
  await Promise.all([clients.guidebook?.upstream.close(), clients.roundware?.upstream.close(), clients.planstone?.client.upstream.close()]);
}
