import type { RouteDefinition } from '../../kit/index.js';
import type { BodyInput } from '../bodyInput.js';
import type { GuidebookContext } from '../context.js';
import { charField, primaryKeyField, primaryKeyListField } from '../fields.js';
import { hasErrors, readFields, type FieldSpec } from '../readFields.js';
import type { PersonalizedScheduleRecord } from '../records.js';
import { guideHint } from './guideHint.js';
import { resourceRoutes, type WriteResult } from './resource.js';

/** `personalized-schedules/`: GET/POST; `{id}/`: GET/PATCH/DELETE [V]. No ordering param. */
export function personalizedScheduleRoutes(ctx: GuidebookContext): RouteDefinition[] {
  const { store } = ctx;
  return resourceRoutes<PersonalizedScheduleRecord>(ctx, {
    path: '/personalized-schedules',
    table: () => store.personalizedSchedules,
    serialize: serializePersonalizedSchedule,
    filters: {
      guide: { kind: 'number', read: (p) => p.guide },
      attendees__id: { kind: 'number', read: (p) => p.attendees },
      attendees__import_id: { kind: 'string', read: (p) => p.attendees.map((id) => store.attendees.get(id)?.importId ?? null) },
    },
    create: (input) => writeSchedule(ctx, input, undefined),
    update: (schedule, input) => writeSchedule(ctx, input, schedule),
    remove: (schedule) => store.personalizedSchedules.delete(schedule.id),
  });
}

/** As the docs' samples print it; `created_at` is documented but absent from every example, so left out. */
export function serializePersonalizedSchedule(p: PersonalizedScheduleRecord): Record<string, unknown> {
  return { id: p.id, guide: p.guide, name: p.name, attendees: [...p.attendees], sessions: [...p.sessions] };
}

/**
 * Create with `guide`, `name`, `attendees`, `sessions` (all required; ids must belong to
 * the guide). PATCH changes only `sessions` and `attendees` [V]; other fields are
 * ignored like DRF read-only fields.
 */
function writeSchedule(ctx: GuidebookContext, input: BodyInput, existing: PersonalizedScheduleRecord | undefined): WriteResult<PersonalizedScheduleRecord> {
  const { store } = ctx;
  const hint = existing?.guide ?? guideHint(ctx, input);
  const inGuide = (row: { guide: number } | undefined): boolean => row !== undefined && (hint === undefined || row.guide === hint);
  const lists = {
    attendees: { required: true, list: true, parse: primaryKeyListField((id) => inGuide(store.attendees.get(id))) } as FieldSpec<number[]>,
    sessions: { required: true, list: true, parse: primaryKeyListField((id) => inGuide(store.sessions.get(id))) } as FieldSpec<number[]>,
  };
  if (existing) {
    const { values: v, errors } = readFields(input, lists, true);
    if (hasErrors(errors)) return { errors };
    if (v.attendees != null) existing.attendees = v.attendees;
    if (v.sessions != null) existing.sessions = v.sessions;
    return { status: 200, record: existing };
  }
  const specs = {
    guide: { required: true, parse: primaryKeyField((id) => store.guides.has(id)) } as FieldSpec<number>,
    name: { required: true, parse: charField({ maxLength: 255 }) } as FieldSpec<string>,
    ...lists,
  };
  const { values: v, errors } = readFields(input, specs, false);
  if (hasErrors(errors)) return { errors };
  const schedule: PersonalizedScheduleRecord = {
    id: store.nextId('personalizedSchedules'),
    guide: v.guide as number,
    name: v.name as string,
    attendees: v.attendees ?? [],
    sessions: v.sessions ?? [],
    createdAt: ctx.now() * 1000,
  };
  store.personalizedSchedules.set(schedule.id, schedule);
  return { status: 201, record: schedule };
}
