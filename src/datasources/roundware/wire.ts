import { z } from 'zod';

// Roundware API v2 session JSON exactly as sent: a bare array, naive datetimes.

export const roundwareSessionWire = z.looseObject({
  id: z.number().int(),
  device_id: z.string().nullish(),
  starttime: z.string().nullish(),
  stoptime: z.string().nullish(),
  client_type: z.string().nullish(),
  client_system: z.string().nullish(),
  demo_stream_enabled: z.boolean().nullish(),
  geo_listen_enabled: z.boolean().nullish(),
  timezone: z.string().nullish(),
  project_id: z.number().int(),
  language_id: z.number().int().nullish(),
});
export type RoundwareSessionWire = z.infer<typeof roundwareSessionWire>;

export const roundwareSessionList = z.array(roundwareSessionWire);

/** `GET sessions/count/` (the `admin-updates` branch): how many sessions match the filters. */
export const roundwareSessionCount = z.looseObject({ count: z.number().int().nonnegative() });
