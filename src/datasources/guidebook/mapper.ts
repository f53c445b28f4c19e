import { DateTime } from 'luxon';

import { parseIsoInstant } from '../../datetime/index.js';
import type { AttendeeModel, AttendeeStatus, GuideModel, LocationModel, PersonalizedScheduleModel, SessionModel, TrackModel } from '../../models/index.js';
import type {
  GuidebookAttendeeWire,
  GuidebookGuideWire,
  GuidebookLocationWire,
  GuidebookPersonalizedScheduleWire,
  GuidebookSessionWire,
  GuidebookTrackWire,
} from './wire.js';

// Guidebook quirks live here: `+0000` offsets with microseconds, naive datetimes meaning
// UTC, `guide_id` vs `guide`, the legacy field set (`thumbnail`, `last_updated`).

/** `"2017-09-18T16:00:00.000000+0000"`, `"2017-09-18T16:00:00"` (UTC) → Date; null for blank or garbage. */
export function parseGuidebookTime(value: string | null | undefined): Date | null {
  if (!value?.trim()) return null;
  const fast = parseIsoInstant(value.trim());
  if (fast) return fast;
  const iso = DateTime.fromISO(value.trim(), { zone: 'utc' });
  if (iso.isValid) return iso.toJSDate();
  const sql = DateTime.fromSQL(value.trim(), { zone: 'utc' });
  return sql.isValid ? sql.toJSDate() : null;
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function httpUrl(value: string | null | undefined): string | null {
  const url = blankToNull(value);
  return url && URL.canParse(url) && /^https?:/i.test(url) ? url : null;
}

function toNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function toSession(wire: GuidebookSessionWire): SessionModel {
  return {
    source: 'GUIDEBOOK',
    sourceId: String(wire.id),
    name: wire.name,
    descriptionHtml: blankToNull(wire.description_html),
    startTime: parseGuidebookTime(wire.start_time),
    endTime: parseGuidebookTime(wire.end_time),
    allDay: wire.all_day ?? false,
    locations: (wire.locations ?? []).map((id) => ({ kind: 'guidebook' as const, id: String(id) })),
    imageUrl: httpUrl(wire.image) ?? httpUrl(wire.thumbnail),
    importId: blankToNull(wire.import_id),
    sessionType: null,
    published: true,
    allowRating: wire.allow_rating ?? null,
    addToSchedule: wire.add_to_schedule ?? null,
    maxCapacity: wire.max_capacity ?? null,
    waitlist: wire.waitlist ?? null,
    requireLogin: wire.require_login ?? null,
    registrationStartTime: parseGuidebookTime(wire.registration_start_date),
    registrationEndTime: parseGuidebookTime(wire.registration_end_date),
    rank: toNumber(wire.rank),
    credits: [],
    customFields: [],
    learningObjectives: [],
    detailsUrl: null,
    hasHandouts: null,
    createdAt: parseGuidebookTime(wire.created_at),
    updatedAt: parseGuidebookTime(wire.last_updated),
    tracks: (wire.schedule_tracks ?? []).map((id) => ({ kind: 'guidebook' as const, id: String(id) })),
    speakers: [],
    guideId: String(wire.guide),
  };
}

export function toTrack(wire: GuidebookTrackWire): TrackModel {
  const color = blankToNull(wire.color);
  return {
    source: 'GUIDEBOOK',
    sourceId: String(wire.id),
    name: wire.name,
    color: color && /^#[0-9a-f]{6}$/i.test(color) ? color.toUpperCase() : null,
    description: null,
    importId: blankToNull(wire.import_id),
    createdAt: parseGuidebookTime(wire.created_at),
    guideId: String(wire.guide),
  };
}

export function toGuide(wire: GuidebookGuideWire): GuideModel {
  return {
    sourceId: String(wire.id),
    name: wire.name,
    shortName: blankToNull(wire.short_name),
    descriptionHtml: blankToNull(wire.description_html),
    timeZone: blankToNull(wire.timezone),
    startDate: parseGuidebookTime(wire.start_date),
    endDate: parseGuidebookTime(wire.end_date),
    attendeesEstimate: wire.attendees_estimate ?? null,
    createdAt: parseGuidebookTime(wire.created_at),
  };
}

export function toLocation(wire: GuidebookLocationWire): LocationModel {
  const venue = wire.address ? (blankToNull(wire.address.address) ?? blankToNull(wire.address.street)) : null;
  return { name: wire.name, venue, sourceId: String(wire.id) };
}

const STATUSES: AttendeeStatus[] = ['CREATED', 'INVITED_NEW_ACCOUNT', 'INVITED_EXISTING_ACCOUNT', 'ACCEPTED'];

export function toAttendee(wire: GuidebookAttendeeWire): AttendeeModel {
  const profile = wire.app_profile;
  const guide = wire.guide_id ?? wire.guide;
  return {
    sourceId: String(wire.id),
    guideId: guide === null || guide === undefined ? null : String(guide),
    firstName: wire.first_name ?? '',
    lastName: wire.last_name ?? '',
    email: wire.email,
    importId: blankToNull(wire.import_id),
    avatarUrl: httpUrl(wire.avatar),
    coverUrl: httpUrl(wire.cover),
    profile: profile
      ? {
          website: blankToNull(profile.website),
          position: blankToNull(profile.position),
          company: blankToNull(profile.company),
          contactEmail: blankToNull(profile.contact_email),
          phoneNumber: blankToNull(profile.phone_number),
        }
      : null,
    revoked: wire.revoked ?? false,
    emailOptOut: wire.email_opt_out ?? false,
    status: STATUSES[wire.status ?? 0] ?? 'CREATED',
    lastEmailSentAt: parseGuidebookTime(wire.last_email_send),
    qrBadge: blankToNull(wire.qr_badge),
    createdAt: parseGuidebookTime(wire.created_at),
  };
}

export function toPersonalizedSchedule(wire: GuidebookPersonalizedScheduleWire): PersonalizedScheduleModel {
  return {
    sourceId: String(wire.id),
    guideId: String(wire.guide),
    name: wire.name,
    sessionIds: wire.sessions.map(String),
    attendeeIds: wire.attendees.map(String),
    createdAt: parseGuidebookTime(wire.created_at),
  };
}

/** The provider's attendee status number for a schedule's enum value. */
export function attendeeStatusNumber(status: AttendeeStatus): number {
  return STATUSES.indexOf(status);
}
