import type { ConnectionArgs, OffsetSource } from '../connections/index.js';
import type { DataSources } from '../datasources/providers.js';
import { ProviderDisabledError } from '../errors/index.js';
import { expectGlobalId } from '../ids/globalId.js';
import { omitNulls, sessionComparator, type SessionModel, type SessionOrder, type SessionSource } from '../models/index.js';
import { providerOfSource, sourceOfProvider, type ProviderName } from '../providers.js';
import type { GatewayContext } from './context.js';
import { providerConnection, type ProviderConnectionResult } from './providerConnection.js';
import { requireProvider } from './requireProvider.js';

export interface SessionQuery {
  sources?: SessionSource[] | null;
  guideId?: string | null;
  trackId?: string | null;
  importId?: string | null;
  published?: boolean | null;
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
  return requireProvider(context, 'planstone').session(sourceId, fieldsRead);
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
  const explicit = query.sources != null || query.guideId != null || query.trackId != null;
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
    if (source === 'PLANSTONE' && dataSources.planstone) {
      sources[provider] = dataSources.planstone.sessionSource(
        { trackName: trackRef?.sourceId, ...omitNulls({ importId: query.importId, published: query.published }) },
        order,
        fieldsRead,
      );
    }
  }
  return sources;
}

function intersect(wanted: Set<SessionSource>, only: SessionSource): Set<SessionSource> {
  return new Set(wanted.has(only) ? [only] : []);
}
