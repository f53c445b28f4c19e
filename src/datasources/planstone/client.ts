import type { PlanstoneConfig } from '../../config/index.js';
import { PageLayouts, type PageLayout } from '../../connections/index.js';
import { UpstreamError } from '../../errors/index.js';
import type { PlanstoneConferenceRef } from '../../models/index.js';
import type { ResponseCache, UpstreamExtras, UpstreamTimeouts } from '../../upstream/index.js';
import { prepareWire, UpstreamClient } from '../../upstream/index.js';
import type { SessionListReads } from '../sessionListReads.js';
import type { DayReadHints } from './dayOrderedSource.js';
import { SESSION_LIST_FIELDS, toSession, type SessionRead } from './mapper.js';
import { planstoneSessionPage, planstoneSpeakerPage, type PlanstoneSessionPage, type PlanstoneSpeakerPage } from './wire.js';

/** Windows of the day-sorted conference whose reach a client remembers (see `dayReadHints`). */
const MAX_DAY_WINDOWS = 1_000;

/** The feed answers at most 100 items a page (it clamps larger `max_results` silently). */
export const PLANSTONE_MAX_RESULTS = 100;

const LIST_PROJECTION = JSON.stringify(Object.fromEntries(SESSION_LIST_FIELDS.map((field) => [field, 1])));

export interface PlanstoneClientOptions {
  config: PlanstoneConfig;
  cache: ResponseCache;
  timeouts: UpstreamTimeouts;
  ttlMs: number;
  /** Resilience policy, cache behaviour and quota for the UpstreamClient (see UpstreamExtras). */
  upstream?: UpstreamExtras;
  /** Told once when the feed's behaviour makes the gateway read it differently (for the operators' log). */
  onNotice?: (message: string) => void;
  /**
   * The HTTP client of another conference's PlanstoneClient on the same feed, to share (one
   * connection pool, breaker and cache for the feed); none: this client makes its own.
   */
  sharedUpstream?: UpstreamClient;
  /**
   * Told of every page of whole sessions (no projection) read from the feed, not from the
   * cache: change detection. `conference` is how the conference's objects name it.
   */
  sessionReads?: { reads: SessionListReads; conference: PlanstoneConferenceRef };
}

/**
 * HTTP access to the Planstone feed: HTTP Basic with the token as user name and an empty
 * password, and the `account`/`conference` pair every query must carry in `where`.
 */
export class PlanstoneClient {
  readonly upstream: UpstreamClient;
  readonly #scope: { account: string; conference: string };
  readonly #ttlMs: number;
  /** Each list's layout as its page 1 last told it, so the next read can ask for all its pages at once. */
  readonly #layouts = new PageLayouts();
  /**
   * The page size the feed last used for a `max_results` asked (`_meta.max_results`: Eve
   * clamps to its `PAGINATION_LIMIT` silently), whatever the list: the limit is the
   * deployment's, so what one list's answer says holds for every list read of the feed.
   */
  readonly #pageSizes = new Map<number, number>();
  /** How many pages of the conference sorted by day the last read of each window reached (see `dayReadHints`). */
  readonly #dayReach = new Map<string, number>();
  /** The feed answered 400 to a projection: list reads ask for whole sessions. */
  #projectionRefused = false;
  readonly #onNotice: ((message: string) => void) | undefined;
  readonly #sessionReads: PlanstoneClientOptions['sessionReads'];
  readonly #timeZone: string;
  /** A session's `rstartmins`/`rendmins` disagreed with its `startTime`/`endTime`: they are not used to select by time. */
  #startMinutesDistrusted = false;

  /** The conference this client reads, as `account/conference`. */
  get conferenceId(): string {
    return `${this.#scope.account}/${this.#scope.conference}`;
  }

  constructor({ config, cache, timeouts, ttlMs, upstream, onNotice, sharedUpstream, sessionReads }: PlanstoneClientOptions) {
    this.#sessionReads = sessionReads;
    this.#timeZone = config.timeZone;
    this.upstream =
      sharedUpstream ??
      new UpstreamClient({
        provider: 'planstone',
        baseUrl: config.baseUrl,
        authorization: `Basic ${Buffer.from(`${config.token}:`).toString('base64')}`,
        timeouts,
        cache,
        ...upstream,
      });
    this.#scope = { account: config.account, conference: config.conference };
    this.#ttlMs = ttlMs;
    this.#onNotice = onNotice;
    prepareWire([planstoneSessionPage, planstoneSpeakerPage]);
  }

  /**
   * One page of the conference's sessions; `speculative`: asked for before page 1 answered
   * (one attempt, see GetOptions); `signal`: aborted when the page is no longer wanted. A `'list'` read asks only for SESSION_LIST_FIELDS (Eve's
   * `projection`); a feed that refuses projections (400) is read whole from then on.
   */
  async sessionsPage(
    page: number,
    maxResults = PLANSTONE_MAX_RESULTS,
    headers?: Record<string, string>,
    speculative = false,
    read: SessionRead = 'whole',
    signal?: AbortSignal,
  ): Promise<PlanstoneSessionPage> {
    const projected = read === 'list' && !this.#projectionRefused;
    try {
      return await this.#sessionsPage(page, this.#sessionsQuery(maxResults, projected), headers, speculative, signal);
    } catch (error) {
      if (!projected || !(error instanceof UpstreamError) || error.upstreamStatus !== 400) throw error;
      this.#refuseProjection();
      return this.#sessionsPage(page, this.#sessionsQuery(maxResults, false), headers, speculative, signal);
    }
  }

  /**
   * One page of the conference's sessions that match `where` (beside the account/conference
   * scope), ordered by `sort` on the server; otherwise as `sessionsPage`.
   */
  async sessionsWherePage(
    where: Record<string, unknown>,
    sort: string,
    page: number,
    maxResults = PLANSTONE_MAX_RESULTS,
    headers?: Record<string, string>,
    speculative = false,
    read: SessionRead = 'whole',
    signal?: AbortSignal,
  ): Promise<PlanstoneSessionPage> {
    const query = (projected: boolean) => ({ ...this.#sessionsQuery(maxResults, projected), where: JSON.stringify({ ...this.#scope, ...where }), sort });
    const projected = read === 'list' && !this.#projectionRefused;
    try {
      return await this.#sessionsPage(page, query(projected), headers, speculative, signal);
    } catch (error) {
      if (!projected || !(error instanceof UpstreamError) || error.upstreamStatus !== 400) throw error;
      this.#refuseProjection();
      return this.#sessionsPage(page, query(false), headers, speculative, signal);
    }
  }

  /** Whether `rstartmins`/`rendmins` may select sessions by time (earlyDaySource.ts, minuteWindowSource.ts): true until one disagreed with its time. */
  get trustsStartMinutes(): boolean {
    return !this.#startMinutesDistrusted;
  }

  /** A session's minutes disagreed with its times: stop selecting by them, for this client's life (said once). */
  distrustStartMinutes(schedid: string): void {
    if (this.#startMinutesDistrusted) return;
    this.#startMinutesDistrusted = true;
    this.#onNotice?.(
      `Planstone session ${schedid} of ${this.conferenceId} has an rstartmins or rendmins that disagrees with its startTime or endTime: time windows are read by whole dates from now on.`,
    );
  }

  /** The feed answered 400 to a projection: list reads ask for whole sessions from now on (said once). */
  #refuseProjection(): void {
    if (this.#projectionRefused) return;
    this.#projectionRefused = true;
    this.#onNotice?.('Planstone refused a projection (HTTP 400): its session lists are read whole from now on, about 2.5 times the bytes.');
  }

  /** The layout of a `sessionsWherePage` query when its page 1 was last read. */
  expectedSessionsWhereLayout(
    where: Record<string, unknown>,
    sort: string,
    maxResults = PLANSTONE_MAX_RESULTS,
    read: SessionRead = 'whole',
  ): PageLayout | undefined {
    const query = {
      ...this.#sessionsQuery(maxResults, read === 'list' && !this.#projectionRefused),
      where: JSON.stringify({ ...this.#scope, ...where }),
      sort,
    };
    return this.#layouts.recall(`sessions?${JSON.stringify(query)}`);
  }

  /** The layout of the session feed (at `maxResults` a page, read whole or as a list) when its page 1 was last read. */
  expectedSessionsLayout(maxResults = PLANSTONE_MAX_RESULTS, read: SessionRead = 'whole'): PageLayout | undefined {
    return this.#layouts.recall(`sessions?${JSON.stringify(this.#sessionsQuery(maxResults, read === 'list' && !this.#projectionRefused))}`);
  }

  #sessionsQuery(maxResults: number, projected: boolean) {
    return { where: JSON.stringify(this.#scope), max_results: maxResults, ...(projected ? { projection: LIST_PROJECTION } : {}) };
  }

  #sessionsPage(
    page: number,
    query: Record<string, string | number>,
    headers: Record<string, string> | undefined,
    speculative: boolean,
    signal: AbortSignal | undefined,
  ): Promise<PlanstoneSessionPage> {
    const onFetched = this.#sessionPageRead(query, page);
    const answer = this.upstream.get('sessions', { ...query, page }, planstoneSessionPage, { ttlMs: this.#ttlMs, headers, speculative, signal, onFetched });
    return page === 1 ? this.#learning(`sessions?${JSON.stringify(query)}`, Number(query.max_results), answer) : answer;
  }

  /**
   * Reports a page of whole sessions the feed answered to `sessionReads` (if observed; a
   * projected page lacks fields change detection compares). The page is the conference's
   * whole list only when its `where` is the conference's alone and page 1 holds every session.
   */
  #sessionPageRead(query: Record<string, string | number>, page: number): ((body: PlanstoneSessionPage, readAt: number) => void) | undefined {
    const observed = this.#sessionReads;
    if (!observed?.reads.observed || query.projection !== undefined) return undefined;
    const unfiltered = query.where === JSON.stringify(this.#scope);
    const zone = this.#timeZone;
    return (body, readAt) =>
      observed.reads.report(() => ({
        provider: 'planstone',
        conferenceId: this.conferenceId,
        sessions: body._items.map((item) => toSession(item, zone, 'whole', observed.conference)),
        complete: unfiltered && page === 1 && body._meta !== undefined && body._meta.total <= body._items.length,
        readAt,
      }));
  }

  speakersPage(
    where: Record<string, unknown>,
    page: number,
    maxResults = PLANSTONE_MAX_RESULTS,
    headers?: Record<string, string>,
    speculative = false,
    signal?: AbortSignal,
  ): Promise<PlanstoneSpeakerPage> {
    const query = this.#speakersQuery(where, maxResults);
    const answer = this.upstream.get('speakers', { ...query, page }, planstoneSpeakerPage, { ttlMs: this.#ttlMs, headers, speculative, signal });
    return page === 1 ? this.#learning(`speakers?${JSON.stringify(query)}`, maxResults, answer) : answer;
  }

  /**
   * The page size the feed uses when asked for `maxResults` a page, as its last answer told
   * (any list: see `#pageSizes`); undefined until one answered.
   */
  pageSizeFor(maxResults = PLANSTONE_MAX_RESULTS): number | undefined {
    return this.#pageSizes.get(maxResults);
  }

  /**
   * Hints for reads of the whole conference sorted by day (dayOrderedSource.ts): the pages
   * the last read of the same window reached, so the next one asks for them together.
   * Kept for this client's life, for the last 1,000 windows read.
   */
  get dayReadHints(): DayReadHints {
    const reach = this.#dayReach;
    return {
      reach: (direction, end) => reach.get(`${direction}${end}`),
      reached: (direction, end, pages) => {
        const key = `${direction}${end}`;
        reach.delete(key);
        if (reach.size >= MAX_DAY_WINDOWS) reach.delete(reach.keys().next().value!);
        reach.set(key, pages);
      },
    };
  }

  /** The layout of a speaker query when its page 1 was last read. */
  expectedSpeakersLayout(where: Record<string, unknown>, maxResults = PLANSTONE_MAX_RESULTS): PageLayout | undefined {
    return this.#layouts.recall(`speakers?${JSON.stringify(this.#speakersQuery(where, maxResults))}`);
  }

  #speakersQuery(where: Record<string, unknown>, maxResults: number) {
    return { where: JSON.stringify({ ...this.#scope, ...where }), sort: 'lname,fname,pid', max_results: maxResults };
  }

  /**
   * Remembers the layout page 1 of `list` tells (`_meta`) as it passes, and the page size the
   * feed used for `maxResults` asked; forgets the layout when page 1 fails.
   */
  async #learning<P extends { _meta?: { max_results: number; total: number } | undefined }>(
    list: string,
    maxResults: number,
    firstPage: Promise<P>,
  ): Promise<P> {
    let body: P;
    try {
      body = await firstPage;
    } catch (error) {
      this.#layouts.forget(list);
      throw error;
    }
    if (body._meta) {
      this.#layouts.learn(list, { pageSize: body._meta.max_results, totalCount: body._meta.total });
      const used = body._meta.max_results;
      if (Number.isSafeInteger(used) && used >= 1) this.#pageSizes.set(maxResults, used);
    }
    return body;
  }
}
