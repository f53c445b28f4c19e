import type { PersonalizedScheduleResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import { requireProvider, scheduleAttendeeSource, scheduleSessionConnection, type KeepFound } from '../catalog/index.js';
import { connectionFromOffsetSource, fingerprint } from '../connections/index.js';
import { expectGlobalId, globalIdOfModel } from '../ids/globalId.js';
import { omitNulls } from '../models/index.js';
import { keepExisting, pageArgs } from './support.js';

export const personalizedScheduleQueries: Pick<QueryResolvers, 'personalizedSchedules'> = {
  personalizedSchedules(_parent, args, context) {
    const filter = args.filter ?? {};
    const source = requireProvider(context, 'guidebook').personalizedScheduleSource({
      guideId: filter.guideId ? expectGlobalId(filter.guideId, 'filter.guideId', 'Guide').sourceId : undefined,
      attendeeId: filter.attendeeId ? expectGlobalId(filter.attendeeId, 'filter.attendeeId', 'Attendee').sourceId : undefined,
      ...omitNulls({ attendeeImportId: filter.attendeeImportId }),
    });
    return connectionFromOffsetSource(source, pageArgs(args), { kind: 'personalizedSchedules', fingerprint: fingerprint({ filter }) });
  },
};

export const PersonalizedSchedule: PersonalizedScheduleResolvers = {
  id: (schedule) => globalIdOfModel(schedule, 'PersonalizedSchedule', 'guidebook'),
  guide: (schedule, _args, context) => requireProvider(context, 'guidebook').guide.load(schedule.guideId),
  sessions(schedule, args, context, info) {
    const keep: KeepFound = (results) => keepExisting(results, context, info);
    return scheduleSessionConnection(requireProvider(context, 'guidebook'), schedule, args.filter ?? {}, pageArgs(args), keep);
  },
  attendees(schedule, args, context, info) {
    const guidebook = requireProvider(context, 'guidebook');
    const source = scheduleAttendeeSource(guidebook, schedule, (results) => keepExisting(results, context, info));
    return connectionFromOffsetSource(source, pageArgs(args), {
      kind: 'scheduleAttendees',
      fingerprint: fingerprint({ schedule: schedule.sourceId }),
    });
  },
};
