import { z } from 'zod';

// Guidebook Open API v1 JSON exactly as sent (Django REST Framework). Optional fields are
// nullish because real payloads and the legacy field set differ from the docs.

const text = z.string().nullish();
const ids = z.array(z.number().int()).nullish();
const flag = z.boolean().nullish();

export const guidebookSessionWire = z.looseObject({
  id: z.number().int(),
  guide: z.number().int(),
  name: z.string(),
  description_html: text,
  start_time: text,
  end_time: text,
  all_day: flag,
  allow_rating: flag,
  add_to_schedule: flag,
  import_id: text,
  schedule_tracks: ids,
  locations: ids,
  image: text,
  thumbnail: text,
  rank: z.union([z.number(), z.string()]).nullish(),
  waitlist: flag,
  require_login: flag,
  max_capacity: z.number().int().nullish(),
  registration_start_date: text,
  registration_end_date: text,
  created_at: text,
  last_updated: text,
});
export type GuidebookSessionWire = z.infer<typeof guidebookSessionWire>;

export const guidebookTrackWire = z.looseObject({
  id: z.number().int(),
  guide: z.number().int(),
  name: z.string(),
  color: text,
  import_id: text,
  created_at: text,
});
export type GuidebookTrackWire = z.infer<typeof guidebookTrackWire>;

export const guidebookGuideWire = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  short_name: text,
  description_html: text,
  timezone: text,
  start_date: text,
  end_date: text,
  attendees_estimate: z.number().int().nullish(),
  created_at: text,
});
export type GuidebookGuideWire = z.infer<typeof guidebookGuideWire>;

export const guidebookLocationWire = z.looseObject({
  id: z.number().int(),
  guide: z.number().int().nullish(),
  name: z.string(),
  description: text,
  location_type: z.number().int().nullish(),
  import_id: text,
  address: z.looseObject({ address: text, city: text, street: text }).nullish(),
});
export type GuidebookLocationWire = z.infer<typeof guidebookLocationWire>;

export const guidebookAttendeeWire = z.looseObject({
  id: z.number().int(),
  guide_id: z.number().int().nullish(),
  guide: z.number().int().nullish(),
  import_id: text,
  first_name: text,
  last_name: text,
  email: z.string(),
  avatar: text,
  cover: text,
  app_profile: z.record(z.string(), z.string().nullish()).nullish(),
  revoked: flag,
  email_opt_out: flag,
  status: z.number().int().nullish(),
  last_email_send: text,
  qr_badge: text,
  created_at: text,
});
export type GuidebookAttendeeWire = z.infer<typeof guidebookAttendeeWire>;

export const guidebookPersonalizedScheduleWire = z.looseObject({
  id: z.number().int(),
  guide: z.number().int(),
  name: z.string(),
  attendees: z.array(z.number().int()),
  sessions: z.array(z.number().int()),
  created_at: text,
});
export type GuidebookPersonalizedScheduleWire = z.infer<typeof guidebookPersonalizedScheduleWire>;

const pageSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * DRF PageNumberPagination's envelope around `item`. Built once per item schema: zod
 * schemas are costly to construct, and every list read asks for one.
 */
export function guidebookPage<T extends z.ZodType>(item: T) {
  const build = () =>
    z.looseObject({ count: z.number().int().nonnegative(), next: z.string().nullable(), previous: z.string().nullable(), results: z.array(item) });
  let schema = pageSchemas.get(item) as ReturnType<typeof build> | undefined;
  if (!schema) pageSchemas.set(item, (schema = build()));
  return schema;
}

export type GuidebookPage<T> = { count: number; next: string | null; previous: string | null; results: T[] };
