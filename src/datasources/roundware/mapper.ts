import { DateTime } from 'luxon';

import { parseIsoInstant } from '../../datetime/index.js';
import type { ClientSessionModel } from '../../models/index.js';
import type { RoundwareSessionWire } from './wire.js';

// Roundware quirks: datetimes are naive (USE_TZ=False; the server writes UTC), the
// timezone field is an RFC 822 offset string that old records fill sloppily.

/** `"2017-09-06T15:43:35.947761"` (naive, UTC) → Date. */
export function parseNaiveUtc(value: string | null | undefined): Date | null {
  if (!value?.trim()) return null;
  const text = value.trim();
  const fast = parseIsoInstant(text);
  if (fast) return fast;
  const parsed = DateTime.fromISO(text.replace(' ', 'T'), { zone: 'utc' });
  return parsed.isValid ? parsed.toJSDate() : null;
}

export function toClientSession(wire: RoundwareSessionWire): ClientSessionModel {
  return {
    sourceId: String(wire.id),
    projectId: wire.project_id,
    languageId: wire.language_id ?? null,
    deviceId: wire.device_id ?? null,
    clientType: wire.client_type ?? null,
    clientSystem: wire.client_system ?? null,
    demoStreamEnabled: wire.demo_stream_enabled ?? false,
    geoListenEnabled: wire.geo_listen_enabled ?? false,
    timeZone: wire.timezone ?? '0000',
    startTime: parseNaiveUtc(wire.starttime),
    stopTime: parseNaiveUtc(wire.stoptime),
  };
}
