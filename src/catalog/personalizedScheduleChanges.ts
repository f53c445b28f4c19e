import { NotFoundError, ProviderDisabledError } from '../errors/index.js';
import { expectGlobalId, parseGlobalId } from '../ids/globalId.js';
import type { PersonalizedScheduleModel } from '../models/index.js';
import type { PersonalizedScheduleChangeEvent, PersonalizedScheduleChangePageModel } from '../models/personalizedScheduleChange.js';
import { followChanges, readChangePage } from './changeLogPages.js';
import type { GatewayContext } from './context.js';
import { personalizedScheduleById } from './personalizedSchedules.js';

export interface PersonalizedScheduleChangesArgs {
  since?: string | null;
  first?: number | null;
  attendeeId?: string | null;
}

/** The change filter of an `attendeeId` argument (checked: BAD_USER_INPUT naming it): schedules assigned to the attendee before or after the change. */
function attendeeMatcher(attendeeId: string | null | undefined): ((change: PersonalizedScheduleChangeEvent) => boolean) | undefined {
  if (attendeeId == null) return undefined;
  const attendee = expectGlobalId(attendeeId, 'attendeeId', 'Attendee').sourceId;
  return (change) => [change.before, change.after].some((schedule) => schedule !== null && schedule.attendeeIds.includes(attendee));
}

/** `Query.personalizedScheduleChanges`: a page of the personalized schedules' change log (readChangePage's rules). */
export function personalizedScheduleChanges(
  context: GatewayContext,
  { since, first, attendeeId }: PersonalizedScheduleChangesArgs,
): Promise<PersonalizedScheduleChangePageModel> {
  return readChangePage(context.changeLogs.personalizedSchedules, since, first, attendeeMatcher(attendeeId));
}

/** `Subscription.personalizedScheduleChanged`: the schedule changes after `since`, then each new one, for `attendeeId`'s schedules (or all). */
export function personalizedScheduleChangeStream(
  context: GatewayContext,
  attendeeId: string | null | undefined,
  since: string | undefined,
): Promise<AsyncIterableIterator<PersonalizedScheduleChangeEvent>> {
  const matches = attendeeMatcher(attendeeId) ?? (() => true);
  return followChanges(context.changeLogs.personalizedSchedules, since, matches);
}

/**
 * `PersonalizedScheduleChange.personalizedSchedule`: the schedule as Guidebook has it now
 * (for a change delivered live, as detected), or null when the change deleted it or it is gone since.
 */
export async function scheduleOfChange(context: GatewayContext, change: PersonalizedScheduleChangeEvent): Promise<PersonalizedScheduleModel | null> {
  if (change.kind === 'DELETED') return null;
  if (change.live) return change.after;
  const id = parseGlobalId(change.personalizedScheduleId);
  if (!id) return null;
  try {
    return await personalizedScheduleById(context, id.sourceId);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ProviderDisabledError) return null;
    throw error;
  }
}
