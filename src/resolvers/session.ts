import type { QueryResolvers, SessionResolvers, SpeakerEngagementResolvers } from '../__generated__/resolvers-types.js';
import {
  conferenceOfSession,
  guideById,
  locationsByGuidebookIds,
  sessionById,
  sessionConnection,
  speakerOfEngagement,
  tracksByGuidebookIds,
} from '../catalog/index.js';
import { expectGlobalId, globalIdOfModel } from '../ids/globalId.js';
import { DEFAULT_SESSION_ORDER, scopedSourceId } from '../models/index.js';
import { providerOfSource } from '../providers.js';
import { operationFieldNames, selectsBeyond, selectsOnly } from './lookahead.js';
import { guideReferenceOr, keepExisting, pageArgs, reportPartialFailures, TRACK_IDENTITY } from './support.js';

export const sessionQueries: Pick<QueryResolvers, 'sessions' | 'session'> = {
  async sessions(_parent, args, context, info) {
    const { connection, failures } = await sessionConnection(context.dataSources, args.filter ?? {}, args.orderBy ?? DEFAULT_SESSION_ORDER, pageArgs(args), {
      // Track names to show (not only the ids the sessions carry): the track list, read alongside.
      withTracks: selectsBeyond(info, ['edges', 'node', 'tracks'], TRACK_IDENTITY),
      fieldsRead: operationFieldNames(info),
    });
    reportPartialFailures(context, failures, info);
    return connection;
  },
  session(_parent, { id }, context, info) {
    const { provider, sourceId } = expectGlobalId(id, 'id', 'Session');
    return sessionById(context, provider, sourceId, operationFieldNames(info));
  },
};

export const Session: SessionResolvers = {
  id: (session) => globalIdOfModel(session, 'Session', providerOfSource(session.source), scopedSourceId(session)),
  // Not `async`: a session whose rooms or tracks are all inline (Planstone's) answers at once,
  // and the executor completes an object whose fields are all plain values without a promise
  // per object — a tenth of a warm home page's CPU (measured with graphql-js).
  locations(session, _args, context, info) {
    const inline = session.locations.flatMap((ref) => (ref.kind === 'inline' ? [ref.location] : []));
    const ids = session.locations.flatMap((ref) => (ref.kind === 'guidebook' ? [ref.id] : []));
    if (ids.length === 0) return inline;
    return locationsByGuidebookIds(context, ids).then((results) => [...inline, ...keepExisting(results, context, info)]);
  },
  tracks(session, _args, context, info) {
    const inline = session.tracks.flatMap((ref) => (ref.kind === 'inline' ? [ref.track] : []));
    const ids = session.tracks.flatMap((ref) => (ref.kind === 'guidebook' ? [ref.id] : []));
    if (ids.length === 0) return inline;
    // `tracks { id }`: the ids are in the session, no track need be read.
    if (selectsOnly(info, TRACK_IDENTITY)) {
      return [...inline, ...ids.map((id) => ({ source: session.source, sourceId: id, guideId: session.guideId, reference: true as const }))];
    }
    return tracksByGuidebookIds(context, ids).then((results) => [...inline, ...keepExisting(results, context, info)]);
  },
  speakers: (session, { publishedOnly }) => (publishedOnly ? session.speakers.filter((e) => e.published) : session.speakers),
  guide: (session, _args, context, info) => (session.guideId ? guideReferenceOr(info, session.guideId, () => guideById(context, session.guideId!)) : null),
  conference: (session, _args, context) => conferenceOfSession(context, session),
};

export const SpeakerEngagement: SpeakerEngagementResolvers = {
  speaker: (engagement, _args, context) => speakerOfEngagement(context, engagement),
};
