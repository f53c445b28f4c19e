import type { RouteDefinition } from '../../kit/index.js';
import type { BodyInput } from '../bodyInput.js';
import type { GuidebookContext } from '../context.js';
import { formatDateTime } from '../datetime.js';
import { charField, primaryKeyField, type FieldResult } from '../fields.js';
import { hasErrors, readFields, type FieldSpec } from '../readFields.js';
import type { ScheduleTrackRecord } from '../records.js';
import { resourceRoutes, type WriteResult } from './resource.js';

/** `schedule-tracks/`: GET/POST; `{id}/`: GET/PATCH/DELETE [V]. No ordering param. */
export function scheduleTrackRoutes(ctx: GuidebookContext): RouteDefinition[] {
  const { store } = ctx;
  return resourceRoutes<ScheduleTrackRecord>(ctx, {
    path: '/schedule-tracks',
    table: () => store.scheduleTracks,
    serialize: serializeScheduleTrack,
    filters: {
      guide: { kind: 'number', read: (t) => t.guide },
      import_id: { kind: 'string', read: (t) => t.importId },
      id: { kind: 'number', read: (t) => t.id },
    },
    create: (input) => writeTrack(ctx, input, undefined),
    update: (track, input) => writeTrack(ctx, input, track),
    remove: (track) => {
      store.scheduleTracks.delete(track.id);
      for (const session of store.sessions.values()) session.scheduleTracks = session.scheduleTracks.filter((id) => id !== track.id);
    },
  });
}

export function serializeScheduleTrack(t: ScheduleTrackRecord): Record<string, unknown> {
  return { id: t.id, guide: t.guide, name: t.name, color: t.color, import_id: t.importId, created_at: formatDateTime(t.createdAt) };
}

/** `#RRGGBB` (or `#RGB`), stored upper-case — the third-party note says Guidebook only handles upper case [I]. */
function colorField(raw: unknown): FieldResult<string> {
  const text = charField({ maxLength: 7 })(raw);
  if (!text.ok) return text;
  if (!/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(text.value)) return { ok: false, error: 'Enter a valid hex color, e.g. "#000080".' };
  return { ok: true, value: text.value.toUpperCase() };
}

function writeTrack(ctx: GuidebookContext, input: BodyInput, existing: ScheduleTrackRecord | undefined): WriteResult<ScheduleTrackRecord> {
  const specs = {
    ...(existing ? {} : { guide: { required: true, parse: primaryKeyField((id) => ctx.store.guides.has(id)) } as FieldSpec<number> }),
    name: { required: true, parse: charField({ maxLength: 255 }) } as FieldSpec<string>,
    color: { nullable: true, parse: colorField } as FieldSpec<string>,
    import_id: { nullable: true, allowBlank: true, parse: charField({ maxLength: 255, allowBlank: true }) } as FieldSpec<string>,
  };
  const { values: v, errors } = readFields(input, specs as typeof specs & { guide: FieldSpec<number> }, existing !== undefined);
  if (hasErrors(errors)) return { errors };
  if (existing) {
    if (v.name !== undefined && v.name !== null) existing.name = v.name;
    if (v.color !== undefined) existing.color = v.color;
    if (v.import_id !== undefined) existing.importId = v.import_id;
    return { status: 200, record: existing };
  }
  const track: ScheduleTrackRecord = {
    id: ctx.store.nextId('scheduleTracks'),
    guide: v.guide as number,
    name: v.name as string,
    color: v.color ?? null,
    importId: v.import_id ?? null,
    createdAt: ctx.now() * 1000,
  };
  ctx.store.scheduleTracks.set(track.id, track);
  return { status: 201, record: track };
}
