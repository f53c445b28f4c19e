import type DataLoader from 'dataloader';
import { createPageNumberSource, type OffsetSource } from '../../connections/index.js';
import type {
  AttendeeModel,
  AttendeeStatus,
  GuideModel,
  LocationModel,
  OrderDirection,
  PersonalizedScheduleModel,
  SessionModel,
  SessionOrder,
  TrackModel,
} from '../../models/index.js';
import type { QueryParams } from '../../upstream/index.js';
import type { GuidebookClient, GuidebookResource } from './client.js';
import { createListLoader, createRetrieveLoader } from './loaders.js';
import { nullsLastSource } from './nullsLastSource.js';
import { attendeeStatusNumber, toAttendee, toGuide, toLocation, toPersonalizedSchedule, toSession, toTrack } from './mapper.js';
import {
  guidebookAttendeeWire,
  guidebookGuideWire,
  guidebookLocationWire,
  guidebookPersonalizedScheduleWire,
  guidebookSessionWire,
  guidebookTrackWire,
} from './wire.js';
import type { z } from 'zod';

export { GuidebookClient, type GuidebookClientOptions } from './client.js';

export interface GuidebookSessionFilter {
  guideId?: string;
  trackId?: string;
  importId?: string;
}

export interface GuidebookAttendeeFilter {
  guideId?: string;
  revoked?: boolean;
  status?: AttendeeStatus;
  importId?: string;
  email?: string;
}

export type AttendeeOrderField = 'EMAIL' | 'FIRST_NAME' | 'LAST_NAME' | 'REVOKED' | 'STATUS';

export interface GuidebookPersonalizedScheduleFilter {
  guideId?: string;
  attendeeId?: string;
  attendeeImportId?: string;
}

/** Up to this many ids, single GETs are cheaper than reading a guide's session list. */
const FEW_IDS = 3;

const SESSION_ORDER_FIELD = { START_TIME: 'start_time', END_TIME: 'end_time' } as const;
const ATTENDEE_ORDER_FIELD = { EMAIL: 'email', FIRST_NAME: 'first_name', LAST_NAME: 'last_name', REVOKED: 'revoked', STATUS: 'status' } as const;

/** DRF `ordering`: comma list, `-` for descending. */
function ordering(keys: Array<{ field: string; direction: OrderDirection }>): string {
  return keys.map(({ field, direction }) => (direction === 'DESC' ? `-${field}` : field)).join(',');
}

/**
 * Guidebook for one GraphQL request: offset sources over its page-number lists (the page
 * size is learned from the answers), and per-request loaders by id.
 */
export class GuidebookDataSource {
  readonly session: DataLoader<string, SessionModel>;
  readonly attendee: DataLoader<string, AttendeeModel>;
  readonly personalizedSchedule: DataLoader<string, PersonalizedScheduleModel>;
  readonly track: DataLoader<string, TrackModel>;
  readonly guide: DataLoader<string, GuideModel>;
  readonly location: DataLoader<string, LocationModel>;
  readonly #client: GuidebookClient;
  readonly #headers: Record<string, string> | undefined;

  constructor(client: GuidebookClient, headers?: Record<string, string>) {
    this.#client = client;
    this.#headers = headers;
    this.session = createRetrieveLoader(client, 'sessions', guidebookSessionWire, toSession, 'session', headers);
    this.attendee = createRetrieveLoader(client, 'attendees', guidebookAttendeeWire, toAttendee, 'attendee', headers);
    this.personalizedSchedule = createRetrieveLoader(
      client,
      'personalized-schedules',
      guidebookPersonalizedScheduleWire,
      toPersonalizedSchedule,
      'personalized schedule',
      headers,
    );
    this.track = createListLoader(client, 'schedule-tracks', guidebookTrackWire, toTrack, 'schedule track', headers);
    this.guide = createListLoader(client, 'guides', guidebookGuideWire, toGuide, 'guide', headers);
    this.location = createListLoader(client, 'locations', guidebookLocationWire, toLocation, 'location', headers);
  }

  sessionSource(filter: GuidebookSessionFilter, order: SessionOrder): OffsetSource<SessionModel> {
    const query: QueryParams = {
      guide: filter.guideId,
      schedule_tracks: filter.trackId,
      import_id: filter.importId,
      // `id` last breaks ties, so the order is total and matches the gateway's comparator.
      ordering: ordering([
        { field: SESSION_ORDER_FIELD[order.field], direction: order.direction },
        { field: 'id', direction: order.direction },
      ]),
    };
    const source = this.#source('sessions', query, guidebookSessionWire, toSession, this.session);
    // Guidebook puts sessions without an end time first when descending; the API puts them last.
    return order.field === 'END_TIME' && order.direction === 'DESC' ? nullsLastSource(source, (s) => s.endTime === null) : source;
  }

  /**
   * Sessions of one guide by id, as a personalized schedule lists them. A few ids are
   * fetched one by one; more come from the guide's whole session list, read through the
   * same cached pages the `sessions` connection uses, so a busy app costs a handful of
   * upstream calls per cache period rather than one per session.
   */
  async sessionsByIds(guideId: string, ids: readonly string[]): Promise<Array<SessionModel | Error>> {
    if (ids.length > FEW_IDS) {
      const query = { guide: guideId, ordering: 'start_time,id' };
      for (const wire of await this.#client.listAll('sessions', query, guidebookSessionWire, this.#headers)) {
        this.session.prime(String(wire.id), toSession(wire));
      }
    }
    return this.session.loadMany(ids);
  }

  trackSource(filter: { guideId?: string; importId?: string }): OffsetSource<TrackModel> {
    return this.#source('schedule-tracks', { guide: filter.guideId, import_id: filter.importId }, guidebookTrackWire, toTrack, this.track);
  }

  attendeeSource(filter: GuidebookAttendeeFilter, orderBy: Array<{ field: AttendeeOrderField; direction: OrderDirection }>): OffsetSource<AttendeeModel> {
    const query: QueryParams = {
      guide: filter.guideId,
      revoked: filter.revoked === undefined ? undefined : filter.revoked ? 'True' : 'False',
      status: filter.status === undefined ? undefined : attendeeStatusNumber(filter.status),
      import_id: filter.importId,
      account__email: filter.email,
      ordering: ordering([
        ...orderBy.map(({ field, direction }) => ({ field: ATTENDEE_ORDER_FIELD[field], direction })),
        { field: 'id', direction: 'ASC' },
      ]),
    };
    return this.#source('attendees', query, guidebookAttendeeWire, toAttendee, this.attendee);
  }

  personalizedScheduleSource(filter: GuidebookPersonalizedScheduleFilter): OffsetSource<PersonalizedScheduleModel> {
    const query: QueryParams = { guide: filter.guideId, attendees__id: filter.attendeeId, attendees__import_id: filter.attendeeImportId };
    return this.#source('personalized-schedules', query, guidebookPersonalizedScheduleWire, toPersonalizedSchedule, this.personalizedSchedule);
  }

  /** A page-number list as an offset source; every item read also primes its by-id loader. */
  #source<W, M extends { sourceId: string }>(
    resource: GuidebookResource,
    query: QueryParams,
    item: z.ZodType<W>,
    map: (wire: W) => M,
    loader: DataLoader<string, M>,
  ): OffsetSource<M> {
    return createPageNumberSource(async (page) => {
      const answer = await this.#client.list(resource, query, page, item, this.#headers);
      const items = answer.results.map(map);
      for (const model of items) loader.prime(model.sourceId, model);
      return { items, totalCount: answer.count, hasNext: answer.next !== null };
    });
  }
}
