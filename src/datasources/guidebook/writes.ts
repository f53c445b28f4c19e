import type DataLoader from 'dataloader';
import type { z } from 'zod';
import type { AttendeeModel, PersonalizedScheduleModel, SessionModel, TrackModel } from '../../models/index.js';
import {
  inputPath,
  succeeded,
  type AttendeeChanges,
  type AttendeeDraft,
  type PersonalizedScheduleChanges,
  type PersonalizedScheduleDraft,
  type PublishRequestModel,
  type SessionChanges,
  type SessionDraft,
  type TrackChanges,
  type TrackDraft,
  type UserError,
  type WriteOutcome,
} from '../../models/writes/index.js';
import type { InputFieldMap } from '../writes/inputFieldMap.js';
import { runWrite } from '../writes/runWrite.js';
import type { GuidebookClient, GuidebookResource } from './client.js';
import { toAttendee, toPersonalizedSchedule, toSession, toTrack } from './mapper.js';
import {
  attendeeChangesToWire,
  attendeeDraftToWire,
  attendeeWasCreated,
  GUIDEBOOK_INPUT_FIELDS as FIELDS,
  guidebookUserErrors,
  personalizedScheduleChangesToWire,
  personalizedScheduleDraftToWire,
  sessionChangesToWire,
  sessionDraftToWire,
  trackChangesToWire,
  trackDraftToWire,
} from './mapper.writes.js';
import { guidebookAttendeeWire, guidebookPersonalizedScheduleWire, guidebookSessionWire, guidebookTrackWire } from './wire.js';

/**
 * What a write needs of the request's datasource: the by-id loaders it primes with the
 * provider's answer, and a way to drop every per-request copy of the resources it changed.
 */
export interface GuidebookRequestReads {
  session: DataLoader<string, SessionModel>;
  track: DataLoader<string, TrackModel>;
  attendee: DataLoader<string, AttendeeModel>;
  personalizedSchedule: DataLoader<string, PersonalizedScheduleModel>;
  /** Forgets what this request has read of these resources (loaders and list snapshots). */
  forgetReads(resources: readonly GuidebookResource[]): void;
}

// What each write changes in the provider's data — hence the shared-cache reads it drops
// (every GET under `<resource>/`) and the per-request reads it forgets:
// - a session: sessions; deleted, it also leaves the personalized schedules that listed it.
// - a track: tracks; deleted, it also leaves the sessions that had it.
// - a personalized schedule: schedules (an attendee's schedules are a filtered schedule list).
// - an attendee: attendees; a new import id also changes `attendees__import_id` schedule reads.
// - a publish: nothing the API reads back.
const CHANGES = {
  session: ['sessions'],
  sessionDelete: ['sessions', 'personalized-schedules'],
  track: ['schedule-tracks'],
  trackDelete: ['schedule-tracks', 'sessions'],
  schedule: ['personalized-schedules'],
  attendee: ['attendees'],
  attendeeImportId: ['attendees', 'personalized-schedules'],
  none: [],
} as const satisfies Record<string, readonly GuidebookResource[]>;

interface Write<W> {
  method: 'POST' | 'PATCH' | 'DELETE';
  path: string;
  route: string;
  body?: unknown;
  schema: z.ZodType<W> | null;
  changes: readonly GuidebookResource[];
  fields: InputFieldMap;
  notFound?: UserError;
}

/**
 * Guidebook's writes for one GraphQL request, on validated input. Each is sent once
 * (never retried) and drops the shared-cache reads it changes; this request's own reads
 * of those resources are forgotten too (also when the outcome is unknown) and the
 * provider's answer primed, so later fields of the same operation see the change.
 */
export class GuidebookWrites {
  readonly #client: GuidebookClient;
  readonly #reads: GuidebookRequestReads;
  readonly #headers: Record<string, string> | undefined;

  constructor(client: GuidebookClient, reads: GuidebookRequestReads, headers?: Record<string, string>) {
    this.#client = client;
    this.#reads = reads;
    this.#headers = headers;
  }

  async createSession(draft: SessionDraft): Promise<WriteOutcome<SessionModel>> {
    const body = sessionDraftToWire(draft);
    const outcome = await this.#send({ method: 'POST', path: 'sessions/', route: 'POST sessions/', body, schema: guidebookSessionWire, changes: CHANGES.session, fields: FIELDS.session });
    return outcome.ok ? succeeded(prime(this.#reads.session, toSession(outcome.value))) : outcome;
  }

  async updateSession(id: string, changes: SessionChanges): Promise<WriteOutcome<SessionModel>> {
    const outcome = await this.#send({
      method: 'PATCH',
      path: `sessions/${id}/`,
      route: 'PATCH sessions/:id/',
      body: sessionChangesToWire(changes),
      schema: guidebookSessionWire,
      changes: CHANGES.session,
      fields: FIELDS.session,
      notFound: gone('session', id),
    });
    return outcome.ok ? succeeded(prime(this.#reads.session, toSession(outcome.value))) : outcome;
  }

  deleteSession(id: string): Promise<WriteOutcome<string>> {
    return this.#delete('sessions', id, 'session', CHANGES.sessionDelete);
  }

  async createTrack(draft: TrackDraft): Promise<WriteOutcome<TrackModel>> {
    const body = trackDraftToWire(draft);
    const outcome = await this.#send({ method: 'POST', path: 'schedule-tracks/', route: 'POST schedule-tracks/', body, schema: guidebookTrackWire, changes: CHANGES.track, fields: FIELDS.track });
    return outcome.ok ? succeeded(prime(this.#reads.track, toTrack(outcome.value))) : outcome;
  }

  async updateTrack(id: string, changes: TrackChanges): Promise<WriteOutcome<TrackModel>> {
    const outcome = await this.#send({
      method: 'PATCH',
      path: `schedule-tracks/${id}/`,
      route: 'PATCH schedule-tracks/:id/',
      body: trackChangesToWire(changes),
      schema: guidebookTrackWire,
      changes: CHANGES.track,
      fields: FIELDS.track,
      notFound: gone('schedule track', id),
    });
    return outcome.ok ? succeeded(prime(this.#reads.track, toTrack(outcome.value))) : outcome;
  }

  deleteTrack(id: string): Promise<WriteOutcome<string>> {
    return this.#delete('schedule-tracks', id, 'schedule track', CHANGES.trackDelete);
  }

  async createPersonalizedSchedule(draft: PersonalizedScheduleDraft): Promise<WriteOutcome<PersonalizedScheduleModel>> {
    const outcome = await this.#send({
      method: 'POST',
      path: 'personalized-schedules/',
      route: 'POST personalized-schedules/',
      body: personalizedScheduleDraftToWire(draft),
      schema: guidebookPersonalizedScheduleWire,
      changes: CHANGES.schedule,
      fields: FIELDS.personalizedSchedule,
    });
    return outcome.ok ? succeeded(prime(this.#reads.personalizedSchedule, toPersonalizedSchedule(outcome.value))) : outcome;
  }

  async updatePersonalizedSchedule(id: string, changes: PersonalizedScheduleChanges): Promise<WriteOutcome<PersonalizedScheduleModel>> {
    const outcome = await this.#send({
      method: 'PATCH',
      path: `personalized-schedules/${id}/`,
      route: 'PATCH personalized-schedules/:id/',
      body: personalizedScheduleChangesToWire(changes),
      schema: guidebookPersonalizedScheduleWire,
      changes: CHANGES.schedule,
      fields: FIELDS.personalizedSchedule,
      notFound: gone('personalized schedule', id),
    });
    return outcome.ok ? succeeded(prime(this.#reads.personalizedSchedule, toPersonalizedSchedule(outcome.value))) : outcome;
  }

  deletePersonalizedSchedule(id: string): Promise<WriteOutcome<string>> {
    return this.#delete('personalized-schedules', id, 'personalized schedule', CHANGES.schedule);
  }

  /** The attendee, and whether Guidebook created it (its POST returns an existing one unchanged). */
  async createAttendee(draft: AttendeeDraft): Promise<WriteOutcome<{ attendee: AttendeeModel; created: boolean }>> {
    const body = attendeeDraftToWire(draft);
    const outcome = await this.#send({ method: 'POST', path: 'attendees/', route: 'POST attendees/', body, schema: guidebookAttendeeWire, changes: CHANGES.attendee, fields: FIELDS.attendee });
    if (!outcome.ok) return outcome;
    // Guidebook answers an existing attendee with 200 where it says so; a 201 may still be an
    // existing one unchanged, so it is compared with what was sent.
    const created = outcome.status === 200 ? false : attendeeWasCreated(draft, outcome.value);
    return succeeded({ attendee: prime(this.#reads.attendee, toAttendee(outcome.value)), created });
  }

  async updateAttendee(id: string, changes: AttendeeChanges): Promise<WriteOutcome<AttendeeModel>> {
    const outcome = await this.#send({
      method: 'PATCH',
      path: `attendees/${id}/`,
      route: 'PATCH attendees/:id/',
      body: attendeeChangesToWire(changes),
      schema: guidebookAttendeeWire,
      changes: changes.importId !== undefined ? CHANGES.attendeeImportId : CHANGES.attendee,
      fields: FIELDS.attendee,
      notFound: gone('attendee', id),
    });
    return outcome.ok ? succeeded(prime(this.#reads.attendee, toAttendee(outcome.value))) : outcome;
  }

  /** `POST guides/{id}/publish/` — 202; Guidebook allows 2 a minute per guide (429 beyond). */
  publishGuide(guideId: string): Promise<WriteOutcome<PublishRequestModel>> {
    return this.#publish(`guides/${guideId}/publish/`, 'POST guides/:id/publish/', gone('guide', guideId, 'guideId'), FIELDS.publishGuide, {
      scope: 'GUIDE',
      guideId,
      attendeeId: null,
    });
  }

  /** `POST guides/{id}/publish-personalized-schedules/` — 202. */
  publishPersonalizedSchedules(guideId: string): Promise<WriteOutcome<PublishRequestModel>> {
    return this.#publish(
      `guides/${guideId}/publish-personalized-schedules/`,
      'POST guides/:id/publish-personalized-schedules/',
      gone('guide', guideId, 'guideId'),
      FIELDS.publishGuide,
      { scope: 'GUIDE_PERSONALIZED_SCHEDULES', guideId, attendeeId: null },
    );
  }

  /** `POST attendees/{id}/publish-personalized-schedules/` — 202. */
  publishAttendeePersonalizedSchedules(attendeeId: string): Promise<WriteOutcome<PublishRequestModel>> {
    return this.#publish(
      `attendees/${attendeeId}/publish-personalized-schedules/`,
      'POST attendees/:id/publish-personalized-schedules/',
      gone('attendee', attendeeId, 'attendeeId'),
      FIELDS.publishAttendee,
      { scope: 'ATTENDEE_PERSONALIZED_SCHEDULES', guideId: null, attendeeId },
    );
  }

  async #delete(resource: GuidebookResource, id: string, label: string, changes: readonly GuidebookResource[]): Promise<WriteOutcome<string>> {
    const outcome = await this.#send({ method: 'DELETE', path: `${resource}/${id}/`, route: `DELETE ${resource}/:id/`, schema: null, changes, fields: {}, notFound: gone(label, id) });
    return outcome.ok ? succeeded(id) : outcome;
  }

  async #publish(
    path: string,
    route: string,
    notFound: UserError,
    fields: InputFieldMap,
    request: Omit<PublishRequestModel, 'acceptedAt'>,
  ): Promise<WriteOutcome<PublishRequestModel>> {
    const outcome = await this.#send({ method: 'POST', path, route, schema: null, changes: CHANGES.none, fields, notFound });
    return outcome.ok ? succeeded({ ...request, acceptedAt: new Date() }) : outcome;
  }

  /** One write; afterwards (or when its outcome is unknown) this request forgets what it changed. */
  async #send<W>(write: Write<W>): Promise<WriteOutcome<W>> {
    const forget = () => this.#reads.forgetReads(write.changes);
    const common = {
      method: write.method,
      path: write.path,
      route: write.route,
      body: write.body,
      invalidates: write.changes.map((resource) => `${resource}/`),
      headers: this.#headers,
      rejected: (body: unknown) => guidebookUserErrors(body, write.fields),
      notFound: write.notFound,
      onUncertain: forget,
    };
    const outcome = write.schema ? await runWrite(this.#client.upstream, { ...common, schema: write.schema }) : ((await runWrite(this.#client.upstream, { ...common, schema: null })) as WriteOutcome<W>);
    if (outcome.ok) forget();
    return outcome;
  }
}

/** Replaces this request's copy of a model with the provider's answer. */
function prime<M extends { sourceId: string }>(loader: DataLoader<string, M>, model: M): M {
  loader.clear(model.sourceId).prime(model.sourceId, model);
  return model;
}

/** The user error of a 404 on an addressed object: it is not (any more) at the provider. */
function gone(label: string, id: string, field = 'id'): UserError {
  return { field: inputPath(field), message: `Guidebook has no ${label} ${id}; it may have been deleted.`, code: 'NOT_FOUND' };
}
