import type { RouteDefinition } from '../../kit/index.js';
import type { BodyInput } from '../bodyInput.js';
import type { GuidebookContext } from '../context.js';
import { formatDateTime, formatNullableDateTime } from '../datetime.js';
import { charField, dateTimeField, integerChoiceField, integerField, type FieldResult } from '../fields.js';
import { hasErrors, readFields, type FieldSpec } from '../readFields.js';
import type { GuideRecord } from '../records.js';
import { resourceRoutes, type WriteResult } from './resource.js';

/** `guides/`: GET only; `guides/{id}/`: GET/PATCH — create and delete are 405 [V "not allowed", I status]. */
export function guideRoutes(ctx: GuidebookContext): RouteDefinition[] {
  return resourceRoutes<GuideRecord>(ctx, {
    path: '/guides',
    table: () => ctx.store.guides,
    serialize: serializeGuide,
    filters: {
      owner: { kind: 'number', read: (g) => g.owner },
      category__id: { kind: 'number', read: (g) => g.category },
    },
    update: (guide, input) => updateGuide(input, guide),
  });
}

/** Field order of the docs' sample (without its duplicated `created_at`), then `short_name`, `category`. */
export function serializeGuide(g: GuideRecord): Record<string, unknown> {
  return {
    id: g.id,
    created_at: formatDateTime(g.createdAt),
    name: g.name,
    description_html: g.descriptionHtml,
    attendees_estimate: g.attendeesEstimate,
    start_date: formatNullableDateTime(g.startDate),
    end_date: formatNullableDateTime(g.endDate),
    owner: g.owner,
    timezone: g.timezone,
    short_name: g.shortName,
    category: [...g.category],
  };
}

function timezoneField(raw: unknown): FieldResult<string> {
  const text = charField()(raw);
  if (!text.ok) return text;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: text.value });
    return text;
  } catch {
    return { ok: false, error: `"${text.value}" is not a valid choice.` };
  }
}

/** PATCH: the descriptive fields plus the write-only `home_screen_menuitem`, `privacy` (1–3) and `redeem_code`. */
function updateGuide(input: BodyInput, guide: GuideRecord): WriteResult<GuideRecord> {
  const specs = {
    name: { parse: charField({ maxLength: 255 }) } as FieldSpec<string>,
    description_html: { allowBlank: true, parse: charField({ allowBlank: true, maxLength: 20_000 }) } as FieldSpec<string>,
    attendees_estimate: { nullable: true, parse: integerField({ minValue: 0 }) } as FieldSpec<number>,
    start_date: { nullable: true, parse: dateTimeField() } as FieldSpec<number>,
    end_date: { nullable: true, parse: dateTimeField() } as FieldSpec<number>,
    timezone: { parse: timezoneField } as FieldSpec<string>,
    short_name: { allowBlank: true, parse: charField({ allowBlank: true, maxLength: 100 }) } as FieldSpec<string>,
    home_screen_menuitem: { nullable: true, parse: integerField({ minValue: 1 }) } as FieldSpec<number>,
    privacy: { parse: integerChoiceField([1, 2, 3]) } as FieldSpec<number>,
    redeem_code: { nullable: true, allowBlank: true, parse: charField({ allowBlank: true, maxLength: 255 }) } as FieldSpec<string>,
  };
  const { values: v, errors } = readFields(input, specs, true);
  if (hasErrors(errors)) return { errors };
  if (v.name != null) guide.name = v.name;
  if (v.description_html != null) guide.descriptionHtml = v.description_html;
  if (v.attendees_estimate !== undefined) guide.attendeesEstimate = v.attendees_estimate;
  if (v.start_date !== undefined) guide.startDate = v.start_date;
  if (v.end_date !== undefined) guide.endDate = v.end_date;
  if (v.timezone != null) guide.timezone = v.timezone;
  if (v.short_name != null) guide.shortName = v.short_name;
  if (v.home_screen_menuitem !== undefined) guide.homeScreenMenuItem = v.home_screen_menuitem;
  if (v.privacy != null) guide.privacy = v.privacy;
  if (v.redeem_code !== undefined) guide.redeemCode = v.redeem_code;
  return { status: 200, record: guide };
}
