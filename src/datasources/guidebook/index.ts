import DataLoader from 'dataloader';
import type { z } from 'zod';

import { createArraySource, createPageNumberSource, mergeOffsetSources, pageCountOf, type OffsetSource } from '../../connections/index.js';
import { NotFoundError } from '../../errors/index.js';
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
import { DEFAULT_SESSION_ORDER, sessionComparator } from '../../models/index.js';
import type { QueryParams } from '../../upstream/index.js';
import { namedPaging } from '../namedPaging.js';
import type { GuidebookClient, GuidebookResource } from './client.js';
import { createGuideScopedLoader, createListLoader, createRetrieveLoader, type GuideScopedKey } from './loaders.js';
import { indexCachedList, mapCachedList } from './mapCachedList.js';
import { attendeeStatusNumber, toAttendee, toGuide, toLocation, toPersonalizedSchedule, toSession, toTrack } from './mapper.js';
import { nullsLastSource } from './nullsLastSource.js';
import {
  boundingWindow,
  isUpstreamFilter,
  matchesGuidebookFilter,
  withoutUpstreamFields,
  type GuidebookNames,
  type GuidebookSessionFilter,
} from './sessionFilter.js';
import { sessionsEndingAfter, type OrderedReads } from './sessionsEndingAfter.js';
import {
  createStartWindowSource,
  pagesLazily,
  primedSource,
  rememberView,
  sessionsInWindow,
  startOrderedPages,
  type ReadSessionPage,
  type SpanHint,
} from './sessionWindowSource.js';
import {
  guidebookAttendeeWire,
  guidebookGuideWire,
  guidebookLocationWire,
  guidebookPersonalizedScheduleWire,
  guidebookSessionWire,
  guidebookTrackWire,
  type GuidebookLocationWire,
  type GuidebookSessionWire,
} from './wire.js';
import { GuidebookWrites } from './writes.js';

export { GuidebookClient, type GuidebookClientOptions } from './client.js';
export { matchesGuidebookFilter, type GuidebookNames, type GuidebookSessionFilter } from './sessionFilter.js';

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
  readonly sessionInGuide: DataLoader<GuideScopedKey, SessionModel, string>;
  readonly attendeeInGuide: DataLoader<GuideScopedKey, AttendeeModel, string>;
  /** Personalized schedules per attendee (see `#createSchedulesOfAttendeeLoader`). */
  readonly schedulesOfAttendee: DataLoader<{ attendeeId: string; guideId: string | null }, PersonalizedScheduleModel[], string>;
  /** This request's writes (mutations); each keeps the reads above consistent with it. */
  readonly writes: GuidebookWrites;
  readonly #client: GuidebookClient;
  readonly #headers: Record<string, string> | undefined;
  readonly #guideSnapshots = new Map<string, Promise<unknown>>();
  /** Whole lists (tracks, guides, locations) as read once in this request. */
  readonly #wholeLists = new Map<string, Promise<unknown>>();
  /** Guides whose whole session list this request reads ahead for its schedules (see `prefetchScheduleSessions`); undefined: failed. */
  readonly #prefetchedGuideSessions = new Map<string, Promise<GuidebookSessionWire[][] | undefined>>();

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
    this.track = createListLoader(this.#wholeList('schedule-tracks', guidebookTrackWire), toTrack, 'schedule track');
    this.guide = createListLoader(this.#wholeList('guides', guidebookGuideWire), toGuide, 'guide');
    this.location = createListLoader(this.#wholeList('locations', guidebookLocationWire), toLocation, 'location');
    this.schedulesOfAttendee = this.#createSchedulesOfAttendeeLoader();
    // The guide's list in the query of its time windows and `sessionsOfGuide` (pages of
    // GUIDEBOOK_WINDOW_PAGE_SIZE): the same cached pages, and a guide of up to 500 sessions is
    // one call where the server's pages of 37 are seven.
    const guideSessionsQuery = (guide: string) => sessionsOfGuideQuery(guide, client.windowPageSize);
    this.sessionInGuide = createGuideScopedLoader(client, 'sessions', guideSessionsQuery, guidebookSessionWire, toSession, this.session, headers, (guide) =>
      this.#prefetchedGuideSessions.get(guide),
    );
    this.attendeeInGuide = createGuideScopedLoader(
      client,
      'attendees',
      (guide) => ({ guide, ordering: 'id' }),
      guidebookAttendeeWire,
      toAttendee,
      this.attendee,
      headers,
    );

    this.writes = new GuidebookWrites(client, this, headers);
  }

  /**
   * Forgets what this request has read of `resources` (a write changed them), so later
   * fields of the same operation read them again. Every per-request memo of a resource
   * belongs in this table.
   */
  forgetReads(resources: readonly GuidebookResource[]): void {
    const memos: Record<GuidebookResource, Array<{ clearAll(): unknown }>> = {
      sessions: [this.session, this.sessionInGuide],
      attendees: [this.attendee, this.attendeeInGuide],
      'personalized-schedules': [this.personalizedSchedule, this.schedulesOfAttendee],
      'schedule-tracks': [this.track],
      guides: [this.guide],
      locations: [this.location],
    };
    if (resources.includes('sessions')) this.#prefetchedGuideSessions.clear();
    for (const resource of resources) {
      for (const memo of memos[resource]) memo.clearAll();
      for (const key of this.#guideSnapshots.keys()) if (key.startsWith(`${resource}?`)) this.#guideSnapshots.delete(key);
      this.#wholeLists.delete(resource);
    }
  }

  /**
   * Starts reading the schedule-track list now, because the operation will ask for the
   * tracks of the sessions it is reading: the list then travels with the session pages
   * instead of one round trip after them.
   */
  prefetchTracks(): void {
    this.#wholeList('schedule-tracks', guidebookTrackWire)().catch(() => undefined);
  }

  /**
   * Starts reading, along with an attendee's schedules, the sessions they will list: the
   * whole session list of the guide the attendee's schedules were in when last read
   * (`GuidebookClient.attendeeGuide`), when that list is known to be one page — one call,
   * no more than reading the schedules' sessions any other way — so the schedules' sessions
   * cost no round trip after the schedules. Only a hint: the sessions are still looked up
   * by id in the schedules' own guide (`sessionInGuide`), and any the list lacks are read
   * by id. Nothing is read for an attendee not seen before, or a guide of several pages.
   */
  prefetchScheduleSessions(attendeeId: string): void {
    const guide = this.#client.attendeeGuide(attendeeId);
    if (guide === undefined || this.#prefetchedGuideSessions.has(guide)) return;
    const query = sessionsOfGuideQuery(guide, this.#client.windowPageSize);
    const layout = this.#client.expectedLayout('sessions', query);
    if (!layout || pageCountOf(layout) !== 1) return;
    const pages = this.#client.mapPages('sessions', query, guidebookSessionWire, (page) => page.results, this.#headers).catch(() => undefined);
    this.#prefetchedGuideSessions.set(guide, pages);
  }

  /**
   * Reads `resource`'s whole list once per request, as its pages' items (a failed read is
   * forgotten, so a later field tries again). Asked for in pages of `client.windowPageSize`
   * when set (a guide's 100 tracks: one call instead of three pages of 37; a server that
   * ignores `page_size` answers its own pages, which `mapPages` follows).
   */
  #wholeList<W>(resource: GuidebookResource, item: z.ZodType<W>): () => Promise<W[][]> {
    const query: QueryParams = this.#client.windowPageSize > 0 ? { page_size: this.#client.windowPageSize } : {};
    return () => readOnce(this.#wholeLists, resource, () => this.#client.mapPages(resource, query, item, (page) => page.results, this.#headers));
  }

  /**
   * The sessions `filter` accepts (matchesGuidebookFilter), in `order`, addressed by offset.
   * Guide, track and import id are Guidebook's own list filters: such a list is read page by
   * page. Any other field is evaluated here: with a time bound, over the pages of the
   * start-ordered list that can hold it (found by interpolation search; a window on the start alone in start order reads only the pages of its slice, sessionWindowSource.ts);
   * otherwise over the whole list (with Guidebook's filters applied), read through the shared
   * page cache.
   */
  sessionSource(filter: GuidebookSessionFilter, order: SessionOrder): OffsetSource<SessionModel> {
    if (filter.ids !== undefined) {
      // A few sessions by id (`SessionFilter.ids`, at most 100): read by id (batched, from the guide's cached list when
      // one is pinned and that is cheaper), the rest of the filter checked here. An id Guidebook does not know is left out.
      const ids = filter.ids;
      const guideId = filter.guideId;
      return createArraySource(async () => {
        const found = await (guideId === undefined ? this.session.loadMany(ids) : this.sessionsByIds(guideId, ids));
        const sessions = found.filter((session): session is SessionModel => {
          if (session instanceof NotFoundError) return false;
          if (session instanceof Error) throw session;
          return true;
        });
        return (await this.filterSessions(sessions, filter)).sort(sessionComparator(order));
      });
    }
    if (!isUpstreamFilter(filter)) {
      // Guidebook applies its own filters to the list, the rest is applied here, then the order.
      const rest = withoutUpstreamFields(filter);
      const bound = boundingWindow(filter);
      if (bound) {
        // A time window: only the pages of the start-ordered list that can hold it (sessionWindowSource.ts).
        const upstream: QueryParams = { guide: filter.guideId, schedule_tracks: filter.trackId, import_id: filter.importId };
        const pages = startOrderedPages(this.#client, upstream, this.#headers);
        const prime = (session: SessionModel) => this.session.prime(session.sourceId, session);
        const onlyWindow = Object.entries(rest).every(([key, value]) => key === 'window' || value === undefined);
        if (onlyWindow && rest.window === bound && pagesLazily(bound, order)) {
          // A window on the start in the list's own order: only the pages of the slice asked for.
          return namedPaging(
            'guidebook',
            primedSource(createStartWindowSource(pages, bound, this.#client.maxSessionMs, this.#guideSpan(filter.guideId)), prime),
          );
        }
        const byGuide = rest.windowByGuide;
        const onlyGuideWindows = Object.entries(rest).every(([key, value]) => key === 'windowByGuide' || value === undefined);
        if (byGuide && onlyGuideWindows && filter.guideId === undefined && Object.values(byGuide).every((window) => pagesLazily(window, order))) {
          // A local day in each guide's own zone (the home page of a date): each guide's
          // start-ordered list read lazily for its own window, merged. Its cost is that of one
          // guide's day per guide (page 1 for a guide of one page), whatever a day holds;
          // the list of every guide would be read over the union of the windows, all of it.
          const ofGuide = Object.entries(byGuide).map(([guide, window]) =>
            createStartWindowSource(
              startOrderedPages(this.#client, { ...upstream, guide }, this.#headers),
              window,
              this.#client.maxSessionMs,
              this.#guideSpan(guide),
            ),
          );
          return namedPaging('guidebook', primedSource(mergeOffsetSources(ofGuide, sessionComparator(order)), prime));
        }
        return namedPaging(
          'guidebook',
          primedSource(
            createArraySource(async () => {
              const span = this.#guideSpan(filter.guideId);
              const maxMs = this.#client.maxSessionMs;
              // A bound on the end: from the end order, not the look-back (sessionsEndingAfter.ts); else the start order's pages.
              const ordered = rest.window === bound ? await sessionsEndingAfter(this.#orderedReads(upstream, pages), bound, maxMs, span) : undefined;
              return this.#filteredView(ordered ?? (await sessionsInWindow(pages, bound, maxMs, span)), rest, order);
            }),
            prime,
          ),
        );
      }
      // Otherwise the whole list, read in the default order whatever `order` is, so the pages are those the home page reads.
      const all = sessionListQuery(filter, DEFAULT_SESSION_ORDER);
      return primedSource(
        createArraySource(async () => this.#filteredView(await this.#allSessions(all), rest, order)),
        (session) => this.session.prime(session.sourceId, session),
      );
    }
    const query = sessionListQuery(filter, order);
    const source = this.#source('sessions', query, guidebookSessionWire, toSession, this.session);
    // Guidebook puts sessions without an end time first when descending; the API puts them last.
    return order.field === 'END_TIME' && order.direction === 'DESC' ? nullsLastSource(source, (s) => s.endTime === null) : source;
  }

  /** The start-ordered `pages` of the list `upstream` selects, with its two end orders (sessionsEndingAfter). */
  #orderedReads(upstream: QueryParams, pages: ReadSessionPage): OrderedReads {
    return {
      byStart: pages,
      byEnd: startOrderedPages(this.#client, upstream, this.#headers, 'end_time,start_time,id'),
      byEndDescending: startOrderedPages(this.#client, upstream, this.#headers, '-end_time,start_time,id'),
    };
  }

  /**
   * The span of `guideId`'s sessions' starts as its guide says (`start_date`, `end_date`), a
   * hint for the page search of its start-ordered list (StartSpan) — only when this request
   * has read the guide list already (a `day` needs the guide's time zone): it never costs a
   * call of its own, where the last page it replaces would cost one.
   */
  #guideSpan(guideId: string | undefined): SpanHint {
    return async () => {
      const guides = guideId === undefined ? undefined : this.#wholeLists.get('guides');
      if (!guides) return undefined;
      const guide = (await this.guides().catch(() => [])).find((g) => g.sourceId === guideId);
      if (!guide?.startDate || !guide.endDate) return undefined;
      return { first: guide.startDate.getTime(), last: guide.endDate.getTime() };
    };
  }

  /**
   * `sessions` (a window read: the same array while its pages are cached) filtered by `filter`
   * and sorted in `order`, remembered per array, filter and order — a warm read neither filters
   * nor sorts a look-back of thousands again. A search is not remembered (it reads the track
   * and location names, which change on their own).
   */
  async #filteredView(sessions: SessionModel[], filter: GuidebookSessionFilter, order: SessionOrder): Promise<SessionModel[]> {
    const derive = async () => (await this.filterSessions(sessions, filter)).sort(sessionComparator(order));
    if (filter.search?.length) return derive();
    const key = `view ${JSON.stringify([filter, order])}`;
    let byKey = filteredViews.get(sessions);
    if (!byKey) filteredViews.set(sessions, (byKey = new Map()));
    let view = byKey.get(key);
    if (!view) {
      if (byKey.size >= 64) byKey.clear();
      byKey.set(key, (view = derive()));
      view.catch(() => byKey.delete(key));
    }
    return view;
  }

  /**
   * The sessions of `sessions` that `filter` accepts, in their order (see
   * matchesGuidebookFilter); a search first reads the track and location lists for their names.
   */
  async filterSessions(sessions: readonly SessionModel[], filter: GuidebookSessionFilter): Promise<SessionModel[]> {
    const names = filter.search?.length ? await this.#names() : undefined;
    return sessions.filter((session) => matchesGuidebookFilter(session, filter, names));
  }

  /**
   * Every session of every guide, in the default order: the whole list read once per
   * request through the shared page cache (the pages the home page reads), as change
   * detection compares it (src/changes/).
   */
  allSessions(): Promise<SessionModel[]> {
    return this.#allSessions(sessionListQuery({}, DEFAULT_SESSION_ORDER));
  }

  /** Every guide of the account (one read of the guide list per request, through the shared cache). */
  async allGuides(): Promise<GuideModel[]> {
    return (await this.#wholeList('guides', guidebookGuideWire)()).flatMap((page) => mapCachedList(page, toGuide));
  }

  /**
   * A whole session list (Guidebook's filters in `query`), read once per request through the
   * shared page cache: the same array while its pages are the same cached objects (so its
   * filtered views are remembered, see #filteredView).
   */
  #allSessions(query: QueryParams): Promise<SessionModel[]> {
    return readOnce(this.#guideSnapshots, `sessions?${JSON.stringify(query)}`, async () => {
      const pages = await this.#client.mapPages('sessions', query, guidebookSessionWire, (page) => mapCachedList(page.results, toSession), this.#headers);
      return rememberView(pages, 'all', () => pages.flat());
    });
  }

  /** Track and location names by id, as a search reads them (the whole lists, once per request, through the shared cache). */
  searchNames(): Promise<GuidebookNames> {
    return this.#names();
  }

  /** Track and location names by id (their whole lists, as the by-id loaders read them). */
  async #names(): Promise<GuidebookNames> {
    const [tracks, locations] = await Promise.all([
      this.#wholeList('schedule-tracks', guidebookTrackWire)(),
      this.#wholeList('locations', guidebookLocationWire)(),
    ]);
    const trackIndexes = tracks.map((page) => indexCachedList(page, toTrack));
    const locationIndexes = locations.map((page) => indexCachedList(page, toLocation));
    const find = <M extends { name: string }>(indexes: ReadonlyArray<ReadonlyMap<string, M>>, id: string) => {
      for (const index of indexes) {
        const model = index.get(id);
        if (model) return model.name;
      }
      return undefined;
    };
    return { track: (id) => find(trackIndexes, id), location: (id) => find(locationIndexes, id) };
  }

  /**
   * Sessions of one guide by id, as a personalized schedule lists them: batched across the
   * operation by `sessionInGuide`, read from the guide's session list (the same cached
   * pages the `sessions` connection uses) when that costs fewer calls than one GET each.
   */
  sessionsByIds(guideId: string, ids: readonly string[]): Promise<Array<SessionModel | Error>> {
    return this.sessionInGuide.loadMany(ids.map((id) => ({ id, guideId })));
  }

  /** Every guide the credentials see (the whole `guides` list, read once per request like the `guide` loader's). */
  async guides(): Promise<GuideModel[]> {
    const pages = await this.#wholeList('guides', guidebookGuideWire)();
    return pages.flat().map(toGuide);
  }

  /**
   * Every session of one guide in start-time order (`Conference.days`): the guide's list read
   * whole with the query of its time windows (`start_time,id` in pages of
   * GUIDEBOOK_WINDOW_PAGE_SIZE, so their cached pages are shared: a 15,000-session guide is 30
   * calls, not 406 pages of 37), mapped once per cached page and the same array while those
   * pages are cached (so what is derived from it is remembered). Do not mutate it.
   */
  sessionsOfGuide(guideId: string): Promise<readonly SessionModel[]> {
    return this.#allSessions(sessionsOfGuideQuery(guideId, this.#client.windowPageSize));
  }

  /** The locations of one guide (`locations/?guide=`), in the provider's order; primes `location`. */
  locationsOfGuide(guideId: string): Promise<LocationModel[]> {
    // A Guidebook location always has its id (toLocation writes it).
    type Located = LocationModel & { sourceId: string };
    const withId = toLocation as (wire: GuidebookLocationWire) => Located;
    return this.#primeGuide<GuidebookLocationWire, Located>(
      'locations',
      { guide: guideId },
      guidebookLocationWire,
      withId,
      this.location as DataLoader<string, Located>,
    );
  }

  /** Attendees of one guide by id, batched the same way as `sessionsByIds`. */
  attendeesByIds(guideId: string, ids: readonly string[]): Promise<Array<AttendeeModel | Error>> {
    return this.attendeeInGuide.loadMany(ids.map((id) => ({ id, guideId })));
  }

  /**
   * Reads a guide's whole list once per request (pages through the shared cache, with the
   * same query as the matching connection so their pages are shared) and primes `loader`.
   */
  #primeGuide<W, M extends { sourceId: string }>(
    resource: GuidebookResource,
    query: QueryParams,
    item: z.ZodType<W>,
    map: (wire: W) => M,
    loader: DataLoader<string, M>,
  ): Promise<M[]> {
    return readOnce(this.#guideSnapshots, `${resource}?${JSON.stringify(query)}`, () =>
      this.#client.listAll(resource, query, item, this.#headers).then((wires) => {
        if (resource === 'personalized-schedules' && Object.keys(query).length === 0) {
          this.#client.listDemand.learnPages('personalized-schedules', this.#client.pagesOf(resource, wires.length));
        }
        const models = wires.map(map);
        for (const model of models) loader.prime(model.sourceId, model);
        return models;
      }),
    );
  }

  /**
   * The personalized schedules of attendees. When the attendee's guide is known they come
   * from the guide's schedule list — one cached read shared by every attendee of the
   * guide and every client, where the `attendees__id` filter would cost one upstream call
   * per attendee per cache period (a thousand app users refreshing their schedules would
   * spend Guidebook's daily quota in hours). Without a guide, the account's whole list is
   * used once the gateway is busy enough for it to be cheaper (ListDemandPolicy), the
   * filter otherwise.
   */
  #createSchedulesOfAttendeeLoader(): DataLoader<{ attendeeId: string; guideId: string | null }, PersonalizedScheduleModel[], string> {
    const fromList = async (query: QueryParams, attendeeId: string) => {
      const schedules = await this.#primeGuide(
        'personalized-schedules',
        query,
        guidebookPersonalizedScheduleWire,
        toPersonalizedSchedule,
        this.personalizedSchedule,
      );
      return schedules.filter((schedule) => schedule.attendeeIds.includes(attendeeId));
    };
    return new DataLoader(
      (keys) =>
        Promise.all(
          keys.map(async ({ attendeeId, guideId }) => {
            if (guideId) return fromList({ guide: guideId }, attendeeId);
            const schedules = this.#client.listDemand.preferList('personalized-schedules', [attendeeId])
              ? await fromList({}, attendeeId)
              : (await this.#client.listAll('personalized-schedules', { attendees__id: attendeeId }, guidebookPersonalizedScheduleWire, this.#headers)).map(
                  toPersonalizedSchedule,
                );
            this.#client.learnAttendeeGuide(
              attendeeId,
              schedules.map((schedule) => schedule.guideId),
            );
            return schedules;
          }),
        ),
      { cacheKeyFn: ({ attendeeId }) => attendeeId, maxBatchSize: 100 },
    );
  }

  /**
   * Every personalized schedule of the account (change detection): the whole list, read
   * through the shared page cache with the query attendees' schedule reads use when their
   * guide is unknown, so the two share pages.
   */
  allPersonalizedSchedules(): Promise<PersonalizedScheduleModel[]> {
    return this.#primeGuide('personalized-schedules', {}, guidebookPersonalizedScheduleWire, toPersonalizedSchedule, this.personalizedSchedule);
  }

  /** One attendee's personalized schedules (by id), as an offset source. */
  schedulesOfAttendeeSource(attendeeId: string, guideId: string | null): OffsetSource<PersonalizedScheduleModel> {
    return createArraySource(() => this.schedulesOfAttendee.load({ attendeeId, guideId }));
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
      ordering: ordering([...orderBy.map(({ field, direction }) => ({ field: ATTENDEE_ORDER_FIELD[field], direction })), { field: 'id', direction: 'ASC' }]),
    };
    return this.#source('attendees', query, guidebookAttendeeWire, toAttendee, this.attendee);
  }

  personalizedScheduleSource(filter: GuidebookPersonalizedScheduleFilter): OffsetSource<PersonalizedScheduleModel> {
    // One attendee's schedules come from a shared list when that spares the quota.
    if (filter.attendeeId && !filter.attendeeImportId) return this.schedulesOfAttendeeSource(filter.attendeeId, filter.guideId ?? null);
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
    const source = createPageNumberSource(
      async (page, speculative, signal) => {
        const answer = await this.#client.list(resource, query, page, item, this.#headers, speculative, signal);
        // Mapped once per cached page object (each resource's pages have one mapper).
        const items = mapCachedList(answer.results, map);
        for (const model of items) loader.prime(model.sourceId, model);
        return { items, totalCount: answer.count, hasNext: answer.next !== null };
      },
      this.#client.expectedLayout(resource, query),
    );
    return namedPaging('guidebook', source);
  }
}

/** Filtered and sorted views of window reads (see GuidebookDataSource#filteredView). */
const filteredViews = new WeakMap<readonly SessionModel[], Map<string, Promise<SessionModel[]>>>();

/** Guidebook's list query for a session filter and order: its own filters, and the order with `id` breaking ties. */
function sessionListQuery(filter: GuidebookSessionFilter, order: SessionOrder): QueryParams {
  return {
    guide: filter.guideId,
    schedule_tracks: filter.trackId,
    import_id: filter.importId,
    // `id` last breaks ties, so the order is total and matches the gateway's comparator.
    ordering: ordering([
      { field: SESSION_ORDER_FIELD[order.field], direction: order.direction },
      { field: 'id', direction: order.direction },
    ]),
  };
}

/** One guide's whole session list in start order, in pages of `pageSize` (0: the server's). */
function sessionsOfGuideQuery(guide: string, pageSize: number): Record<string, string> {
  return { guide, ordering: 'start_time,id', ...(pageSize > 0 ? { page_size: String(pageSize) } : {}) };
}

/** `read()` once per key for the request: its promise is kept in `memo`, and dropped if it fails so that a later field reads again. */
function readOnce<T>(memo: Map<string, Promise<unknown>>, key: string, read: () => Promise<T>): Promise<T> {
  let pending = memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    const started = read();
    started.catch(() => {
      if (memo.get(key) === started) memo.delete(key);
    });
    memo.set(key, (pending = started));
  }
  return pending;
}
