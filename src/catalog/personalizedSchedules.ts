import type { PersonalizedScheduleFilter } from '../__generated__/resolvers-types.js';
import { connectionFromOffsetSource, createArraySource, fingerprint, type Connection, type ConnectionArgs, type OffsetSource } from '../connections/index.js';
import type { GuidebookDataSource } from '../datasources/guidebook/index.js';
import { expectGlobalId } from '../ids/globalId.js';
import { omitNulls, sessionComparator, type AttendeeModel, type PersonalizedScheduleModel, type SessionModel } from '../models/index.js';
import type { GatewayContext } from './context.js';
import { requireProvider } from './requireProvider.js';

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

/**
 * One personalized schedule by its Guidebook id (schedules are Guidebook's alone); rejects
 * with NotFoundError naming Guidebook when it has none, PROVIDER_DISABLED when it is switched off.
 */
export function personalizedScheduleById(context: GatewayContext, sourceId: string): Promise<PersonalizedScheduleModel> {
  return requireProvider(context, 'guidebook').personalizedSchedule.load(sourceId);
}

/**
 * Guidebook's personalized schedules matching `filter` (its `guideId` and `attendeeId`
 * global IDs, checked: BAD_USER_INPUT naming the field), as one connection.
 */
export function personalizedScheduleConnection(
  context: GatewayContext,
  filter: PersonalizedScheduleFilter,
  args: ConnectionArgs,
): Promise<Connection<PersonalizedScheduleModel>> {
  const source = requireProvider(context, 'guidebook').personalizedScheduleSource({
    guideId: filter.guideId ? expectGlobalId(filter.guideId, 'filter.guideId', 'Guide').sourceId : undefined,
    attendeeId: filter.attendeeId ? expectGlobalId(filter.attendeeId, 'filter.attendeeId', 'Attendee').sourceId : undefined,
    ...omitNulls({ attendeeImportId: filter.attendeeImportId }),
  });
  return connectionFromOffsetSource(source, args, { kind: 'personalizedSchedules', fingerprint: fingerprint({ filter }) });
}

/** An attendee's personalized schedules (within the attendee's guide), as one connection. */
export function attendeeScheduleConnection(
  context: GatewayContext,
  attendee: AttendeeModel,
  args: ConnectionArgs,
): Promise<Connection<PersonalizedScheduleModel>> {
  const source = requireProvider(context, 'guidebook').schedulesOfAttendeeSource(attendee.sourceId, attendee.guideId);
  return connectionFromOffsetSource(source, args, { kind: 'attendeeSchedules', fingerprint: fingerprint({ attendee: attendee.sourceId }) });
}

/** A schedule's sessions (see scheduleSessionSource) as one connection; `keep` decides what a missing one means. */
export function scheduleSessionConnection(
  context: GatewayContext,
  schedule: PersonalizedScheduleModel,
  args: ConnectionArgs,
  keep: KeepFound,
): Promise<Connection<SessionModel>> {
  const source = scheduleSessionSource(requireProvider(context, 'guidebook'), schedule, keep);
  return connectionFromOffsetSource(source, args, { kind: 'scheduleSessions', fingerprint: fingerprint({ schedule: schedule.sourceId }) });
}

/** A schedule's attendees (see scheduleAttendeeSource) as one connection; `keep` decides what a missing one means. */
export function scheduleAttendeeConnection(
  context: GatewayContext,
  schedule: PersonalizedScheduleModel,
  args: ConnectionArgs,
  keep: KeepFound,
): Promise<Connection<AttendeeModel>> {
  const source = scheduleAttendeeSource(requireProvider(context, 'guidebook'), schedule, keep);
  return connectionFromOffsetSource(source, args, { kind: 'scheduleAttendees', fingerprint: fingerprint({ schedule: schedule.sourceId }) });
}
