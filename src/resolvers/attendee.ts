import type { AttendeeResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import { attendeeConnection, attendeeScheduleConnection, guideById } from '../catalog/index.js';
import { globalIdOfModel } from '../ids/globalId.js';
import { guideReferenceOr, pageArgs } from './support.js';

export const attendeeQueries: Pick<QueryResolvers, 'attendees'> = {
  attendees: (_parent, args, context) => attendeeConnection(context, args.filter ?? {}, args.orderBy ?? [], pageArgs(args)),
};

export const Attendee: AttendeeResolvers = {
  id: (attendee) => globalIdOfModel(attendee, 'Attendee', 'guidebook'),
  guide: (attendee, _args, context, info) => (attendee.guideId ? guideReferenceOr(info, attendee.guideId, () => guideById(context, attendee.guideId!)) : null),
  personalizedSchedules: (attendee, args, context) => attendeeScheduleConnection(context, attendee, pageArgs(args)),
};
