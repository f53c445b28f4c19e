import { createArraySource, type OffsetSource } from '../connections/index.js';
import type { GuidebookDataSource } from '../datasources/guidebook/index.js';
import { sessionComparator, type AttendeeModel, type PersonalizedScheduleModel, type SessionModel } from '../models/index.js';

/**
 * What to keep of a batch read by id: the found objects, in order. The caller decides what
 * a missing one means (resolvers/support's keepExisting reports it as a partial NOT_FOUND).
 */
export type KeepFound = <T>(results: ReadonlyArray<T | Error>) => T[];

/** A schedule's sessions in start-time order: all of them are read, in one batch, to sort. */
export function scheduleSessionSource(guidebook: GuidebookDataSource, schedule: PersonalizedScheduleModel, keep: KeepFound): OffsetSource<SessionModel> {
  return createArraySource(async () => keep(await guidebook.sessionsByIds(schedule.guideId, schedule.sessionIds)).sort(sessionComparator()));
}

/** A schedule's attendees in the schedule's order; only those of the requested window are read. */
export function scheduleAttendeeSource(guidebook: GuidebookDataSource, schedule: PersonalizedScheduleModel, keep: KeepFound): OffsetSource<AttendeeModel> {
  return {
    read: async (offset, limit) => ({
      items: keep(await guidebook.attendeesByIds(schedule.guideId, schedule.attendeeIds.slice(offset, offset + limit))),
      totalCount: schedule.attendeeIds.length,
    }),
  };
}
