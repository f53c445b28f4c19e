import type { PersonalizedScheduleFilter } from '../__generated__/resolvers-types.js';
import { connectionFromOffsetSource, createArraySource, fingerprint, type Connection, type ConnectionArgs, type OffsetSource } from '../connections/index.js';
import type { GuidebookDataSource, GuidebookSessionFilter } from '../datasources/guidebook/index.js';
import { expectGlobalId } from '../ids/globalId.js';
import { omitNulls, sessionComparator, type AttendeeModel, type PersonalizedScheduleModel, type SessionModel } from '../models/index.js';
import { validateSessionFilter, type SessionFilterInput } from '../validation/sessionFilterInput.js';
import type { GatewayContext } from './context.js';
import { EMPTY_SOURCE } from './deferredSource.js';
import { requireProvider } from './requireProvider.js';
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
  const unfiltered = Object.keys(filter).length === 0;
  return createArraySource(async () => {
    const sessions = keep(await guidebook.sessionsByIds(schedule.guideId, schedule.sessionIds));
    return (unfiltered ? sessions : await guidebook.filterSessions(sessions, filter)).sort(sessionComparator());
  });
}

/**
 * A schedule's sessions that `filter` (a `SessionFilter`, checked first: BAD_USER_INPUT
 * naming the argument) accepts, in start-time order. They are Guidebook sessions of the
 * schedule's guide: a filter for another provider, guide or conference matches none of
 * them, and `day` is a local date in the guide's time zone.
 */
export async function scheduleSessionConnection(
  context: GatewayContext,
  schedule: PersonalizedScheduleModel,
  filter: SessionFilterInput,
  args: ConnectionArgs,
  keep: KeepFound,
): Promise<Connection<SessionModel>> {
  const guidebook = requireProvider(context, 'guidebook');
  if (Object.values(filter).every((value) => value == null)) {
    // No filter (nearly every schedule read): every session of the schedule, nothing to check.
    const options = { kind: 'scheduleSessions', fingerprint: fingerprint({ schedule: schedule.sourceId }) };
    return connectionFromOffsetSource(scheduleSessionSource(guidebook, schedule, keep), args, options);
  }
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

/**
 * One personalized schedule by its Guidebook id (schedules are Guidebook's alone); rejects
 * with NotFoundError naming Guidebook when it has none, PROVIDER_DISABLED when it is switched off.
 */
export function personalizedScheduleById(context: GatewayContext, sourceId: string): Promise<PersonalizedScheduleModel> {
  return requireProvider(context, 'guidebook').personalizedSchedule.load(sourceId);
}

/**
 * Guidebook's personalized schedules matching `filter` (its `guideId` and `attendeeId`
 * global IDs, checked: BAD_USER_INPUT naming the field), as one connection. `withSessions`:
 * the operation reads the schedules' sessions, so one attendee's may be read along with
 * the schedules (GuidebookDataSource.prefetchScheduleSessions).
 */
export function personalizedScheduleConnection(
  context: GatewayContext,
  filter: PersonalizedScheduleFilter,
  args: ConnectionArgs,
  withSessions = false,
): Promise<Connection<PersonalizedScheduleModel>> {
  const guidebook = requireProvider(context, 'guidebook');
  const attendeeId = filter.attendeeId ? expectGlobalId(filter.attendeeId, 'filter.attendeeId', 'Attendee').sourceId : undefined;
  const source = guidebook.personalizedScheduleSource({
    guideId: filter.guideId ? expectGlobalId(filter.guideId, 'filter.guideId', 'Guide').sourceId : undefined,
    attendeeId,
    ...omitNulls({ attendeeImportId: filter.attendeeImportId }),
  });
  if (withSessions && attendeeId !== undefined && !filter.guideId && !filter.attendeeImportId) guidebook.prefetchScheduleSessions(attendeeId);
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
