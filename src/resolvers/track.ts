import type { QueryResolvers, TrackResolvers } from '../__generated__/resolvers-types.js';
import { connectionFromMergedSources, fingerprint, type OffsetSource } from '../connections/index.js';
import { sessionConnection } from '../datasources/unified/sessionCatalog.js';
import { providerFailures } from '../datasources/unified/providerFailures.js';
import type { ProviderName } from '../providers.js';
import { expectGlobalId, globalIdOf, toGlobalId } from '../ids/globalId.js';
import { compareSourceIds, DEFAULT_SESSION_ORDER, type SessionSource, type TrackModel } from '../models/index.js';
import { requireProvider, type GatewayContext } from '../server/context.js';
import { operationFieldNames, selects } from './lookahead.js';
import { pageArgs, reportPartialFailures } from './support.js';

const providerOf = (track: TrackModel): ProviderName => (track.source === 'GUIDEBOOK' ? 'guidebook' : 'planstone');

/** Guidebook tracks first (by id), then Planstone's (by name): one total order for the merge. */
function compareTracks(a: TrackModel, b: TrackModel): number {
  if (a.source !== b.source) return a.source === 'GUIDEBOOK' ? -1 : 1;
  return a.source === 'GUIDEBOOK' ? compareSourceIds(a.sourceId, b.sourceId) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A track by its global ID (shared with `node`); `fieldsRead`: see operationFieldNames. */
export async function loadTrack(context: GatewayContext, provider: string, sourceId: string, fieldsRead?: ReadonlySet<string>): Promise<TrackModel | null> {
  if (provider === 'guidebook') return requireProvider(context, 'guidebook').track.load(sourceId);
  return requireProvider(context, 'planstone').track(sourceId, fieldsRead);
}

export const trackQueries: Pick<QueryResolvers, 'tracks'> = {
  async tracks(_parent, args, context, info) {
    const filter = args.filter ?? {};
    let wanted = new Set<SessionSource>(filter.sources ?? ['GUIDEBOOK', 'PLANSTONE']);
    const guideId = filter.guideId ? expectGlobalId(filter.guideId, 'filter.guideId', 'Guide').sourceId : undefined;
    if (guideId || filter.importId) wanted = new Set(wanted.has('GUIDEBOOK') ? ['GUIDEBOOK'] : []);
    const sources: Record<string, OffsetSource<TrackModel>> = {};
    if (wanted.has('GUIDEBOOK') && context.dataSources.guidebook) {
      sources.guidebook = context.dataSources.guidebook.trackSource({ guideId, importId: filter.importId ?? undefined });
    }
    if (wanted.has('PLANSTONE') && context.dataSources.planstone) sources.planstone = context.dataSources.planstone.trackSource(operationFieldNames(info));
    if (Object.keys(sources).length === 0) sources.none = { read: async () => ({ items: [], totalCount: 0 }) };
    const options = { kind: 'tracks', fingerprint: fingerprint({ filter, sources: Object.keys(sources).sort() }) };
    const { connection, failures } = await connectionFromMergedSources(sources, compareTracks, pageArgs(args), options);
    reportPartialFailures(context, providerFailures(failures, Object.keys(sources).length), info);
    return connection;
  },
};

export const Track: TrackResolvers = {
  id: (track) => globalIdOf(track, 'Track', providerOf(track)),
  guide: (track, _args, context) => (track.guideId ? requireProvider(context, 'guidebook').guide.load(track.guideId) : null),
  async sessions(track, args, context, info) {
    const trackId = toGlobalId('Track', providerOf(track), track.sourceId);
    const { connection, failures } = await sessionConnection(
      context.dataSources,
      { trackId },
      args.orderBy ?? DEFAULT_SESSION_ORDER,
      pageArgs(args),
      { kind: 'trackSessions', withTracks: selects(info, ['edges', 'node', 'tracks']), fieldsRead: operationFieldNames(info) },
    );
    reportPartialFailures(context, failures, info);
    return connection;
  },
};
