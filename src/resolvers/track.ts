import type { QueryResolvers, TrackResolvers } from '../__generated__/resolvers-types.js';
import { guideById, trackConnection, trackSessionConnection } from '../catalog/index.js';
import { globalIdOfModel } from '../ids/globalId.js';
import { DEFAULT_SESSION_ORDER, scopedSourceId } from '../models/index.js';
import { providerOfSource } from '../providers.js';
import { operationFieldNames, selectsBeyond } from './lookahead.js';
import { guideReferenceOr, pageArgs, reportPartialFailures, TRACK_IDENTITY } from './support.js';

export const trackQueries: Pick<QueryResolvers, 'tracks'> = {
  async tracks(_parent, args, context, info) {
    const { connection, failures } = await trackConnection(context, args.filter ?? {}, pageArgs(args), operationFieldNames(info));
    reportPartialFailures(context, failures, info);
    return connection;
  },
};

export const Track: TrackResolvers = {
  id: (track) => globalIdOfModel(track, 'Track', providerOfSource(track.source), scopedSourceId(track)),
  guide: (track, _args, context, info) => (track.guideId ? guideReferenceOr(info, track.guideId, () => guideById(context, track.guideId!)) : null),
  async sessions(track, args, context, info) {
    const ref = { provider: providerOfSource(track.source), sourceId: scopedSourceId(track) };
    const { connection, failures } = await trackSessionConnection(
      context.dataSources,
      ref,
      args.filter ?? {},
      args.orderBy ?? DEFAULT_SESSION_ORDER,
      pageArgs(args),
      {
        // Track names to show (not only the ids the sessions carry): the track list, read alongside.
        withTracks: selectsBeyond(info, ['edges', 'node', 'tracks'], TRACK_IDENTITY),
        fieldsRead: operationFieldNames(info),
      },
    );
    reportPartialFailures(context, failures, info);
    return connection;
  },
};
