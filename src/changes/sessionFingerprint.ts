import { hash } from 'node:crypto';

import type { SessionModel } from '../models/index.js';
import type { SessionChangedField } from '../models/sessionChange.js';

/** Every part of a session an `UPDATED` change can name, in the order events list them. */
export const SESSION_CHANGED_FIELDS: readonly SessionChangedField[] = ['TIMES', 'LOCATION', 'TITLE', 'TRACKS', 'SPEAKERS', 'DESCRIPTION', 'PUBLISHED'];

/**
 * A session's content as change detection compares it: one short hash per changed-field
 * group (`SESSION_CHANGED_FIELDS`) and one, `rest`, of every other field the API shows
 * (capacity, image, credits, …), so that an edit of those is an `UPDATED` without
 * `changedFields`. Provider bookkeeping (`updatedAt`, `createdAt`) is left out: a touch that
 * changes nothing else is no change.
 */
export interface SessionFingerprint {
  /** Hash of the whole fingerprint: equal hashes mean no change. */
  hash: string;
  fields: Record<SessionChangedField | 'rest', string>;
}

/**
 * The first 16 base64url characters of the SHA-1 of `value`'s JSON: its first 12 bytes, encoded
 * alone (the same text as slicing the whole digest's encoding, but a string of its own — a
 * slice would keep the whole encoding alive beside it, for every hash the snapshot holds).
 * One-shot `hash`, not a `Hash` object per digest: a full read fingerprints every session
 * nine times, and each `Hash` holds a native context until it is collected.
 */
function digest(value: unknown): string {
  return hash('sha1', JSON.stringify(value), 'buffer').toString('base64url', 0, 12);
}

const time = (date: Date | null): number | null => (date === null ? null : date.getTime());

/** The fingerprint of a session model (pure; the same content always gives the same hashes). */
export function sessionFingerprint(session: SessionModel): SessionFingerprint {
  const {
    startTime,
    endTime,
    allDay,
    locations,
    name,
    tracks,
    speakers,
    descriptionHtml,
    published,
    updatedAt: _updatedAt,
    createdAt: _createdAt,
    registrationStartTime,
    registrationEndTime,
    ...rest
  } = session;
  const fields: SessionFingerprint['fields'] = {
    TIMES: digest([time(startTime), time(endTime), allDay]),
    LOCATION: digest(locations),
    TITLE: digest(name),
    TRACKS: digest(tracks.map((t) => (t.kind === 'guidebook' ? t.id : [t.track.sourceId, t.track.name]))),
    SPEAKERS: digest(speakers),
    DESCRIPTION: digest(descriptionHtml),
    PUBLISHED: digest(published),
    rest: digest([rest, time(registrationStartTime), time(registrationEndTime)]),
  };
  return { hash: digest(fields), fields };
}

/** The changed-field groups whose hashes differ between two fingerprints, in SESSION_CHANGED_FIELDS order. */
export function changedFields(before: SessionFingerprint, after: SessionFingerprint): SessionChangedField[] {
  return SESSION_CHANGED_FIELDS.filter((field) => before.fields[field] !== after.fields[field]);
}
