import type { RouteDefinition } from '../../kit/index.js';
import type { BodyInput } from '../bodyInput.js';
import type { GuidebookContext } from '../context.js';
import { formatDateTime, formatNullableDateTime } from '../datetime.js';
import { booleanField, charField, dateTimeField, floatField, imageField, integerField, primaryKeyField, primaryKeyListField } from '../fields.js';
import { hasErrors, readFields, type FieldSpec } from '../readFields.js';
import type { SessionRecord } from '../records.js';
import { pyFloat } from '../renderJson.js';
import type { ValidationErrors } from '../responses.js';
import { guideHint } from './guideHint.js';
import { resourceRoutes, type WriteResult } from './resource.js';

/** `sessions/`: GET/POST; `sessions/{id}/`: GET/PATCH/DELETE [V]. */
export function sessionRoutes(ctx: GuidebookContext): RouteDefinition[] {
  const { store } = ctx;
  return resourceRoutes<SessionRecord>(ctx, {
    path: '/sessions',
    table: () => store.sessions,
    serialize: (session) => (ctx.legacy ? serializeLegacySession(session) : serializeSession(session)),
    filters: {
      guide: { kind: 'number', read: (s) => s.guide },
      schedule_tracks: { kind: 'number', read: (s) => s.scheduleTracks },
      import_id: { kind: 'string', read: (s) => s.importId },
      id: { kind: 'number', read: (s) => s.id },
    },
    ordering: { id: (s) => s.id, start_time: (s) => s.startTime, end_time: (s) => s.endTime },
    create: (input) => writeSession(ctx, input, undefined),
    update: (session, input) => writeSession(ctx, input, session),
    remove: (session) => {
      store.sessions.delete(session.id);
      for (const schedule of store.personalizedSchedules.values()) schedule.sessions = schedule.sessions.filter((id) => id !== session.id);
    },
  });
}

/** The session as `_sessions.md` prints it (field order of the docs' samples). */
export function serializeSession(s: SessionRecord): Record<string, unknown> {
  return {
    id: s.id,
    created_at: formatDateTime(s.createdAt),
    start_time: formatDateTime(s.startTime),
    end_time: formatNullableDateTime(s.endTime),
    all_day: s.allDay,
    name: s.name,
    description_html: s.descriptionHtml,
    import_id: s.importId,
    allow_rating: s.allowRating,
    add_to_schedule: s.addToSchedule,
    guide: s.guide,
    locations: [...s.locations],
    schedule_tracks: [...s.scheduleTracks],
    image: s.image,
    rank: pyFloat(s.rank),
    waitlist: s.waitlist,
    require_login: s.requireLogin,
    max_capacity: s.maxCapacity,
    registration_start_date: formatNullableDateTime(s.registrationStartDate),
    registration_end_date: formatNullableDateTime(s.registrationEndDate),
  };
}

/** The legacy field set of `guidebook-sessions-legacy.md`, in its order. */
export function serializeLegacySession(s: SessionRecord): Record<string, unknown> {
  return {
    id: s.id,
    created_at: formatDateTime(s.createdAt),
    last_updated: formatDateTime(s.lastUpdated),
    start_time: formatDateTime(s.startTime),
    end_time: formatNullableDateTime(s.endTime),
    all_day: s.allDay,
    name: s.name,
    description_html: s.descriptionHtml,
    image: s.image,
    thumbnail: s.thumbnail,
    import_id: s.importId,
    allow_rating: s.allowRating,
    add_to_schedule: s.addToSchedule,
    guide: s.guide,
    schedule_tracks: [...s.scheduleTracks],
    locations: [...s.locations],
  };
}

function sessionFields(ctx: GuidebookContext, guideId: number | undefined) {
  const { store } = ctx;
  const media = (filename: string): string => `https://media.guidebook.com/upload/${guideId ?? 0}/${Date.now().toString(36)}-${filename}`;
  const inGuide = (row: { guide: number } | undefined): boolean => row !== undefined && (guideId === undefined || row.guide === guideId);
  const bool: FieldSpec<boolean> = { parse: booleanField() };
  const nullableDate: FieldSpec<number> = { nullable: true, parse: dateTimeField() };
  const common = {
    guide: { required: true, parse: primaryKeyField((id) => store.guides.has(id)) } as FieldSpec<number>,
    name: { required: true, parse: charField({ maxLength: 255 }) } as FieldSpec<string>,
    description_html: { nullable: true, allowBlank: true, parse: charField({ maxLength: 20_000, allowBlank: true }) } as FieldSpec<string>,
    start_time: { required: true, parse: dateTimeField() } as FieldSpec<number>,
    end_time: nullableDate,
    all_day: bool,
    allow_rating: bool,
    add_to_schedule: bool,
    import_id: { nullable: true, allowBlank: true, parse: charField({ maxLength: 255, allowBlank: true }) } as FieldSpec<string>,
    locations: { list: true, parse: primaryKeyListField((id) => inGuide(store.locations.get(id))) } as FieldSpec<number[]>,
    schedule_tracks: { list: true, parse: primaryKeyListField((id) => inGuide(store.scheduleTracks.get(id))) } as FieldSpec<number[]>,
    image: { nullable: true, parse: imageField(media) } as FieldSpec<string>,
  };
  return {
    ...common,
    thumbnail: { nullable: true, parse: imageField(media) } as FieldSpec<string>,
    rank: { parse: floatField() } as FieldSpec<number>,
    waitlist: bool,
    require_login: bool,
    max_capacity: { nullable: true, parse: integerField({ minValue: 0 }) } as FieldSpec<number>,
    registration_start_date: nullableDate,
    registration_end_date: nullableDate,
  };
}

const LEGACY_ONLY = ['thumbnail'];
const CURRENT_ONLY = ['rank', 'waitlist', 'require_login', 'max_capacity', 'registration_start_date', 'registration_end_date'];

/**
 * Create (no `existing`) or PATCH a session. Field errors first, as DRF collects them;
 * the cross-field rules (documented dependencies, end before start) only when every
 * field is valid, each keyed by the field that breaks the rule. A session's guide
 * cannot change ("lives under that Guide permanently", `_guides.md`): `guide` is ignored
 * on PATCH. Tracks and locations must belong to the session's guide.
 */
function writeSession(ctx: GuidebookContext, input: BodyInput, existing: SessionRecord | undefined): WriteResult<SessionRecord> {
  const hint = existing?.guide ?? guideHint(ctx, input);
  const all = sessionFields(ctx, hint);
  const skip = new Set([...(ctx.legacy ? CURRENT_ONLY : LEGACY_ONLY), ...(existing ? ['guide'] : [])]);
  const specs = Object.fromEntries(Object.entries(all).filter(([name]) => !skip.has(name))) as Partial<typeof all>;
  const { values: v, errors } = readFields(input, specs as typeof all, existing !== undefined);
  if (hasErrors(errors)) return { errors };

  const now = ctx.now() * 1000;
  const base: SessionRecord = existing ?? {
    id: 0,
    guide: v.guide as number,
    createdAt: now,
    lastUpdated: now,
    startTime: v.start_time as number,
    endTime: null,
    allDay: false,
    name: '',
    descriptionHtml: null,
    importId: null,
    allowRating: true,
    addToSchedule: true,
    locations: [],
    scheduleTracks: [],
    image: null,
    thumbnail: null,
    rank: 0,
    waitlist: false,
    requireLogin: false,
    maxCapacity: null,
    registrationStartDate: null,
    registrationEndDate: null,
  };
  const next: SessionRecord = {
    ...base,
    lastUpdated: now,
    name: v.name ?? base.name,
    descriptionHtml: v.description_html !== undefined ? v.description_html : base.descriptionHtml,
    startTime: v.start_time ?? base.startTime,
    endTime: v.end_time !== undefined ? v.end_time : base.endTime,
    allDay: v.all_day ?? base.allDay,
    allowRating: v.allow_rating ?? base.allowRating,
    addToSchedule: v.add_to_schedule ?? base.addToSchedule,
    importId: v.import_id !== undefined ? v.import_id : base.importId,
    locations: v.locations ?? base.locations,
    scheduleTracks: v.schedule_tracks ?? base.scheduleTracks,
    image: v.image !== undefined ? v.image : base.image,
    thumbnail: v.thumbnail !== undefined ? v.thumbnail : base.thumbnail,
    rank: v.rank ?? base.rank,
    waitlist: v.waitlist ?? base.waitlist,
    requireLogin: v.require_login ?? base.requireLogin,
    maxCapacity: v.max_capacity !== undefined ? v.max_capacity : base.maxCapacity,
    registrationStartDate: v.registration_start_date !== undefined ? v.registration_start_date : base.registrationStartDate,
    registrationEndDate: v.registration_end_date !== undefined ? v.registration_end_date : base.registrationEndDate,
  };
  const ruleErrors = sessionRules(next, ctx.legacy);
  if (hasErrors(ruleErrors)) return { errors: ruleErrors };

  if (existing) {
    Object.assign(existing, next);
    return { status: 200, record: existing };
  }
  next.id = ctx.store.nextId('sessions');
  ctx.store.sessions.set(next.id, next);
  return { status: 201, record: next };
}

/** Cross-field rules of `_sessions.md` plus end ≥ start (our choice). */
export function sessionRules(s: SessionRecord, legacy: boolean): ValidationErrors {
  const errors: ValidationErrors = {};
  if (s.endTime !== null && s.endTime < s.startTime) errors.end_time = ['End time cannot be before start time.'];
  if (legacy) return errors;
  const needsLogin = 'Setting this field requires that require_login is true.';
  if (s.registrationStartDate !== null && !s.requireLogin) errors.registration_start_date = [needsLogin];
  if (s.registrationEndDate !== null && !s.requireLogin) errors.registration_end_date = [needsLogin];
  if (s.registrationStartDate !== null && s.registrationEndDate !== null && s.registrationEndDate < s.registrationStartDate) {
    errors.registration_end_date = ['Registration end date cannot be before registration start date.'];
  }
  if (s.requireLogin && !s.addToSchedule) errors.require_login = ['Setting this field requires that add_to_schedule is true.'];
  if (s.maxCapacity !== null && !s.requireLogin) errors.max_capacity = [needsLogin];
  if (s.waitlist && s.maxCapacity === null) errors.waitlist = ['This field requires that max_capacity is set.'];
  return errors;
}
