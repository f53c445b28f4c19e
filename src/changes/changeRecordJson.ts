import type { SessionModel } from '../models/index.js';
import type { SessionChangeRecord } from '../models/sessionChange.js';

// Models hold Dates; JSON gives strings. These are every Date-valued key of SessionModel
// (and of the TrackModel it may inline): revived wherever they occur.
const DATE_KEYS = new Set(['startTime', 'endTime', 'registrationStartTime', 'registrationEndTime', 'createdAt', 'updatedAt']);

function reviveDates(key: string, value: unknown): unknown {
  return DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value;
}

/** A session model as JSON text (for Redis). */
export function encodeSession(session: SessionModel): string {
  return JSON.stringify(session);
}

/** The model `encodeSession` wrote, with its Dates. */
export function decodeSession(text: string): SessionModel {
  return JSON.parse(text, reviveDates) as SessionModel;
}

/** A change record as JSON text (a stream entry's field). */
export function encodeChangeRecord(record: SessionChangeRecord): string {
  return JSON.stringify(record);
}

/** The record `encodeChangeRecord` wrote, with its sessions' Dates. */
export function decodeChangeRecord(text: string): SessionChangeRecord {
  return JSON.parse(text, reviveDates) as SessionChangeRecord;
}
