import type { QueryResolvers, SessionResolvers, SpeakerEngagementResolvers } from '../__generated__/resolvers-types.js';
import { sessionConnection } from '../datasources/unified/sessionCatalog.js';
import { NotFoundError } from '../errors/index.js';
import { expectGlobalId, globalIdOf } from '../ids/globalId.js';
import { DEFAULT_SESSION_ORDER, type LocationModel, type SessionModel } from '../models/index.js';
import { requireProvider, type GatewayContext } from '../server/context.js';
import { operationFieldNames, selects } from './lookahead.js';
import { loadExisting, pageArgs, reportPartialFailures } from './support.js';

const providerOf = (session: SessionModel) => (session.source === 'GUIDEBOOK' ? 'guidebook' : 'planstone');

/** A session by its global ID (shared by `session` and `node`); `fieldsRead`: see operationFieldNames. */
export async function loadSession(context: GatewayContext, sourceProvider: string, sourceId: string, fieldsRead?: ReadonlySet<string>): Promise<SessionModel> {
  if (sourceProvider === 'guidebook') return requireProvider(context, 'guidebook').session.load(sourceId);
  const session = await requireProvider(context, 'planstone').session(sourceId, fieldsRead);
  if (!session) throw new NotFoundError(`Planstone has no session ${sourceId}.`, 'planstone');
  return session;
}

export const sessionQueries: Pick<QueryResolvers, 'sessions' | 'session'> = {
  async sessions(_parent, args, context, info) {
    const { connection, failures } = await sessionConnection(context.dataSources, args.filter ?? {}, args.orderBy ?? DEFAULT_SESSION_ORDER, pageArgs(args), {
      withTracks: selects(info, ['edges', 'node', 'tracks']),
      fieldsRead: operationFieldNames(info),
    });
    reportPartialFailures(context, failures, info);
    return connection;
  },
  session(_parent, { id }, context, info) {
    const { provider, sourceId } = expectGlobalId(id, 'id', 'Session');
    return loadSession(context, provider, sourceId, operationFieldNames(info));
  },
};

export const Session: SessionResolvers = {
  id: (session) => globalIdOf(session, 'Session', providerOf(session)),
  // Not `async`: a session whose rooms or tracks are all inline (Planstone's) answers at once,
  // and the executor completes an object whose fields are all plain values without a promise
  // per object — a tenth of a warm home page's CPU (measured with graphql-js).
  locations(session, _args, context, info) {
    const inline = session.locations.flatMap((ref) => (ref.kind === 'inline' ? [ref.location] : []));
    const ids = session.locations.flatMap((ref) => (ref.kind === 'guidebook' ? [ref.id] : []));
    if (ids.length === 0) return inline;
    return loadExisting<LocationModel>(requireProvider(context, 'guidebook').location, ids, context, info).then((loaded) => [...inline, ...loaded]);
  },
  tracks(session, _args, context, info) {
    const inline = session.tracks.flatMap((ref) => (ref.kind === 'inline' ? [ref.track] : []));
    const ids = session.tracks.flatMap((ref) => (ref.kind === 'guidebook' ? [ref.id] : []));
    if (ids.length === 0) return inline;
    return loadExisting(requireProvider(context, 'guidebook').track, ids, context, info).then((loaded) => [...inline, ...loaded]);
  },
  speakers: (session, { publishedOnly }) => (publishedOnly ? session.speakers.filter((e) => e.published) : session.speakers),
  guide: (session, _args, context) => (session.guideId ? requireProvider(context, 'guidebook').guide.load(session.guideId) : null),
};

export const SpeakerEngagement: SpeakerEngagementResolvers = {
  speaker: (engagement, _args, context) => requireProvider(context, 'planstone').speaker.load(engagement.personId),
};
