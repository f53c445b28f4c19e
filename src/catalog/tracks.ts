import type { ConnectionArgs, OffsetSource } from '../connections/index.js';
import { expectGlobalId } from '../ids/globalId.js';
import { compareSourceIds, omitNulls, type SessionSource, type TrackModel } from '../models/index.js';
import type { ProviderName } from '../providers.js';
import type { GatewayContext } from './context.js';
import { planstoneScopeOf, planstoneSourceKey } from './planstoneScopes.js';
import { providerConnection, type ProviderConnectionResult } from './providerConnection.js';
import { requireProvider } from './requireProvider.js';

export interface TrackQuery {
  sources?: SessionSource[] | null;
  guideId?: string | null;
  importId?: string | null;
}

/** Guidebook tracks first (by id), then Planstone's (by name): one total order for the merge. */
function compareTracks(a: TrackModel, b: TrackModel): number {
  if (a.source !== b.source) return a.source === 'GUIDEBOOK' ? -1 : 1;
  if (a.source === 'GUIDEBOOK') return compareSourceIds(a.sourceId, b.sourceId);
  // Planstone: by name, then by conference (several configured conferences may share a track name).
  const [x, y] = [a.name, b.name];
  if (x !== y) return x < y ? -1 : 1;
  const [p, q] = [a.planstoneConference?.idPrefix ?? '', b.planstoneConference?.idPrefix ?? ''];
  return p < q ? -1 : p > q ? 1 : 0;
}

/**
 * The tracks of every provider that holds them, as one connection (see providerConnection).
 * A guide or import filter is Guidebook's alone. A provider switched off is left out.
 * `fieldsRead`: see operationFieldNames.
 */
export function trackConnection(
  context: GatewayContext,
  query: TrackQuery,
  args: ConnectionArgs,
  fieldsRead?: ReadonlySet<string>,
): Promise<ProviderConnectionResult<TrackModel>> {
  const { guidebook, planstoneConferences } = context.dataSources;
  let wanted = new Set<SessionSource>(query.sources ?? ['GUIDEBOOK', 'PLANSTONE']);
  const guideId = query.guideId ? expectGlobalId(query.guideId, 'filter.guideId', 'Guide').sourceId : undefined;
  if (guideId || query.importId) wanted = new Set(wanted.has('GUIDEBOOK') ? ['GUIDEBOOK'] : []);
  const sources: Record<string, OffsetSource<TrackModel>> = {};
  if (wanted.has('GUIDEBOOK') && guidebook) sources.guidebook = guidebook.trackSource({ guideId, ...omitNulls({ importId: query.importId }) });
  // Each configured Planstone conference is its own source (the first keeps the key `planstone`).
  if (wanted.has('PLANSTONE'))
    for (const planstone of planstoneConferences) sources[planstoneSourceKey(context.dataSources, planstone)] = planstone.trackSource(fieldsRead);
  return providerConnection(sources, compareTracks, args, { kind: 'tracks', identity: { filter: query } });
}

/** One track by the provider and source id of its global ID; rejects with NotFoundError naming the provider when it has none. */
export function trackById(context: GatewayContext, provider: ProviderName, sourceId: string, fieldsRead?: ReadonlySet<string>): Promise<TrackModel> {
  if (provider === 'guidebook') return requireProvider(context, 'guidebook').track.load(sourceId);
  requireProvider(context, 'planstone');
  const { dataSource, ownId } = planstoneScopeOf(context.dataSources, sourceId);
  return dataSource.track(ownId, fieldsRead);
}

/**
 * Guidebook tracks (a session's tracks) by id, in one batch and in order: each result is the
 * track or its error (NotFoundError naming Guidebook for a dangling reference), for the
 * caller to keep or report (resolvers/support's keepExisting).
 */
export function tracksByGuidebookIds(context: GatewayContext, sourceIds: readonly string[]): Promise<Array<TrackModel | Error>> {
  return requireProvider(context, 'guidebook').track.loadMany(sourceIds);
}
