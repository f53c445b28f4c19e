import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Attendee, attendeeQueries } from './attendee.js';
import { ClientSession, clientSessionQueries } from './clientSession.js';
import { ClientSessionChange, clientSessionChangeQueries, clientSessionChangeSubscriptions } from './clientSessionChange.js';
import { Conference, conferenceQueries, Location } from './conference.js';
import { Guide } from './guide.js';
import { mutationResolvers, PublishRequest } from './mutations/index.js';
import { Node, nodeQueries } from './node.js';
import { PersonalizedSchedule, personalizedScheduleQueries } from './personalizedSchedule.js';
import { PersonalizedScheduleChange, personalizedScheduleChangeQueries, personalizedScheduleChangeSubscriptions } from './personalizedScheduleChange.js';
import { scalarResolvers } from './scalars.js';
import { Session, sessionQueries, SpeakerEngagement } from './session.js';
import { SessionChange, sessionChangeQueries, subscriptionResolvers } from './sessionChange.js';
import { Speaker, speakerQueries } from './speaker.js';
import { Track, trackQueries } from './track.js';

/** Every resolver of the schema, one file per type. */
export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    ...nodeQueries,
    ...sessionQueries,
    ...trackQueries,
    ...attendeeQueries,
    ...personalizedScheduleQueries,
    ...speakerQueries,
    ...clientSessionQueries,
    ...conferenceQueries,
    ...sessionChangeQueries,
    ...personalizedScheduleChangeQueries,
    ...clientSessionChangeQueries,
  },
  Mutation: mutationResolvers,
  Subscription: { ...subscriptionResolvers, ...personalizedScheduleChangeSubscriptions, ...clientSessionChangeSubscriptions },
  PublishRequest,
  Node,
  Session,
  SpeakerEngagement,
  Track,
  Guide,
  Attendee,
  PersonalizedSchedule,
  Speaker,
  ClientSession,
  Conference,
  Location,
  SessionChange,
  PersonalizedScheduleChange,
  ClientSessionChange,
};
