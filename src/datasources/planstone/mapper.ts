import { DateTime } from 'luxon';

import { zonedWallTimeToUtc } from '../../datetime/index.js';
import type {
  CustomFieldModel,
  LocationModel,
  LocationRef,
  PlanstoneConferenceRef,
  SessionCreditModel,
  SessionModel,
  SpeakerEngagementModel,
  SpeakerModel,
  TrackModel,
  TrackRef,
} from '../../models/index.js';
import type { PlanstoneEngagementWire, PlanstoneSessionWire, PlanstoneSpeakerWire } from './wire.js';

// Every Planstone quirk is handled here and nowhere else: `" "` times, `""` dates,
// `"0.0"` numbers, `true`/`1`/`null` booleans, local times without a zone, markdown links.

/** Trims; empty or whitespace-only becomes null (the feed sends `" "` for "no time"). */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** An id as text: the feed's ids are strings, but a number is taken too (`21899` → `"21899"`). */
function idText(value: string | number | null | undefined): string | null {
  return typeof value === 'number' ? String(value) : blankToNull(value);
}

/** `true`, `1`, `"1"`, `"true"`, `"yes"` → true; `false`, `0`, `"0"`, `"false"`, `""` → false; null/absent → null. */
export function toBoolean(value: boolean | number | string | null | undefined): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  const normalised = value.trim().toLowerCase();
  if (normalised === '') return false;
  return ['1', 'true', 'yes', 'y', 't'].includes(normalised);
}

/** `"0.0"` → 0, `"1.5"` → 1.5, `""`/null/garbage → null. */
export function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
}

const TIME_FORMATS = ['h:mm a', 'hh:mm a', 'h:mma', 'H:mm', 'HH:mm', 'HH:mm:ss', 'h a'];
// A conference has a few dozen distinct clock strings; parsing each once keeps luxon's
// format matching (slow: it builds its regexes per call) off the per-session path.
const clockMinutes = new Map<string, number | null>();
const MAX_REMEMBERED_CLOCKS = 10_000;

/** Minutes after midnight from `"07:30 pm"`, `"7:30PM"` or `"19:30"`; null for `" "` or garbage. */
export function parseClockMinutes(time: string | null | undefined): number | null {
  const clock = blankToNull(time)?.toUpperCase();
  if (!clock) return null;
  const known = clockMinutes.get(clock);
  if (known !== undefined) return known;
  let minutes: number | null = null;
  for (const format of TIME_FORMATS) {
    const parsed = DateTime.fromFormat(clock, format, { zone: 'utc', locale: 'en-US' });
    if (parsed.isValid) {
      minutes = parsed.hour * 60 + parsed.minute;
      break;
    }
  }
  if (clockMinutes.size >= MAX_REMEMBERED_CLOCKS) clockMinutes.clear();
  clockMinutes.set(clock, minutes);
  return minutes;
}

const LOCAL_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `"2024-01-31 15:30:43"` in the conference zone. */
function parseLocalTimestamp(value: string | null | undefined, zone: string): Date | null {
  const text = blankToNull(value);
  if (!text) return null;
  const m = LOCAL_TIMESTAMP.exec(text);
  if (!m) return null;
  const [hours, minutes, seconds] = [m[2], m[3], m[4]].map(Number) as [number, number, number];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return zonedWallTimeToUtc(m[1]!, hours * 60 + minutes, zone, seconds);
}

/** The feed writes some URLs as markdown links: `[Session Details](https://...)`. */
export function extractUrl(value: string | null | undefined): string | null {
  const text = blankToNull(value);
  if (!text) return null;
  const markdown = /\]\((\S+?)\)\s*$/.exec(text);
  const candidate = markdown?.[1] ?? text;
  return URL.canParse(candidate) && /^https?:/i.test(candidate) ? candidate : null;
}

/** When a session starts: a date without a time is a whole-day session; no date, no start. */
function sessionStart(wire: PlanstoneSessionWire, zone: string): { start: Date | null; allDay: boolean } {
  const startDate = blankToNull(wire.startDate);
  if (!startDate) return { start: null, allDay: false };
  const startMinutes = parseClockMinutes(wire.startTime) ?? toNumber(wire.rstartmins);
  // A date without a time: the session runs that whole day.
  if (startMinutes === null) return { start: zonedWallTimeToUtc(startDate, 0, zone), allDay: true };
  return { start: zonedWallTimeToUtc(startDate, startMinutes, zone), allDay: false };
}

/** When a session that starts at `start` ends; null without an end time (or a start). */
function sessionEnd(wire: PlanstoneSessionWire, zone: string, start: Date | null, allDay: boolean): Date | null {
  const startDate = blankToNull(wire.startDate);
  if (!startDate || allDay) return null;
  const endMinutes = parseClockMinutes(wire.endTime) ?? toNumber(wire.rendmins);
  if (endMinutes === null) return null;
  const endDate = blankToNull(wire.endDate) ?? startDate;
  const end = zonedWallTimeToUtc(endDate, endMinutes, zone);
  // "11:00 pm" to "01:00 am" on one date (no end date, or the start date repeated) runs past midnight.
  if (start && end && end < start && endDate === startDate) return zonedWallTimeToUtc(endDate, endMinutes + 1440, zone);
  return end;
}

// The feed's numbered field families, their names built once (a session has ~70 of them).
const numberedKeys = <K extends Record<string, string>>(count: number, keys: (n: number) => K): K[] => Array.from({ length: count }, (_, i) => keys(i + 1));
const CREDIT_KEYS = numberedKeys(9, (n) => ({ label: `credits${n}_label`, value: `credits${n}` }));
const CUSTOM_KEYS = numberedKeys(20, (n) => ({ value: `custom${n}`, name: `custom${n}name`, fallbackName: `custom${n}` }));
const OBJECTIVE_KEYS = numberedKeys(10, (n) => ({ value: `learning_objective${n}` }));

function numbered<K, T>(keys: readonly K[], pick: (key: K) => T | null): T[] {
  const out: T[] = [];
  for (const key of keys) {
    const value = pick(key);
    if (value !== null) out.push(value);
  }
  return out;
}

function field(wire: Record<string, unknown>, key: string): string | null {
  const value = wire[key];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? blankToNull(value) : null;
}

function credits(wire: Record<string, unknown>): SessionCreditModel[] {
  return numbered(CREDIT_KEYS, (keys) => {
    const label = field(wire, keys.label);
    const value = toNumber(field(wire, keys.value)) ?? 0;
    return label ? { label, value } : null;
  });
}

function customFields(wire: Record<string, unknown>): CustomFieldModel[] {
  return numbered(CUSTOM_KEYS, (keys) => {
    const value = field(wire, keys.value);
    return value ? { name: field(wire, keys.name) ?? keys.fallbackName, value } : null;
  });
}

function personName(parts: Array<string | null | undefined>): string | null {
  const name = parts
    .map(blankToNull)
    .filter((part): part is string => part !== null)
    .join(' ');
  return name || null;
}

export function toEngagement(wire: PlanstoneEngagementWire, conference?: PlanstoneConferenceRef): SpeakerEngagementModel {
  const engagement: SpeakerEngagementModel = {
    personId: String(wire.pid),
    role: blankToNull(wire.role),
    sortOrder: toNumber(wire.sortorder),
    published: toBoolean(wire.published) ?? false,
    title: blankToNull(wire.title),
    affiliation: blankToNull(wire.affil) ?? blankToNull(wire.company),
    displayName: personName([wire.fname, wire.lname]),
  };
  if (conference) engagement.planstoneConference = conference;
  return engagement;
}

/** A stable track model for a Planstone track name (of `conference`, when given). */
export function toTrack(name: string, description: string | null, conference?: PlanstoneConferenceRef): TrackModel {
  const track: TrackModel = { source: 'PLANSTONE', sourceId: name, name, color: null, description, importId: null, createdAt: null, guideId: null };
  if (conference) track.planstoneConference = conference;
  return track;
}

/**
 * The feed's fields a session's list read asks for (Eve's `projection`): everything the
 * model reads except what SESSION_DETAIL_FIELDS need, and none of the fields it never reads
 * — two fifths of the feed's bytes. Top-level names only: Eve keeps a client projection's
 * fields only where the resource's own projection lists them, and that lists top-level
 * fields, so `speakers.pid` would be dropped, not honoured. Eve adds `_id` and its meta
 * fields itself.
 */
export const SESSION_LIST_FIELDS = [
  'schedid',
  'sessionClientID',
  'clientid',
  'sessionName',
  'sessionType',
  'startDate',
  'endDate',
  'startTime',
  'endTime',
  'rstartmins',
  'rendmins',
  'roomname',
  'sched_roomname',
  'location',
  'hotelname',
  'roomid',
  'published',
  'tracks',
  'speakers',
] as const;

/**
 * The model fields a list read (SESSION_LIST_FIELDS) cannot give: the description, the 70-odd
 * numbered credit, custom and objective fields, the details link, handouts and timestamps.
 * They are also the GraphQL field names of `Session` that show them.
 */
export const SESSION_DETAIL_FIELDS = [
  'descriptionHtml',
  'credits',
  'customFields',
  'learningObjectives',
  'detailsUrl',
  'hasHandouts',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof SessionModel>;

function sessionLocations(wire: PlanstoneSessionWire, conference: PlanstoneConferenceRef | undefined): LocationRef[] {
  const room = blankToNull(wire.roomname) ?? blankToNull(wire.sched_roomname) ?? blankToNull(wire.location);
  if (!room) return [];
  const location: LocationModel = { name: room, venue: blankToNull(wire.hotelname), sourceId: idText(wire.roomid) };
  if (conference) location.planstoneConference = conference;
  return [{ kind: 'inline', location }];
}

function sessionSpeakers(wire: PlanstoneSessionWire, conference: PlanstoneConferenceRef | undefined): SpeakerEngagementModel[] {
  return (wire.speakers ?? [])
    .map((engagement) => toEngagement(engagement, conference))
    .sort((a, b) => (a.sortOrder ?? Number.MAX_SAFE_INTEGER) - (b.sortOrder ?? Number.MAX_SAFE_INTEGER));
}

function sessionTracks(wire: PlanstoneSessionWire, conference: PlanstoneConferenceRef | undefined): TrackRef[] {
  return (wire.tracks ?? []).flatMap((t) => {
    const name = blankToNull(t.track);
    return name ? [{ kind: 'inline' as const, track: toTrack(name, blankToNull(t.desc), conference) }] : [];
  });
}

/** How a session was read: whole, or by a list read of SESSION_LIST_FIELDS only. */
export type SessionRead = 'whole' | 'list';

/**
 * One feed session as the unified model, local times read in the conference zone.
 *
 * Any ordered read maps every session of the feed (900 here) to filter and order them, and a
 * page shows 50 of them: what ordering and filtering by id, import id or publication read is
 * mapped at once; the rest (end, rooms, tracks, speakers, the numbered credit, custom and objective
 * fields, links, timestamps) on first read, then kept — it was seven eighths of the mapping
 * time. The lazy fields are getters on the prototype, not on each object: an object literal
 * with getters builds a closure per getter per session, and that was half of a feed read's
 * mapping time. Read fields by name; `toJSON` gives every field (spreading gives only the
 * eager ones).
 *
 * A session read by a list read (`read: 'list'`) has no SESSION_DETAIL_FIELDS: reading one
 * throws, so that a caller that asked for the wrong read fails loudly instead of showing an
 * empty description.
 */
export class PlanstoneSession implements SessionModel {
  readonly source = 'PLANSTONE' as const;
  readonly sourceId: string;
  readonly name: string;
  readonly startTime: Date | null;
  readonly allDay: boolean;
  readonly imageUrl = null;
  readonly importId: string | null;
  readonly sessionType: string | null;
  readonly published: boolean | null;
  readonly allowRating = null;
  readonly addToSchedule = null;
  readonly maxCapacity = null;
  readonly waitlist = null;
  readonly requireLogin = null;
  readonly registrationStartTime = null;
  readonly registrationEndTime = null;
  readonly rank = null;
  readonly createdAt = null;
  readonly guideId = null;
  /** The configured conference it was read from; absent for the first (see PlanstoneConferenceRef). */
  readonly planstoneConference: PlanstoneConferenceRef | undefined;

  readonly #wire: PlanstoneSessionWire;
  readonly #zone: string;
  readonly #read: SessionRead;
  // Computed on first read; undefined means "not yet" (no field of the model is undefined).
  #endTime: Date | null | undefined;
  #locations: LocationRef[] | undefined;
  #tracks: TrackRef[] | undefined;
  #speakers: SpeakerEngagementModel[] | undefined;
  #descriptionHtml: string | null | undefined;
  #credits: SessionCreditModel[] | undefined;
  #customFields: CustomFieldModel[] | undefined;
  #learningObjectives: string[] | undefined;
  #detailsUrl: string | null | undefined;
  #hasHandouts: boolean | null | undefined;
  #updatedAt: Date | null | undefined;

  constructor(wire: PlanstoneSessionWire, zone: string, read: SessionRead, conference?: PlanstoneConferenceRef) {
    this.planstoneConference = conference;
    this.#wire = wire;
    this.#zone = zone;
    this.#read = read;
    this.sourceId = idText(wire.schedid) ?? wire._id;
    this.name = blankToNull(wire.sessionName) ?? '(untitled session)';
    const { start, allDay } = sessionStart(wire, zone);
    this.startTime = start;
    this.allDay = allDay;
    this.importId = idText(wire.sessionClientID) ?? idText(wire.clientid);
    this.sessionType = blankToNull(wire.sessionType);
    this.published = toBoolean(wire.published);
  }

  get endTime(): Date | null {
    if (this.#endTime === undefined) this.#endTime = sessionEnd(this.#wire, this.#zone, this.startTime, this.allDay);
    return this.#endTime;
  }

  get locations(): LocationRef[] {
    return (this.#locations ??= sessionLocations(this.#wire, this.planstoneConference));
  }

  get tracks(): TrackRef[] {
    return (this.#tracks ??= sessionTracks(this.#wire, this.planstoneConference));
  }

  get speakers(): SpeakerEngagementModel[] {
    return (this.#speakers ??= sessionSpeakers(this.#wire, this.planstoneConference));
  }

  get descriptionHtml(): string | null {
    if (this.#descriptionHtml === undefined) this.#descriptionHtml = blankToNull(this.#details('descriptionHtml').description);
    return this.#descriptionHtml;
  }

  get credits(): SessionCreditModel[] {
    return (this.#credits ??= credits(this.#details('credits')));
  }

  get customFields(): CustomFieldModel[] {
    return (this.#customFields ??= customFields(this.#details('customFields')));
  }

  get learningObjectives(): string[] {
    const raw = this.#details('learningObjectives');
    return (this.#learningObjectives ??= numbered(OBJECTIVE_KEYS, (keys) => field(raw, keys.value)));
  }

  get detailsUrl(): string | null {
    if (this.#detailsUrl === undefined) this.#detailsUrl = extractUrl(this.#details('detailsUrl').SessionDetailsURL);
    return this.#detailsUrl;
  }

  get hasHandouts(): boolean | null {
    if (this.#hasHandouts === undefined) this.#hasHandouts = toBoolean(this.#details('hasHandouts').has_handouts);
    return this.#hasHandouts;
  }

  get updatedAt(): Date | null {
    if (this.#updatedAt === undefined) {
      const wire = this.#details('updatedAt');
      this.#updatedAt = parseLocalTimestamp(blankToNull(wire.session_updated_at) ?? wire.updated_at, this.#zone);
    }
    return this.#updatedAt;
  }

  /** Every field, lazy ones included, as a plain object (for `JSON.stringify`, logs, tests). */
  toJSON(): SessionModel {
    const plain = { ...this } as Partial<SessionModel>;
    // Optional in the model: absent, not undefined, when the session has no conference reference.
    if (plain.planstoneConference === undefined) delete plain.planstoneConference;
    for (const key of LAZY_FIELDS) {
      if (this.#read === 'list' && (SESSION_DETAIL_FIELDS as readonly string[]).includes(key)) continue;
      (plain as Record<string, unknown>)[key] = this[key];
    }
    return plain as SessionModel;
  }

  /** The wire session, for a detail field: which a list read does not carry. */
  #details(key: (typeof SESSION_DETAIL_FIELDS)[number]): PlanstoneSessionWire & Record<string, unknown> {
    if (this.#read === 'list') throw new Error(`Planstone session ${this.sourceId}: \`${key}\` read from a list read, which does not carry it.`);
    return this.#wire as PlanstoneSessionWire & Record<string, unknown>;
  }
}

const LAZY_FIELDS = ['endTime', 'locations', 'tracks', 'speakers', ...SESSION_DETAIL_FIELDS] as const satisfies ReadonlyArray<keyof SessionModel>;

/** Maps one feed session to the unified model (see PlanstoneSession), of `conference` when given. */
export function toSession(wire: PlanstoneSessionWire, zone: string, read: SessionRead = 'whole', conference?: PlanstoneConferenceRef): PlanstoneSession {
  return new PlanstoneSession(wire, zone, read, conference);
}

/** One feed person as the unified model (of `conference`, when given). */
export function toSpeaker(wire: PlanstoneSpeakerWire, conference?: PlanstoneConferenceRef): SpeakerModel {
  const firstName = blankToNull(wire.fname);
  const lastName = blankToNull(wire.lname);
  const speaker: SpeakerModel = {
    sourceId: String(wire.pid),
    firstName,
    lastName,
    displayName: personName([wire.honorific, wire.fname, wire.lname, wire.suffix]) ?? `Person ${wire.pid}`,
    title: blankToNull(wire.title),
    company: blankToNull(wire.company),
    bioHtml: blankToNull(wire.bio),
    photoUrl: extractUrl(wire.piclink),
    email: blankToNull(wire.email),
    city: blankToNull(wire.city),
    state: blankToNull(wire.state),
    country: blankToNull(wire.country),
    published: toBoolean(wire.published),
  };
  if (conference) speaker.planstoneConference = conference;
  return speaker;
}
