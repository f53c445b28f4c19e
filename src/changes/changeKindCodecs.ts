import type { ClientSessionChangeRecord } from '../models/clientSessionChange.js';
import type { ClientSessionModel, PersonalizedScheduleModel } from '../models/index.js';
import type { PersonalizedScheduleChangeRecord } from '../models/personalizedScheduleChange.js';
import type { ChangeRecordCodec } from './redisChangeLog.js';

// Models hold Dates; JSON gives strings. These are every Date-valued key of the two models.
const SCHEDULE_DATES = new Set(['createdAt']);
const CLIENT_SESSION_DATES = new Set(['startTime', 'stopTime']);

function reviver(keys: ReadonlySet<string>): (key: string, value: unknown) => unknown {
  return (key, value) => (keys.has(key) && typeof value === 'string' ? new Date(value) : value);
}

function jsonCodec<T>(dates: ReadonlySet<string>): ChangeRecordCodec<T> {
  const revive = reviver(dates);
  return { encode: (value) => JSON.stringify(value), decode: (text) => JSON.parse(text, revive) as T };
}

/** Personalized schedule change records as stream entries (JSON, `createdAt` revived). */
export const personalizedScheduleChangeCodec = jsonCodec<PersonalizedScheduleChangeRecord>(SCHEDULE_DATES);

/** A personalized schedule model as a snapshot entry (JSON, `createdAt` revived). */
export const personalizedScheduleCodec = jsonCodec<PersonalizedScheduleModel>(SCHEDULE_DATES);

/** Client session change records as stream entries (JSON, start and stop times revived). */
export const clientSessionChangeCodec = jsonCodec<ClientSessionChangeRecord>(CLIENT_SESSION_DATES);

/** A client session model as JSON (start and stop times revived). */
export const clientSessionCodec = jsonCodec<ClientSessionModel>(CLIENT_SESSION_DATES);
