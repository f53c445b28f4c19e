import type { ConferenceResolvers, LocationResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import {
  conferenceDateRange,
  conferenceDays,
  conferenceGlobalId,
  conferenceGuide,
  conferenceLocations,
  conferences,
  conferenceSessionConnection,
  conferenceTracks,
  locationGlobalId,
} from '../catalog/index.js';
import { DEFAULT_SESSION_ORDER } from '../models/index.js';
import { providerOfSource } from '../providers.js';
import { operationFieldNames, selectsBeyond } from './lookahead.js';
import { pageArgs, reportPartialFailures, TRACK_IDENTITY } from './support.js';

export const conferenceQueries: Pick<QueryResolvers, 'conferences'> = {
  conferences: (_parent, _args, context) => conferences(context),
};

export const Conference: ConferenceResolvers = {
  id: (conference) => conferenceGlobalId(conference),
  days: (conference, _args, context) => conferenceDays(context, conference),
  startDate: async (conference, _args, context) => (await conferenceDateRange(context, conference)).startDate,
  endDate: async (conference, _args, context) => (await conferenceDateRange(context, conference)).endDate,
  locations: (conference, _args, context) => conferenceLocations(context, conference),
  tracks: (conference, _args, context, info) => conferenceTracks(context, conference, operationFieldNames(info)),
  guide: (conference, _args, context) => conferenceGuide(context, conference),
  // The catalog's session connection with this conference pinned.
  async sessions(conference, args, context, info) {
    const ref = { provider: providerOfSource(conference.source), sourceId: conference.sourceId };
    const { connection, failures } = await conferenceSessionConnection(
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

export const Location: LocationResolvers = {
  id: (location) => locationGlobalId(location),
};
