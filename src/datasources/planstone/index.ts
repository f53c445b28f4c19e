import DataLoader from 'dataloader';

import { createArraySource, createMaxResultsSource, type OffsetSource } from '../../connections/index.js';
import { NotFoundError } from '../../errors/index.js';
import type { PlanstoneConferenceRef, SessionModel, SessionOrder, SpeakerModel, TrackModel } from '../../models/index.js';
import { sessionComparator } from '../../models/index.js';
import { namedPaging } from '../namedPaging.js';
import { allPages } from './allPages.js';
import { PLANSTONE_MAX_RESULTS, type PlanstoneClient } from './client.js';
import { createDayOrderedSource } from './dayOrderedSource.js';
import { createEarlyDaySource, wholeDayOf } from './earlyDaySource.js';
import { createSpeakerLoader } from './loaders.js';
import { SESSION_DETAIL_FIELDS, toSession, toSpeaker, type SessionRead } from './mapper.js';
import { minuteWindowPlan } from './minuteWindowPlan.js';
import { createMinuteWindowSource } from './minuteWindowSource.js';
import { filterNeedsDetails, matchesPlanstoneFilter, type PlanstoneSessionFilter } from './sessionFilter.js';
import { sessionWhere } from './sessionWhere.js';
import type { PlanstoneSessionPage } from './wire.js';

export { PlanstoneClient, type PlanstoneClientOptions } from './client.js';
export { matchesPlanstoneFilter, type PlanstoneSessionFilter } from './sessionFilter.js';

export interface PlanstoneSpeakerFilter {
  published?: boolean;
  pids?: string[];
}

// Mapping 800+ sessions is pure work on an immutable cached page: do it once per cached
// page object (per zone and kind of read: a feed that refuses projections gives list reads
// the very pages whole reads get), not once per request.
const mappedPages = new Map<string, WeakMap<PlanstoneSessionPage, SessionModel[]>>();

function mapPage(page: PlanstoneSessionPage, zone: string, read: SessionRead, conference: PlanstoneConferenceRef | undefined): SessionModel[] {
  const key = `${read}|${zone}|${conference?.key ?? ''}`;
  let byPage = mappedPages.get(key);
  if (!byPage) mappedPages.set(key, (byPage = new WeakMap()));
  let models = byPage.get(page);
  if (!models) byPage.set(page, (models = page._items.map((item) => toSession(item, zone, read, conference))));
  return models;
}

/**
 * Whether an operation that selects the fields named `fieldsRead` (anywhere; unknown:
 * undefined) needs whole sessions, or a list read is enough.
 */
function readFor(fieldsRead: ReadonlySet<string> | undefined): SessionRead {
  return fieldsRead && !SESSION_DETAIL_FIELDS.some((field) => fieldsRead.has(field)) ? 'list' : 'whole';
}

// The deduplicated snapshot for the same mapped pages: mapPage hands back the very same
// arrays for the same cached page objects, so the first array keys it and the rest must be
// the same arrays. Keyed by the mapped arrays, not the wire pages: without a cache a page's
// envelope is garbage once mapped, and its items live only as long as their (lazily
// mapped, see toSession) models.
const snapshots = new WeakMap<SessionModel[], { pages: SessionModel[][]; sessions: SessionModel[] }>();
// Filtered and ordered views of a snapshot or selection, by filter and order: filtering and
// sorting hundreds of sessions is pure, so a warm read does it once per cached list, not per
// request (the lists are the same arrays while their pages are cached: snapshotOf).
const MAX_VIEWS_PER_SNAPSHOT = 256;
const orderedViews = new WeakMap<SessionModel[], Map<string, SessionModel[]>>();

function viewOf(all: SessionModel[], filter: PlanstoneSessionFilter, order: SessionOrder): SessionModel[] {
  let views = orderedViews.get(all);
  if (!views) orderedViews.set(all, (views = new Map()));
  const key = JSON.stringify([filter, order]);
  let sessions = views.get(key);
  if (!sessions) {
    // Searches and windows make filters many: keep a bounded number of views per list.
    if (views.size >= MAX_VIEWS_PER_SNAPSHOT) views.clear();
    views.set(key, (sessions = all.filter((s) => matchesPlanstoneFilter(s, filter)).sort(sessionComparator(order))));
  }
  return sessions;
}

function snapshotOf(pages: SessionModel[][]): SessionModel[] {
  const first = pages[0];
  const known = first ? snapshots.get(first) : undefined;
  if (known && known.pages.length === pages.length && known.pages.every((page, i) => page === pages[i])) return known.sessions;
  const seen = new Set<string>();
  const sessions = pages.flat().filter((s) => !seen.has(s.sourceId) && seen.add(s.sourceId));
  if (first) snapshots.set(first, { pages, sessions });
  return sessions;
}

/**
 * The Planstone feed for one GraphQL request. The feed cannot sort by the real start
 * instant (its times are local 12-hour strings), so sessions are read as one conference
 * snapshot — all pages, shared through the upstream cache for the feed's refresh period —
 * and filtered, ordered and sliced here. Speakers page on the server.
 */
export class PlanstoneDataSource {
  readonly speaker: DataLoader<string, SpeakerModel>;
  readonly #client: PlanstoneClient;
  readonly #zone: string;
  readonly #headers: Record<string, string> | undefined;
  readonly #snapshots: Partial<Record<SessionRead, Promise<SessionModel[]>>> = {};
  /** The configured conference this feed scope is (its sessions, tracks, rooms and speakers carry it); absent: the only one. */
  readonly conference: PlanstoneConferenceRef | undefined;
  /** Sessions read with a `where` in this request, by `where` and kind of read. */
  readonly #selections = new Map<string, Promise<SessionModel[]>>();
  /** The sessions of speakers (by pid), batched per kind of read (see `#speakerSessions`). */
  readonly #bySpeaker = new Map<SessionRead, DataLoader<string, SessionModel[]>>();

  constructor(client: PlanstoneClient, zone: string, headers?: Record<string, string>, conference?: PlanstoneConferenceRef) {
    this.#client = client;
    this.#zone = zone;
    this.#headers = headers;
    this.conference = conference;
    this.speaker = createSpeakerLoader(client, headers, conference);
  }

  /**
   * Every session of the conference, in feed order (deduplicated by schedid). A `'list'` read
   * asks the feed for the fields lists show, not the details (see SESSION_LIST_FIELDS); once
   * this request has whole sessions, a list read uses them.
   */
  allSessions(read: SessionRead = 'whole'): Promise<SessionModel[]> {
    const known = this.#snapshots.whole ?? this.#snapshots[read];
    if (known) return known;
    // Each page is mapped as soon as it arrives, while later pages are still in flight: only
    // the last page's mapping is left between the last answer and the merge.
    const snapshot = allPages(
      (page, speculative, signal) => this.#client.sessionsPage(page, PLANSTONE_MAX_RESULTS, this.#headers, speculative, read, signal),
      (page) => mapPage(page, this.#zone, read, this.conference),
      this.#client.expectedSessionsLayout(PLANSTONE_MAX_RESULTS, read),
    ).then(snapshotOf);
    this.#snapshots[read] = snapshot;
    return snapshot;
  }

  /** The IANA time zone of the conference's local dates and times. */
  get timeZone(): string {
    return this.#zone;
  }

  /** The conference's own id, `account/conference` (a Planstone Conference's source id). */
  get conferenceId(): string {
    return this.#client.conferenceId;
  }

  /**
   * The sessions that match `where` (beside the conference scope), deduplicated by schedid:
   * every page of that query, sorted by `startDate` on the server, each page mapped once per
   * cached page object. Pages go through the shared cache (a repeat within the TTL costs no
   * call). When this request already holds the whole feed, that is used instead.
   */
  sessionsWhere(where: Record<string, unknown>, read: SessionRead = 'whole'): Promise<SessionModel[]> {
    const whole = this.#snapshots.whole ?? this.#snapshots[read];
    if (whole) return whole;
    const key = `${read}|${JSON.stringify(where)}`;
    let selection = this.#selections.get(key);
    if (!selection) {
      selection = allPages(
        (page, speculative, signal) =>
          this.#client.sessionsWherePage(where, SERVER_SORT, page, PLANSTONE_MAX_RESULTS, this.#headers, speculative, read, signal),
        (page) => mapPage(page, this.#zone, read, this.conference),
        this.#client.expectedSessionsWhereLayout(where, SERVER_SORT, PLANSTONE_MAX_RESULTS, read),
      ).then(snapshotOf);
      this.#selections.set(key, selection);
      selection.catch(() => this.#selections.delete(key));
    }
    return selection;
  }

  /**
   * The filtered sessions in `order`, addressed by offset: exactly those matchesPlanstoneFilter
   * accepts. `fieldsRead`: the field names the operation selects, when known — without a
   * session detail among them (and no search, which reads descriptions) a list read is enough.
   */
  sessionSource(filter: PlanstoneSessionFilter, order: SessionOrder, fieldsRead?: ReadonlySet<string>): OffsetSource<SessionModel> {
    const read = filterNeedsDetails(filter) ? 'whole' : readFor(fieldsRead);
    const pushable = { window: filter.window, roomId: filter.roomId };
    if (filter.speakerPid !== undefined && sessionWhere(pushable, this.#zone) === undefined) {
      // A speaker's sessions: one `$in` query for every speaker the operation asks about.
      const pid = filter.speakerPid;
      return createArraySource(async () => {
        const engaged = await this.#speakerSessions(read).load(pid);
        return engaged.filter((s) => matchesPlanstoneFilter(s, filter)).sort(sessionComparator(order));
      });
    }
    if (filter.ids !== undefined && filter.ids.every((id) => /^\d{1,32}$/.test(id))) {
      // A few sessions by schedid (`SessionFilter.ids`): one `$in` query (as text and as number, as the feed may hold either).
      const ids = filter.ids;
      return createArraySource(async () => {
        if (ids.length === 0) return [];
        const where = { schedid: { $in: ids.flatMap((id) => (/^\d{1,15}$/.test(id) ? [id, Number(id)] : [id])) } };
        const sessions = await this.sessionsWhere(where, read);
        return sessions.filter((s) => matchesPlanstoneFilter(s, filter)).sort(sessionComparator(order));
      });
    }
    const where = sessionWhere(filter, this.#zone);
    if (where !== undefined) {
      // The feed selects the days (and speaker) that can match; the rest is checked here.
      const selected = createArraySource(async () => (where === null ? [] : viewOf(await this.sessionsWhere(where, read), filter, order)));
      const onlyWindow = Object.entries(filter).every(([key, value]) => key === 'window' || value === undefined);
      if (!where || !onlyWindow || order.field !== 'START_TIME' || order.direction !== 'ASC') return selected;
      const client = this.#client;
      const readPage = async (query: Record<string, unknown>, page: number, sort: string) => {
        const wire = await client.sessionsWherePage(query, sort, page, PLANSTONE_MAX_RESULTS, this.#headers, false, read);
        return { wire, sessions: mapPage(wire, this.#zone, read, this.conference) };
      };
      const trusted = () => client.trustsStartMinutes && !this.#snapshots.whole && !this.#snapshots[read];
      const distrust = (item: { schedid?: unknown }) => client.distrustStartMinutes(String(item.schedid ?? ''));
      const day = wholeDayOf(filter.window, where, this.#zone);
      if (day !== undefined) {
        // One whole day in start order: its first sessions by `rstartmins`, not all its pages.
        return createEarlyDaySource(
          { readPage: (query, page) => readPage(query, page, SERVER_SORT), trusted, distrust },
          where,
          day,
          filter.window!,
          this.#zone,
          sessionComparator(order),
          selected,
        );
      }
      // A window within a day, or "now (and next)": by minutes, in start order on the server.
      const plan = minuteWindowPlan(filter.window, this.#zone);
      if (!plan) return selected;
      return createMinuteWindowSource(
        { readPage: (query, page) => readPage(query, page, MINUTE_SORT), trusted, distrust },
        plan,
        filter.window!,
        sessionComparator(order),
        selected,
      );
    }
    const whole = createArraySource(async () => viewOf(await this.allSessions(read), filter, order));
    if (order.field !== 'START_TIME' || order.direction !== 'ASC' || Object.values(filter).some((value) => value !== undefined)) return whole;
    return this.#byDays(whole, read);
  }

  /**
   * Sessions by speaker pid for this request: the pids asked for in one tick go out as one
   * `where={"speakers.pid":{"$in":[…]}}` query (its pages; at most 100 pids a batch), so a page
   * of speakers with their sessions costs a page or two, not a call per speaker. Each list is
   * in feed order; the caller filters and sorts.
   */
  #speakerSessions(read: SessionRead): DataLoader<string, SessionModel[]> {
    let loader = this.#bySpeaker.get(read);
    if (!loader) {
      loader = new DataLoader<string, SessionModel[]>(
        async (pids) => {
          const where = { 'speakers.pid': { $in: pids.flatMap((pid) => (/^\d{1,15}$/.test(pid) ? [pid, Number(pid)] : [pid])) } };
          const sessions = await this.sessionsWhere(where, read);
          return pids.map((pid) => sessions.filter((s) => s.speakers.some((e) => e.personId === pid)));
        },
        { maxBatchSize: PLANSTONE_MAX_RESULTS },
      );
      this.#bySpeaker.set(read, loader);
    }
    return loader;
  }

  /**
   * The unfiltered list in start order, read a day at a time from the feed sorted by
   * `startDate` (dayOrderedSource.ts): its first page reads the first day(s), not the whole
   * conference. `whole` serves instead when this request already read the whole feed, and
   * when the feed's pages carry no `_meta` (no total to page by).
   */
  #byDays(whole: OffsetSource<SessionModel>, read: SessionRead): OffsetSource<SessionModel> {
    let wholeInstead = false;
    const days = createDayOrderedSource(
      async (direction, page) => {
        const sort = direction === 'asc' ? SERVER_SORT : SERVER_SORT_DESCENDING;
        const answer = await this.#client.sessionsWherePage({}, sort, page, PLANSTONE_MAX_RESULTS, this.#headers, false, read);
        if (!answer._meta) throw new NoTotal();
        return { sessions: mapPage(answer, this.#zone, read, this.conference), total: answer._meta.total, pageSize: answer._meta.max_results };
      },
      this.#zone,
      this.#client.dayReadHints,
    );
    return {
      read: async (offset, limit) => {
        if (wholeInstead || this.#snapshots.whole || this.#snapshots[read]) return whole.read(offset, limit);
        try {
          return await days.read(offset, limit);
        } catch (error) {
          if (!(error instanceof NoTotal)) throw error;
          wholeInstead = true;
          return whole.read(offset, limit);
        }
      },
    };
  }

  /**
   * One session by schedid; `fieldsRead` as for sessionSource. Rejects with NotFoundError
   * when the feed has none: the by-id contract of every datasource (as its loaders answer).
   */
  async session(schedid: string, fieldsRead?: ReadonlySet<string>): Promise<SessionModel> {
    const session = (await this.allSessions(readFor(fieldsRead))).find((s) => s.sourceId === schedid);
    if (!session) throw new NotFoundError(`Planstone has no session ${schedid}.`, 'planstone');
    return session;
  }

  /**
   * Distinct track names of the conference, by name. A list read gives them; `fieldsRead` as
   * for sessionSource, so that an operation that also shows session details reads the feed once.
   */
  async tracks(fieldsRead?: ReadonlySet<string>): Promise<TrackModel[]> {
    const byName = new Map<string, TrackModel>();
    for (const session of await this.allSessions(readFor(fieldsRead))) {
      for (const ref of session.tracks) if (ref.kind === 'inline' && !byName.has(ref.track.name)) byName.set(ref.track.name, ref.track);
    }
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  trackSource(fieldsRead?: ReadonlySet<string>): OffsetSource<TrackModel> {
    return createArraySource(() => this.tracks(fieldsRead));
  }

  /** One track by name; rejects with NotFoundError when no session of the feed has it (see `session`). */
  async track(name: string, fieldsRead?: ReadonlySet<string>): Promise<TrackModel> {
    const track = (await this.tracks(fieldsRead)).find((t) => t.name === name);
    if (!track) throw new NotFoundError(`Planstone has no track ${JSON.stringify(name)}.`, 'planstone');
    return track;
  }

  /** People of the conference in last-name order, paged by the feed itself. */
  speakerSource(filter: PlanstoneSpeakerFilter): OffsetSource<SpeakerModel> {
    const where: Record<string, unknown> = {};
    if (filter.published !== undefined) where.published = filter.published ? { $in: [true, 1, '1'] } : { $nin: [true, 1, '1'] };
    if (filter.pids) where.pid = { $in: filter.pids };
    const source = createMaxResultsSource(
      async (page, maxResults, speculative, signal) => {
        const answer = await this.#client.speakersPage(where, page, maxResults, this.#headers, speculative, signal);
        const items = answer._items.map((wire) => toSpeaker(wire, this.conference));
        for (const speaker of items) this.speaker.prime(speaker.sourceId, speaker);
        return {
          items,
          totalCount: answer._meta?.total ?? (page - 1) * maxResults + items.length,
          maxResults: answer._meta?.max_results ?? maxResults,
        };
      },
      PLANSTONE_MAX_RESULTS,
      this.#client.expectedSpeakersLayout(where, PLANSTONE_MAX_RESULTS),
    );
    return namedPaging('planstone', source);
  }
}

/** The server's order for day reads: by local start date, ties by schedid so pages never overlap. */
const SERVER_SORT = 'startDate,schedid';
/** The order of minute-window reads: within one length of `rstartmins` text, start order (minuteWindowSource.ts). */
const MINUTE_SORT = 'startDate,rstartmins,schedid';
const SERVER_SORT_DESCENDING = '-startDate,-schedid';

/** The feed answered without `_meta`: no total to page a day at a time by. */
class NoTotal extends Error {}
