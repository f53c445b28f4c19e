import type { RouteDefinition } from '../../kit/index.js';
import type { BodyInput } from '../bodyInput.js';
import type { GuidebookContext } from '../context.js';
import { formatDateTime } from '../datetime.js';
import { charField, floatField, integerChoiceField, jsonObjectField, primaryKeyField } from '../fields.js';
import { hasErrors, readFields, type FieldSpec } from '../readFields.js';
import type { LocationAddress, LocationRecord } from '../records.js';
import { pyFloat } from '../renderJson.js';
import type { ValidationErrors } from '../responses.js';
import { resourceRoutes, type WriteResult } from './resource.js';

const ADDRESS_KEYS = ['address', 'city', 'country', 'state', 'street', 'zipcode'] as const;

/** `locations/`: GET/POST; `{id}/`: GET/PATCH/DELETE [V]. No ordering param. */
export function locationRoutes(ctx: GuidebookContext): RouteDefinition[] {
  const { store } = ctx;
  const guideFilter = { kind: 'number' as const, read: (l: LocationRecord) => l.guide };
  return resourceRoutes<LocationRecord>(ctx, {
    path: '/locations',
    table: () => store.locations,
    serialize: serializeLocation,
    // `guide_id` too: one docs example filters with it (our choice to honour it).
    filters: { guide: guideFilter, guide_id: guideFilter, location_type: { kind: 'number', read: (l) => l.locationType } },
    create: (input) => writeLocation(ctx, input, undefined),
    update: (location, input) => writeLocation(ctx, input, location),
    remove: (location) => {
      store.locations.delete(location.id);
      for (const session of store.sessions.values()) session.locations = session.locations.filter((id) => id !== location.id);
    },
  });
}

export function serializeLocation(l: LocationRecord): Record<string, unknown> {
  return {
    id: l.id,
    guide: l.guide,
    name: l.name,
    description: l.description,
    location_type: l.locationType,
    latitude: pyFloat(l.latitude),
    longitude: pyFloat(l.longitude),
    import_id: l.importId,
    address: l.address ? { ...l.address } : null,
    created_at: formatDateTime(l.createdAt),
  };
}

/**
 * Create or PATCH a location. `address` is a JSON object, or a JSON string in form data
 * as the docs send it. One Main Venue (type 1) per guide [V]; a Google Maps location
 * (type 3) needs latitude and longitude [V "only required if"].
 */
function writeLocation(ctx: GuidebookContext, input: BodyInput, existing: LocationRecord | undefined): WriteResult<LocationRecord> {
  const specs = {
    guide: { required: true, parse: primaryKeyField((id) => ctx.store.guides.has(id)) } as FieldSpec<number>,
    name: { required: true, parse: charField({ maxLength: 255 }) } as FieldSpec<string>,
    description: { nullable: true, allowBlank: true, parse: charField({ allowBlank: true }) } as FieldSpec<string>,
    location_type: { required: true, parse: integerChoiceField([1, 2, 3]) } as FieldSpec<number>,
    latitude: { nullable: true, parse: floatField() } as FieldSpec<number>,
    longitude: { nullable: true, parse: floatField() } as FieldSpec<number>,
    import_id: { nullable: true, allowBlank: true, parse: charField({ maxLength: 255, allowBlank: true }) } as FieldSpec<string>,
    address: { nullable: true, parse: jsonObjectField(ADDRESS_KEYS) } as FieldSpec<Record<string, string>>,
  };
  if (existing) delete (specs as Partial<typeof specs>).guide;
  const { values: v, errors } = readFields(input, specs, existing !== undefined);
  if (hasErrors(errors)) return { errors };

  const next: LocationRecord = {
    ...(existing ?? {
      id: 0,
      guide: v.guide as number,
      name: '',
      description: null,
      locationType: 2,
      latitude: null,
      longitude: null,
      importId: null,
      address: null,
      createdAt: ctx.now() * 1000,
    }),
  };
  if (v.name != null) next.name = v.name;
  if (v.description !== undefined) next.description = v.description;
  if (v.location_type != null) next.locationType = v.location_type;
  if (v.latitude !== undefined) next.latitude = v.latitude;
  if (v.longitude !== undefined) next.longitude = v.longitude;
  if (v.import_id !== undefined) next.importId = v.import_id;
  if (v.address !== undefined) next.address = v.address === null ? null : toAddress(v.address);

  const rules: ValidationErrors = {};
  const otherVenue = [...ctx.store.locations.values()].some((l) => l.guide === next.guide && l.locationType === 1 && l.id !== existing?.id);
  if (next.locationType === 1 && otherVenue) rules.location_type = ['A Main Venue location already exists for this guide.'];
  if (next.locationType === 3) {
    if (next.latitude === null) rules.latitude = ['This field is required for a Google Maps location.'];
    if (next.longitude === null) rules.longitude = ['This field is required for a Google Maps location.'];
  }
  if (hasErrors(rules)) return { errors: rules };

  if (existing) {
    Object.assign(existing, next);
    return { status: 200, record: existing };
  }
  next.id = ctx.store.nextId('locations');
  ctx.store.locations.set(next.id, next);
  return { status: 201, record: next };
}

function toAddress(value: Record<string, string>): LocationAddress {
  return Object.fromEntries(ADDRESS_KEYS.map((key) => [key, value[key] ?? ''])) as unknown as LocationAddress;
}
