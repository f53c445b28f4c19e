import type { z } from 'zod';

import type { AttendeeModel, PersonalizedScheduleModel, SessionModel, TrackModel } from '../../models/index.js';
import type {
  AttendeeChanges,
  AttendeeDraft,
  PersonalizedScheduleChanges,
  PersonalizedScheduleDraft,
  SessionChanges,
  SessionDraft,
  TrackChanges,
  TrackDraft,
} from '../../models/writes/index.js';
import type { InputFieldMap } from '../writes/inputFieldMap.js';
import type { GuidebookResource } from './client.js';
import { toAttendee, toPersonalizedSchedule, toSession, toTrack } from './mapper.js';
import {
  attendeeChangesToWire,
  attendeeDraftToWire,
  GUIDEBOOK_INPUT_FIELDS as FIELDS,
  personalizedScheduleChangesToWire,
  personalizedScheduleDraftToWire,
  sessionChangesToWire,
  sessionDraftToWire,
  trackChangesToWire,
  trackDraftToWire,
} from './mapper.writes.js';
import {
  guidebookAttendeeWire,
  guidebookPersonalizedScheduleWire,
  guidebookSessionWire,
  guidebookTrackWire,
  type GuidebookAttendeeWire,
  type GuidebookPersonalizedScheduleWire,
  type GuidebookSessionWire,
  type GuidebookTrackWire,
} from './wire.js';

/** The types of each Guidebook resource the gateway writes, keyed as the request's by-id loaders are. */
export interface GuidebookWritableTypes {
  session: { model: SessionModel; draft: SessionDraft; changes: SessionChanges; wire: GuidebookSessionWire };
  track: { model: TrackModel; draft: TrackDraft; changes: TrackChanges; wire: GuidebookTrackWire };
  personalizedSchedule: {
    model: PersonalizedScheduleModel;
    draft: PersonalizedScheduleDraft;
    changes: PersonalizedScheduleChanges;
    wire: GuidebookPersonalizedScheduleWire;
  };
  attendee: { model: AttendeeModel; draft: AttendeeDraft; changes: AttendeeChanges; wire: GuidebookAttendeeWire };
}

export type GuidebookWritable = keyof GuidebookWritableTypes;

/** How one resource is written: where, in which wire shape, and what the write changes. */
export interface GuidebookWritableResource<K extends GuidebookWritable> {
  /** The collection path: `POST <path>/`, `PATCH|DELETE <path>/{id}/`. */
  path: GuidebookResource;
  /** The resource's name in a "not found" user error. */
  label: string;
  wire: z.ZodType<GuidebookWritableTypes[K]['wire']>;
  draftToWire(draft: GuidebookWritableTypes[K]['draft']): Record<string, unknown>;
  changesToWire(changes: GuidebookWritableTypes[K]['changes']): Record<string, unknown>;
  toModel(wire: GuidebookWritableTypes[K]['wire']): GuidebookWritableTypes[K]['model'];
  /** Wire field → input field, for mapping Guidebook's 400 bodies back. */
  fields: InputFieldMap;
  /** What a create or update changes in the provider's data (hence the reads it drops). */
  changes(changes?: GuidebookWritableTypes[K]['changes']): readonly GuidebookResource[];
  /** What a delete changes; null when the gateway does not delete this resource. */
  deleteChanges: K extends GuidebookDeletable ? readonly GuidebookResource[] : null;
}

/** The resources the gateway deletes (attendees are revoked, not deleted). */
export type GuidebookDeletable = 'session' | 'track' | 'personalizedSchedule';

// What each write changes in the provider's data — hence the shared-cache reads it drops
// (every GET under `<resource>/`) and the per-request reads it forgets:
// - a session: sessions; deleted, it also leaves the personalized schedules that listed it.
// - a track: tracks; deleted, it also leaves the sessions that had it.
// - a personalized schedule: schedules (an attendee's schedules are a filtered schedule list).
// - an attendee: attendees; a new import id also changes `attendees__import_id` schedule reads.
/** Guidebook's writable resources, one row each. */
export const GUIDEBOOK_WRITABLE: { [K in GuidebookWritable]: GuidebookWritableResource<K> } = {
  session: {
    path: 'sessions',
    label: 'session',
    wire: guidebookSessionWire,
    draftToWire: sessionDraftToWire,
    changesToWire: sessionChangesToWire,
    toModel: toSession,
    fields: FIELDS.session,
    changes: () => ['sessions'],
    deleteChanges: ['sessions', 'personalized-schedules'],
  },
  track: {
    path: 'schedule-tracks',
    label: 'schedule track',
    wire: guidebookTrackWire,
    draftToWire: trackDraftToWire,
    changesToWire: trackChangesToWire,
    toModel: toTrack,
    fields: FIELDS.track,
    changes: () => ['schedule-tracks'],
    deleteChanges: ['schedule-tracks', 'sessions'],
  },
  personalizedSchedule: {
    path: 'personalized-schedules',
    label: 'personalized schedule',
    wire: guidebookPersonalizedScheduleWire,
    draftToWire: personalizedScheduleDraftToWire,
    changesToWire: personalizedScheduleChangesToWire,
    toModel: toPersonalizedSchedule,
    fields: FIELDS.personalizedSchedule,
    changes: () => ['personalized-schedules'],
    deleteChanges: ['personalized-schedules'],
  },
  attendee: {
    path: 'attendees',
    label: 'attendee',
    wire: guidebookAttendeeWire,
    draftToWire: attendeeDraftToWire,
    changesToWire: attendeeChangesToWire,
    toModel: toAttendee,
    fields: FIELDS.attendee,
    changes: (changes) => (changes?.importId !== undefined ? ['attendees', 'personalized-schedules'] : ['attendees']),
    deleteChanges: null,
  },
};
