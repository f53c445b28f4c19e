import type DataLoader from 'dataloader';
import type { z } from 'zod';

import { ErrorCode } from '../../errors/index.js';
import type { AttendeeModel } from '../../models/index.js';
import { inputPath, succeeded, type AttendeeDraft, type PublishRequestModel, type UserError, type WriteOutcome } from '../../models/writes/index.js';
import type { InputFieldMap } from '../writes/inputFieldMap.js';
import { runWrite } from '../writes/runWrite.js';
import type { GuidebookClient, GuidebookResource } from './client.js';
import { attendeeWasCreated, GUIDEBOOK_INPUT_FIELDS as FIELDS, guidebookUserErrors } from './mapper.writes.js';
import { GUIDEBOOK_WRITABLE, type GuidebookDeletable, type GuidebookWritable, type GuidebookWritableTypes } from './writableResources.js';

type Model<K extends GuidebookWritable> = GuidebookWritableTypes[K]['model'];
type Draft<K extends GuidebookWritable> = GuidebookWritableTypes[K]['draft'];
type Changes<K extends GuidebookWritable> = GuidebookWritableTypes[K]['changes'];
type Wire<K extends GuidebookWritable> = GuidebookWritableTypes[K]['wire'];

/**
 * What a write needs of the request's datasource: the by-id loaders it primes with the
 * provider's answer, and a way to drop every per-request copy of the resources it changed.
 */
export type GuidebookRequestReads = { [K in GuidebookWritable]: DataLoader<string, Model<K>> } & {
  /** Forgets what this request has read of these resources (loaders and list snapshots). */
  forgetReads(resources: readonly GuidebookResource[]): void;
};

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
 * Guidebook's writes for one GraphQL request, on validated input, driven by the table of
 * writable resources (`GUIDEBOOK_WRITABLE`). Each is sent once (never retried) and drops
 * the shared-cache reads it changes; this request's own reads of those resources are
 * forgotten too (also when the outcome is unknown) and the provider's answer primed, so
 * later fields of the same operation see the change.
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

  /** `POST <resource>/` — the created object. */
  async create<K extends Exclude<GuidebookWritable, 'attendee'>>(kind: K, draft: Draft<K>): Promise<WriteOutcome<Model<K>>> {
    const outcome = await this.#create(kind, draft);
    return outcome.ok ? succeeded(this.#prime(kind, outcome.value)) : outcome;
  }

  /** `PATCH <resource>/{id}/` — the changed object; a 404 is a NOT_FOUND user error at `id`. */
  async update<K extends GuidebookWritable>(kind: K, id: string, changes: Changes<K>): Promise<WriteOutcome<Model<K>>> {
    const resource = GUIDEBOOK_WRITABLE[kind];
    const outcome = await this.#send<Wire<K>>({
      method: 'PATCH',
      path: `${resource.path}/${id}/`,
      route: `PATCH ${resource.path}/:id/`,
      body: resource.changesToWire(changes),
      schema: resource.wire,
      changes: resource.changes(changes),
      fields: resource.fields,
      notFound: gone(resource.label, id),
    });
    return outcome.ok ? succeeded(this.#prime(kind, outcome.value)) : outcome;
  }

  /** `DELETE <resource>/{id}/` — the deleted object's id; a 404 is a NOT_FOUND user error at `id`. */
  async delete(kind: GuidebookDeletable, id: string): Promise<WriteOutcome<string>> {
    const resource = GUIDEBOOK_WRITABLE[kind];
    const outcome = await this.#send({
      method: 'DELETE',
      path: `${resource.path}/${id}/`,
      route: `DELETE ${resource.path}/:id/`,
      schema: null,
      changes: resource.deleteChanges,
      fields: {},
      notFound: gone(resource.label, id),
    });
    return outcome.ok ? succeeded(id) : outcome;
  }

  /** The attendee, and whether Guidebook created it (its POST returns an existing one unchanged). */
  async createAttendee(draft: AttendeeDraft): Promise<WriteOutcome<{ attendee: AttendeeModel; created: boolean }>> {
    const outcome = await this.#create('attendee', draft);
    if (!outcome.ok) return outcome;
    // Guidebook answers an existing attendee with 200 where it says so; a 201 may still be an
    // existing one unchanged, so it is compared with what was sent.
    const created = outcome.status === 200 ? false : attendeeWasCreated(draft, outcome.value);
    return succeeded({ attendee: this.#prime('attendee', outcome.value), created });
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

  /** `POST <resource>/` — the provider's answer as sent (the attendee create reads it as well). */
  #create<K extends GuidebookWritable>(kind: K, draft: Draft<K>): Promise<WriteOutcome<Wire<K>>> {
    const resource = GUIDEBOOK_WRITABLE[kind];
    return this.#send<Wire<K>>({
      method: 'POST',
      path: `${resource.path}/`,
      route: `POST ${resource.path}/`,
      body: resource.draftToWire(draft),
      schema: resource.wire,
      changes: resource.changes(),
      fields: resource.fields,
    });
  }

  /** Maps the provider's answer and replaces this request's copy of it. */
  #prime<K extends GuidebookWritable>(kind: K, wire: Wire<K>): Model<K> {
    const model = GUIDEBOOK_WRITABLE[kind].toModel(wire);
    const loader: DataLoader<string, Model<K>> = this.#reads[kind];
    loader.clear(model.sourceId).prime(model.sourceId, model);
    return model;
  }

  async #publish(
    path: string,
    route: string,
    notFound: UserError,
    fields: InputFieldMap,
    request: Omit<PublishRequestModel, 'acceptedAt'>,
  ): Promise<WriteOutcome<PublishRequestModel>> {
    // A publish changes nothing the API reads back: no reads dropped or forgotten.
    const outcome = await this.#send({ method: 'POST', path, route, schema: null, changes: [], fields, notFound });
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
    const outcome = write.schema
      ? await runWrite(this.#client.upstream, { ...common, schema: write.schema })
      : ((await runWrite(this.#client.upstream, { ...common, schema: null })) as WriteOutcome<W>);
    if (outcome.ok) forget();
    return outcome;
  }
}

/** The user error of a 404 on an addressed object: it is not (any more) at the provider. */
function gone(label: string, id: string, field = 'id'): UserError {
  return { field: inputPath(field), message: `Guidebook has no ${label} ${id}; it may have been deleted.`, code: ErrorCode.NOT_FOUND };
}
