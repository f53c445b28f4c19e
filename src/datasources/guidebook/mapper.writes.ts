import type {
  AttendeeChanges,
  AttendeeDraft,
  PersonalizedScheduleChanges,
  PersonalizedScheduleDraft,
  SessionChanges,
  SessionDraft,
  TrackChanges,
  TrackDraft,
  UserError,
} from '../../models/writes/index.js';
import { flattenDrfErrors } from '../writes/drfFieldErrors.js';
import { toUserErrors, type InputFieldMap } from '../writes/inputFieldMap.js';
import type { GuidebookAttendeeWire } from './wire.js';

// Guidebook write quirks live here: snake_case wire names, integer ids, DRF 400 bodies
// keyed by wire field, and the idempotent attendee create.

/** Drops undefined entries: what is not given is not sent (the provider's defaults, or unchanged). */
function defined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

const int = (id: string): number => Number(id);
const ints = (ids: string[] | undefined): number[] | undefined => ids?.map(int);
/** ISO 8601 in UTC; Django's `parse_datetime` accepts the `Z`. */
const time = (value: Date | null | undefined): string | null | undefined => (value instanceof Date ? value.toISOString() : value);

function sessionFields(s: SessionChanges): Record<string, unknown> {
  return {
    name: s.name,
    description_html: s.descriptionHtml,
    start_time: time(s.startTime),
    end_time: time(s.endTime),
    all_day: s.allDay,
    allow_rating: s.allowRating,
    add_to_schedule: s.addToSchedule,
    import_id: s.importId,
    locations: ints(s.locationIds),
    schedule_tracks: ints(s.trackIds),
    rank: s.rank,
    require_login: s.requireLogin,
    max_capacity: s.maxCapacity,
    waitlist: s.waitlist,
    registration_start_date: time(s.registrationStartTime),
    registration_end_date: time(s.registrationEndTime),
  };
}

export function sessionDraftToWire(draft: SessionDraft): Record<string, unknown> {
  return defined({ guide: int(draft.guideId), ...sessionFields(draft) });
}

export function sessionChangesToWire(changes: SessionChanges): Record<string, unknown> {
  return defined(sessionFields(changes));
}

export function trackDraftToWire(draft: TrackDraft): Record<string, unknown> {
  return defined({ guide: int(draft.guideId), name: draft.name, color: draft.color, import_id: draft.importId });
}

export function trackChangesToWire(changes: TrackChanges): Record<string, unknown> {
  return defined({ name: changes.name, color: changes.color, import_id: changes.importId });
}

export function personalizedScheduleDraftToWire(draft: PersonalizedScheduleDraft): Record<string, unknown> {
  return { guide: int(draft.guideId), name: draft.name, sessions: draft.sessionIds.map(int), attendees: draft.attendeeIds.map(int) };
}

export function personalizedScheduleChangesToWire(changes: PersonalizedScheduleChanges): Record<string, unknown> {
  return defined({ sessions: ints(changes.sessionIds), attendees: ints(changes.attendeeIds) });
}

export function attendeeDraftToWire(draft: AttendeeDraft): Record<string, unknown> {
  const profile = draft.profile;
  return defined({
    guide: int(draft.guideId),
    email: draft.email,
    first_name: draft.firstName,
    last_name: draft.lastName,
    import_id: draft.importId,
    revoked: draft.revoked,
    email_opt_out: draft.emailOptOut,
    app_profile: profile
      ? defined({
          website: profile.website,
          position: profile.position,
          company: profile.company,
          contact_email: profile.contactEmail,
          phone_number: profile.phoneNumber,
        })
      : undefined,
  });
}

export function attendeeChangesToWire(changes: AttendeeChanges): Record<string, unknown> {
  return defined({ revoked: changes.revoked, email_opt_out: changes.emailOptOut, import_id: changes.importId });
}

/** Wire field → input field of each write, for mapping Guidebook's 400 bodies back. */
export const GUIDEBOOK_INPUT_FIELDS = {
  session: {
    guide: 'guideId',
    name: 'name',
    description_html: 'descriptionHtml',
    start_time: 'startTime',
    end_time: 'endTime',
    all_day: 'allDay',
    allow_rating: 'allowRating',
    add_to_schedule: 'addToSchedule',
    import_id: 'importId',
    locations: 'locationSourceIds',
    schedule_tracks: 'trackIds',
    rank: 'rank',
    require_login: 'requireLogin',
    max_capacity: 'maxCapacity',
    waitlist: 'waitlist',
    registration_start_date: 'registrationStartTime',
    registration_end_date: 'registrationEndTime',
  },
  track: { guide: 'guideId', name: 'name', color: 'color', import_id: 'importId' },
  personalizedSchedule: { guide: 'guideId', name: 'name', sessions: 'sessionIds', attendees: 'attendeeIds' },
  attendee: {
    guide: 'guideId',
    email: 'email',
    first_name: 'firstName',
    last_name: 'lastName',
    import_id: 'importId',
    revoked: 'revoked',
    email_opt_out: 'emailOptOut',
    app_profile: {
      field: 'profile',
      nested: { website: 'website', position: 'position', company: 'company', contact_email: 'contactEmail', phone_number: 'phoneNumber' },
    },
  },
  publishGuide: { guide: 'guideId' },
  publishAttendee: { attendee: 'attendeeId' },
} as const satisfies Record<string, InputFieldMap>;

/** A Guidebook 400 body as user errors at the write's input paths. */
export function guidebookUserErrors(body: unknown, fields: InputFieldMap): UserError[] {
  return toUserErrors(flattenDrfErrors(body, 'Guidebook refused the request.'), fields);
}

const blank = (value: string | null | undefined): string | null => (value?.trim() ? value : null);

/**
 * Whether Guidebook's idempotent attendee POST created the attendee (true) or returned an
 * existing one unchanged (false). The answer's status cannot tell (the real server may say
 * 201 for both), so the answer is compared with what was sent: a new attendee has the
 * posted email, import id, flags and profile, status 0 and no email sent yet; names are
 * left out because a new attendee takes the names of an account Guidebook already knows.
 * An existing attendee identical to the post is reported as created — harmless, as the
 * result is the same attendee either way.
 */
export function attendeeWasCreated(draft: AttendeeDraft, wire: GuidebookAttendeeWire): boolean {
  if (wire.email !== draft.email) return false;
  if (blank(wire.import_id) !== blank(draft.importId)) return false;
  if ((wire.revoked ?? false) !== (draft.revoked ?? false) || (wire.email_opt_out ?? false) !== (draft.emailOptOut ?? false)) return false;
  if ((wire.status ?? 0) !== 0 || blank(wire.last_email_send) !== null) return false;
  const profile = wire.app_profile ?? {};
  const sent = draft.profile ?? {};
  const keys = { website: 'website', position: 'position', company: 'company', contactEmail: 'contact_email', phoneNumber: 'phone_number' } as const;
  for (const [key, wireKey] of Object.entries(keys) as Array<[keyof typeof keys, string]>) {
    if (blank(profile[wireKey]) !== blank(sent[key])) return false;
  }
  return true;
}
