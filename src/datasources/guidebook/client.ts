import type { z } from 'zod';

import type { GuidebookConfig } from '../../config/index.js';
import { PageLayouts, readAllPages, type PageLayout } from '../../connections/index.js';
import {
  encodeQueryComponent,
  prepareWire,
  UpstreamClient,
  type QueryParams,
  type ResponseCache,
  type UpstreamExtras,
  type UpstreamTimeouts,
} from '../../upstream/index.js';
import type { SessionListReads } from '../sessionListReads.js';
import { ListDemandPolicy } from './listDemandPolicy.js';
import { mapCachedList } from './mapCachedList.js';
import { toSession } from './mapper.js';
import {
  guidebookAttendeeWire,
  guidebookGuideWire,
  guidebookLocationWire,
  guidebookPage,
  guidebookPersonalizedScheduleWire,
  guidebookSessionWire,
  guidebookTrackWire,
  type GuidebookPage,
} from './wire.js';

/** The objects the gateway reads from Guidebook, by id and in pages. */
const READ_ITEMS = [
  guidebookSessionWire,
  guidebookTrackWire,
  guidebookGuideWire,
  guidebookLocationWire,
  guidebookAttendeeWire,
  guidebookPersonalizedScheduleWire,
];

export interface GuidebookClientOptions {
  config: GuidebookConfig;
  cache: ResponseCache;
  timeouts: UpstreamTimeouts;
  ttlMs: number;
  /** Resilience policy, cache behaviour and quota for the UpstreamClient (see UpstreamExtras). */
  upstream?: UpstreamExtras;
  /** Told of every session list page read from Guidebook (not from the cache): change detection. */
  sessionReads?: SessionListReads;
}

/** An all-day session's length (src/models/sessionWindow.ts): the default longest session. */
export const DEFAULT_MAX_SESSION_MS = 24 * 3_600_000;

/** The Guidebook resources the gateway reads, by their URL segment. */
export type GuidebookResource = 'sessions' | 'schedule-tracks' | 'attendees' | 'personalized-schedules' | 'guides' | 'locations';

/**
 * HTTP access to the Guidebook Open API: `Authorization: JWT <key>`, DRF page-number
 * pages. Pages are the unit of the shared cache, so overlapping reads from different
 * clients cost one upstream call. The page size is the server's: never asked for.
 */
export class GuidebookClient {
  readonly upstream: UpstreamClient;
  /** Process-wide demand for objects read one by one (see ListDemandPolicy). */
  readonly listDemand: ListDemandPolicy;
  /** The longest a session lasts, for windows on the end (see GuidebookConfig.maxSessionMs). */
  readonly maxSessionMs: number;
  /** `page_size` for start-ordered window reads (0: the server's default; see GuidebookConfig.windowPageSize). */
  readonly windowPageSize: number;
  readonly #ttlMs: number;
  /** The server's page size per resource, as last seen on a page that had a next one. */
  readonly #pageSizes = new Map<GuidebookResource, number>();
  /** Each list's layout as its page 1 last told it, so the next read can ask for all its pages at once. */
  readonly #layouts = new PageLayouts();
  readonly #sessionReads: SessionListReads | undefined;
  /** The guide each attendee's schedules were last seen in (see `attendeeGuide`). */
  readonly #attendeeGuides = new Map<string, string>();

  constructor({ config, cache, timeouts, ttlMs, upstream, sessionReads }: GuidebookClientOptions) {
    this.#sessionReads = sessionReads;
    this.upstream = new UpstreamClient({ provider: 'guidebook', baseUrl: config.baseUrl, authorization: `JWT ${config.apiKey}`, timeouts, cache, ...upstream });
    this.#ttlMs = ttlMs;
    this.maxSessionMs = config.maxSessionMs ?? DEFAULT_MAX_SESSION_MS;
    this.windowPageSize = config.windowPageSize ?? 0;
    this.listDemand = new ListDemandPolicy(ttlMs);
    prepareWire(READ_ITEMS.flatMap((item) => [item, guidebookPage(item)]));
  }

  /**
   * One page of a list (1-based); `speculative`: asked for before page 1 answered (one
   * attempt, see GetOptions); `signal`: aborted when the page is no longer wanted.
   */
  list<T>(
    resource: GuidebookResource,
    query: QueryParams,
    page: number,
    item: z.ZodType<T>,
    headers?: Record<string, string>,
    speculative = false,
    signal?: AbortSignal,
  ): Promise<GuidebookPage<T>> {
    const params = page > 1 ? { ...query, page } : query;
    const onFetched = resource === 'sessions' && (item as unknown) === guidebookSessionWire ? this.#sessionPageRead(query, page) : undefined;
    const answer = this.upstream.get(`${resource}/`, params, guidebookPage(item), { ttlMs: this.#ttlMs, headers, speculative, signal, onFetched }) as Promise<
      GuidebookPage<T>
    >;
    return answer.then(
      (body) => {
        // The server's own page size: a read that asked for `page_size` says nothing of it.
        if (body.next && body.results.length > 0 && query.page_size === undefined) this.#pageSizes.set(resource, body.results.length);
        if (page === 1)
          this.#layouts.learn(listKey(resource, query), { pageSize: body.next ? body.results.length : Math.max(1, body.count), totalCount: body.count });
        return body;
      },
      (error: unknown) => {
        if (page === 1) this.#layouts.forget(listKey(resource, query));
        throw error;
      },
    );
  }

  /**
   * Reports a session page Guidebook answered to `sessionReads` (if observed). Its sessions
   * are all the account's list shows of them; the page is the whole list only when the list
   * has no filter (only an order or a page size) and no page after page 1.
   */
  #sessionPageRead<T>(query: QueryParams, page: number): ((body: GuidebookPage<T>, readAt: number) => void) | undefined {
    const reads = this.#sessionReads;
    if (!reads?.observed) return undefined;
    const unfiltered = Object.entries(query).every(([name, value]) => value === undefined || value === null || name === 'ordering' || name === 'page_size');
    return (body, readAt) =>
      reads.report(() => ({
        provider: 'guidebook',
        sessions: mapCachedList(body.results as Array<z.infer<typeof guidebookSessionWire>>, toSession),
        complete: unfiltered && page === 1 && body.next === null,
        readAt,
      }));
  }

  /**
   * The one guide an attendee's personalized schedules were all in when last read, if they
   * were (an attendee belongs to one guide, `guide_id`): a hint for reading that guide's
   * sessions along with the schedules, never an answer — what is read is still checked by id.
   */
  attendeeGuide(attendeeId: string): string | undefined {
    return this.#attendeeGuides.get(attendeeId);
  }

  /** Remembers where an attendee's schedules were (`guideIds`: their guides; one, or the hint is dropped). Bounded, oldest out. */
  learnAttendeeGuide(attendeeId: string, guideIds: readonly string[]): void {
    this.#attendeeGuides.delete(attendeeId);
    const guides = new Set(guideIds);
    if (guides.size !== 1) return;
    if (this.#attendeeGuides.size >= MAX_ATTENDEE_GUIDES) this.#attendeeGuides.delete(this.#attendeeGuides.keys().next().value!);
    this.#attendeeGuides.set(attendeeId, [...guides][0]!);
  }

  /** The layout page 1 of this list showed when last read, if it was. */
  expectedLayout(resource: GuidebookResource, query: QueryParams): PageLayout | undefined {
    return this.#layouts.recall(listKey(resource, query));
  }

  /** How many pages `count` items of `resource` take, at the page size last seen (1 if unknown). */
  pagesOf(resource: GuidebookResource, count: number): number {
    const size = this.#pageSizes.get(resource);
    return size ? Math.max(1, Math.ceil(count / size)) : 1;
  }

  /** One object by id. */
  retrieve<T>(resource: GuidebookResource, id: string, item: z.ZodType<T>, headers?: Record<string, string>): Promise<T> {
    return this.upstream.get(`${resource}/${encodeQueryComponent(id)}/`, {}, item, { ttlMs: this.#ttlMs, headers });
  }

  /**
   * Every item of a (small) list: page 1 gives `count` and the server's page size, then
   * the remaining pages are fetched in parallel — all with page 1 when the list's layout is
   * known from an earlier read (see `readAllPages`).
   */
  async listAll<T>(resource: GuidebookResource, query: QueryParams, item: z.ZodType<T>, headers?: Record<string, string>): Promise<T[]> {
    return (await this.mapPages(resource, query, item, (page) => page.results, headers)).flat();
  }

  /** As `listAll`, but each page goes through `map` as it arrives; results in page order. */
  mapPages<T, M>(
    resource: GuidebookResource,
    query: QueryParams,
    item: z.ZodType<T>,
    map: (page: GuidebookPage<T>) => M,
    headers?: Record<string, string>,
  ): Promise<M[]> {
    return readAllPages({
      fetchPage: (page, speculative, signal) => this.list(resource, query, page, item, headers, speculative, signal),
      layoutOf: (page) => ({ pageSize: page.next && page.results.length > 0 ? page.results.length : null, totalCount: page.count }),
      map,
      expected: this.expectedLayout(resource, query),
    });
  }
}

/** Attendees whose guide `GuidebookClient.attendeeGuide` remembers. */
const MAX_ATTENDEE_GUIDES = 10_000;

/** A list's identity without its page: the resource and its query in a stable order. */
function listKey(resource: GuidebookResource, query: QueryParams): string {
  const params = Object.entries(query)
    .filter(([name, value]) => name !== 'page' && value !== undefined && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${encodeQueryComponent(name)}=${encodeQueryComponent(String(value))}`);
  return `${resource}/?${params.join('&')}`;
}
