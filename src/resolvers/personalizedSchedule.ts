import type { PersonalizedScheduleResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import { guideById, personalizedScheduleConnection, scheduleAttendeeConnection, scheduleSessionConnection } from '../catalog/index.js';
import { globalIdOfModel } from '../ids/globalId.js';
import { selects } from './lookahead.js';
import { guideReferenceOr, keepExisting, pageArgs } from './support.js';

export const personalizedScheduleQueries: Pick<QueryResolvers, 'personalizedSchedules'> = {
  personalizedSchedules: (_parent, args, context, info) =>
    personalizedScheduleConnection(context, args.filter ?? {}, pageArgs(args), selects(info, ['edges', 'node', 'sessions'])),
};

export const PersonalizedSchedule: PersonalizedScheduleResolvers = {
  id: (schedule) => globalIdOfModel(schedule, 'PersonalizedSchedule', 'guidebook'),
  guide: (schedule, _args, context, info) => guideReferenceOr(info, schedule.guideId, () => guideById(context, schedule.guideId)),
  sessions: (schedule, args, context, info) =>
    scheduleSessionConnection(context, schedule, args.filter ?? {}, pageArgs(args), (results) => keepExisting(results, context, info)),
  attendees: (schedule, args, context, info) =>
    scheduleAttendeeConnection(context, schedule, pageArgs(args), (results) => keepExisting(results, context, info)),
};
