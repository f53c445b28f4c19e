import type { PersonalizedScheduleResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import { connectionFromOffsetSource, createArraySource, fingerprint } from '../connections/index.js';
import { expectGlobalId, globalIdOf } from '../ids/globalId.js';
import { sessionComparator } from '../models/index.js';
import { requireProvider } from '../server/context.js';
import { keepExisting, pageArgs } from './support.js';

export const personalizedScheduleQueries: Pick<QueryResolvers, 'personalizedSchedules'> = {
  personalizedSchedules(_parent, args, context) {
    const filter = args.filter ?? {};
    const source = requireProvider(context, 'guidebook').personalizedScheduleSource({
      guideId: filter.guideId ? expectGlobalId(filter.guideId, 'filter.guideId', 'Guide').sourceId : undefined,
      attendeeId: filter.attendeeId ? expectGlobalId(filter.attendeeId, 'filter.attendeeId', 'Attendee').sourceId : undefined,
      attendeeImportId: filter.attendeeImportId ?? undefined,
    });
    return connectionFromOffsetSource(source, pageArgs(args), { kind: 'personalizedSchedules', fingerprint: fingerprint({ filter }) });
  },
};

export const PersonalizedSchedule: PersonalizedScheduleResolvers = {
  id: (schedule) => globalIdOf(schedule, 'PersonalizedSchedule', 'guidebook'),
  guide: (schedule, _args, context) => requireProvider(context, 'guidebook').guide.load(schedule.guideId),
  sessions(schedule, args, context, info) {
    const guidebook = requireProvider(context, 'guidebook');
    // Start-time order needs every session of the schedule; they come in one batch.
    const source = createArraySource(async () => {
      const sessions = keepExisting(await guidebook.sessionsByIds(schedule.guideId, schedule.sessionIds), context, info);
      return sessions.sort(sessionComparator());
    });
    return connectionFromOffsetSource(source, pageArgs(args), {
      kind: 'scheduleSessions',
      fingerprint: fingerprint({ schedule: schedule.sourceId }),
    });
  },
  attendees(schedule, args, context, info) {
    const guidebook = requireProvider(context, 'guidebook');
    // Only the attendees on the requested page are loaded.
    const source = {
      read: async (offset: number, limit: number) => ({
        items: keepExisting(await guidebook.attendeesByIds(schedule.guideId, schedule.attendeeIds.slice(offset, offset + limit)), context, info),
        totalCount: schedule.attendeeIds.length,
      }),
    };
    return connectionFromOffsetSource(source, pageArgs(args), {
      kind: 'scheduleAttendees',
      fingerprint: fingerprint({ schedule: schedule.sourceId }),
    });
  },
};
