import {
  connectionFromMergedSources,
  connectionFromOffsetSource,
  fingerprint,
  type Connection,
  type ConnectionArgs,
  type OffsetSource,
} from '../../connections/index.js';
import { ProviderDisabledError, type UpstreamError } from '../../errors/index.js';
import { providerOfSource, sourceOfProvider } from '../../providers.js';
import { expectGlobalId } from '../../ids/globalId.js';
import { sessionComparator, type SessionModel, type SessionOrder, type SessionSource } from '../../models/index.js';
import type { DataSources } from '../providers.js';
import { providerFailures } from './providerFailures.js';

export interface SessionQuery {
  sources?: SessionSource[] | null;
  guideId?: string | null;
  trackId?: string | null;
  importId?: string | null;
  published?: boolean | null;
}

export interface SessionConnectionResult {
  connection: Connection<SessionModel>;
  /** Providers that failed while the others still answered. */
  failures: UpstreamError[];
}


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
  const options = { kind, fingerprint: fingerprint({ kind, query, order, sources: Object.keys(sources).sort() }) };
  const entries = Object.entries(sources);
  if (entries.length === 1) {
    const [, source] = entries[0]!;
    return { connection: await connectionFromOffsetSource(source, args, options), failures: [] };
  }
  const { connection, failures } = await connectionFromMergedSources(sources, sessionComparator(order), args, options);
  return { connection, failures: providerFailures(failures, entries.length) };
}

function sessionSources(dataSources: DataSources, query: SessionQuery, order: SessionOrder, fieldsRead: ReadonlySet<string> | undefined): Record<string, OffsetSource<SessionModel>> {
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
      sources[provider] = dataSources.guidebook.sessionSource(
        { guideId, trackId: trackRef?.sourceId, importId: query.importId ?? undefined },
        order,
      );
    }
    if (source === 'PLANSTONE' && dataSources.planstone) {
      sources[provider] = dataSources.planstone.sessionSource(
        { trackName: trackRef?.sourceId, importId: query.importId ?? undefined, published: query.published ?? undefined },
        order,
        fieldsRead,
      );
    }
  }
  if (Object.keys(sources).length === 0) sources.none = { read: async () => ({ items: [], totalCount: 0 }) };
  return sources;
}

function intersect(wanted: Set<SessionSource>, only: SessionSource): Set<SessionSource> {
  return new Set(wanted.has(only) ? [only] : []);
}
