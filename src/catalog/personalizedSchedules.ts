import { connectionFromOffsetSource, createArraySource, fingerprint, type Connection, type ConnectionArgs, type OffsetSource } from '../connections/index.js';
import type { GuidebookDataSource, GuidebookSessionFilter } from '../datasources/guidebook/index.js';
import { sessionComparator, type AttendeeModel, type PersonalizedScheduleModel, type SessionModel } from '../models/index.js';
import { validateSessionFilter, type SessionFilterInput } from '../validation/sessionFilterInput.js';
import { EMPTY_SOURCE } from './deferredSource.js';
import { guidebookDayFilter, guidebookSessionFilter } from './sessionFilter.js';

/**
 * What to keep of a batch read by id: the found objects, in order. The caller decides what
 * a missing one means (resolvers/support's keepExisting reports it as a partial NOT_FOUND).
 */
export type KeepFound = <T>(results: ReadonlyArray<T | Error>) => T[];

/** A schedule's sessions in start-time order: all of them are read, in one batch, to sort. */
export function scheduleSessionSource(
  guidebook: GuidebookDataSource,
  schedule: PersonalizedScheduleModel,
  keep: KeepFound,
  filter: GuidebookSessionFilter = {},
): OffsetSource<SessionModel> {
  return createArraySource(async () => {
    const sessions = keep(await guidebook.sessionsByIds(schedule.guideId, schedule.sessionIds));
    return (await guidebook.filterSessions(sessions, filter)).sort(sessionComparator());
  });
}

/**
 * A schedule's sessions that `filter` (a `SessionFilter`, checked first: BAD_USER_INPUT
 * naming the argument) accepts, in start-time order. They are Guidebook sessions of the
 * schedule's guide: a filter for another provider, guide or conference matches none of
 * them, and `day` is a local date in the guide's time zone.
 */
export async function scheduleSessionConnection(
  guidebook: GuidebookDataSource,
  schedule: PersonalizedScheduleModel,
  filter: SessionFilterInput,
  args: ConnectionArgs,
  keep: KeepFound,
): Promise<Connection<SessionModel>> {
  const valid = validateSessionFilter(filter);
  const base = guidebookSessionFilter(valid);
  const scoped = base && (base.guideId === undefined || base.guideId === schedule.guideId) ? { ...base, guideId: schedule.guideId } : null;
  const options = { kind: 'scheduleSessions', fingerprint: fingerprint({ schedule: schedule.sourceId, filter: valid }) };
  if (!scoped) return connectionFromOffsetSource(EMPTY_SOURCE, args, options);
  const onDay = valid.day === undefined ? scoped : await guidebookDayFilter(scoped, valid.day, guidebook);
  return connectionFromOffsetSource(onDay ? scheduleSessionSource(guidebook, schedule, keep, onDay) : EMPTY_SOURCE, args, options);
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
