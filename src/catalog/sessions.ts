import type { ConnectionArgs, OffsetSource } from '../connections/index.js';
import type { DataSources } from '../datasources/providers.js';
import { ProviderDisabledError } from '../errors/index.js';
import { expectGlobalId } from '../ids/globalId.js';
import { omitNulls, sessionComparator, type SessionModel, type SessionOrder, type SessionSource } from '../models/index.js';
import { providerOfSource, sourceOfProvider, type ProviderName } from '../providers.js';
import { conferenceTarget } from './conferences.js';
import type { GatewayContext } from './context.js';
import { planstoneScopeOf, planstoneSourceKey } from './planstoneScopes.js';
import { providerConnection, type ProviderConnectionResult } from './providerConnection.js';
import { requireProvider } from './requireProvider.js';

export interface SessionQuery {
  sources?: SessionSource[] | null;
  guideId?: string | null;
  trackId?: string | null;
  importId?: string | null;
  published?: boolean | null;
  /** Global ID of a Conference (see conferenceTarget). */
  conferenceId?: string | null;
}

/** A page of sessions, and the providers that failed while the others answered. */
export type SessionConnectionResult = ProviderConnectionResult<SessionModel>;

export interface SessionConnectionOptions {
  /** The connection's kind, in its cursors (`sessions` by default). */
  kind?: string;
  /** The operation asks for the sessions' tracks: Guidebook's track list is read alongside its sessions. */
  withTracks?: boolean;
  /** Every field name the operation selects, when known: a provider may then read less (see PlanstoneDataSource). */
  fieldsRead?: ReadonlySet<string>;
}

/**
 * The sessions of every session provider as one connection. With one contributing
 * provider it is that provider's list; with several it is a merge in `order` whose cursors
 * resume each provider where it stopped. A provider that fails while another answers
 * is reported in `failures` and its sessions are left out of this page.
 */
export async function sessionConnection(
  dataSources: DataSources,
  query: SessionQuery,
  order: SessionOrder,
  args: ConnectionArgs,
  { kind = 'sessions', withTracks = false, fieldsRead }: SessionConnectionOptions = {},
): Promise<SessionConnectionResult> {
  const sources = sessionSources(dataSources, query, order, fieldsRead);
  if (withTracks && sources.guidebook) dataSources.guidebook?.prefetchTracks();
  return providerConnection(sources, sessionComparator(order), args, { kind, identity: { kind, query, order } });
}

/**
 * One session by the provider and source id of its global ID (`session`, `node`); rejects
 * with NotFoundError naming the provider when it has none. `fieldsRead`: see operationFieldNames.
 */
export function sessionById(context: GatewayContext, provider: ProviderName, sourceId: string, fieldsRead?: ReadonlySet<string>): Promise<SessionModel> {
  if (provider === 'guidebook') return requireProvider(context, 'guidebook').session.load(sourceId);
  requireProvider(context, 'planstone');
  const { dataSource, ownId } = planstoneScopeOf(context.dataSources, sourceId);
  return dataSource.session(ownId, fieldsRead);
}

function sessionSources(
  dataSources: DataSources,
  query: SessionQuery,
  order: SessionOrder,
  fieldsRead: ReadonlySet<string> | undefined,
): Record<string, OffsetSource<SessionModel>> {
  let wanted = new Set<SessionSource>(query.sources ?? ['GUIDEBOOK', 'PLANSTONE']);
  let trackRef: { provider: string; sourceId: string } | null = null;
  let guideId: string | undefined;
  if (query.guideId) {
    guideId = expectGlobalId(query.guideId, 'filter.guideId', 'Guide').sourceId;
    wanted = intersect(wanted, 'GUIDEBOOK');
  }
  if (query.trackId) {
    trackRef = expectGlobalId(query.trackId, 'filter.trackId', 'Track');
    wanted = intersect(wanted, sourceOfProvider(trackRef.provider as 'guidebook' | 'planstone'));
  }
  // Which configured Planstone conferences to read (a track or a conference names one).
  let planstones = dataSources.planstoneConferences;
  let trackName = trackRef?.sourceId;
  if (trackRef?.provider === 'planstone' && planstones.length > 0) {
    const { dataSource, ownId } = planstoneScopeOf(dataSources, trackRef.sourceId);
    [planstones, trackName] = [[dataSource], ownId];
  }
  if (query.conferenceId) {
    const target = conferenceTarget(dataSources, query.conferenceId, 'filter.conferenceId');
    wanted = intersect(wanted, target.source);
    if (target.source === 'GUIDEBOOK') {
      // Both a guide and a conference: sessions of both, so none when they differ.
      if (guideId !== undefined && guideId !== target.guideId) wanted = new Set();
      guideId = target.guideId;
    } else planstones = planstones.filter((dataSource) => dataSource === target.dataSource);
  }
  const explicit = query.sources != null || query.guideId != null || query.trackId != null || query.conferenceId != null;
  const sources: Record<string, OffsetSource<SessionModel>> = {};
  for (const source of wanted) {
    const provider = providerOfSource(source);
    const dataSource = dataSources[provider];
    if (!dataSource) {
      if (explicit) {
        throw new ProviderDisabledError(provider);
      }
      continue;
    }
    if (source === 'GUIDEBOOK' && dataSources.guidebook) {
      if (query.published === false) continue; // Guidebook sessions are all published.
      sources[provider] = dataSources.guidebook.sessionSource({ guideId, trackId: trackRef?.sourceId, ...omitNulls({ importId: query.importId }) }, order);
    }
    if (source === 'PLANSTONE') {
      // Each configured conference is its own source (the first keeps the key `planstone`, so its cursors are unchanged).
      for (const planstone of planstones) {
        sources[planstoneSourceKey(dataSources, planstone)] = planstone.sessionSource(
          { trackName, ...omitNulls({ importId: query.importId, published: query.published }) },
          order,
          fieldsRead,
        );
      }
    }
  }
  return sources;
}

function intersect(wanted: Set<SessionSource>, only: SessionSource): Set<SessionSource> {
  return new Set(wanted.has(only) ? [only] : []);
}
