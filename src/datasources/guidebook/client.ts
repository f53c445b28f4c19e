import type { z } from 'zod';
import type { GuidebookConfig } from '../../config.js';
import { UpstreamClient, type QueryParams, type ResponseCache, type UpstreamExtras, type UpstreamTimeouts } from '../../upstream/index.js';
import { ListDemandPolicy } from './listDemandPolicy.js';
import { guidebookPage, type GuidebookPage } from './wire.js';

export interface GuidebookClientOptions {
  config: GuidebookConfig;
  cache: ResponseCache;
  timeouts: UpstreamTimeouts;
  ttlMs: number;
  /** Resilience policy, cache behaviour and quota for the UpstreamClient (see UpstreamExtras). */
  upstream?: UpstreamExtras;
}

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
  readonly #ttlMs: number;
  /** The server's page size per resource, as last seen on a page that had a next one. */
  readonly #pageSizes = new Map<GuidebookResource, number>();

  constructor({ config, cache, timeouts, ttlMs, upstream }: GuidebookClientOptions) {
    this.upstream = new UpstreamClient({ provider: 'guidebook', baseUrl: config.baseUrl, authorization: `JWT ${config.apiKey}`, timeouts, cache, ...upstream });
    this.#ttlMs = ttlMs;
    this.listDemand = new ListDemandPolicy(ttlMs);
  }

  /** One page of a list (1-based). */
  list<T>(resource: GuidebookResource, query: QueryParams, page: number, item: z.ZodType<T>, headers?: Record<string, string>): Promise<GuidebookPage<T>> {
    const params = page > 1 ? { ...query, page } : query;
    const answer = this.upstream.get(`${resource}/`, params, guidebookPage(item), { ttlMs: this.#ttlMs, headers }) as Promise<GuidebookPage<T>>;
    return answer.then((body) => {
      if (body.next && body.results.length > 0) this.#pageSizes.set(resource, body.results.length);
      return body;
    });
  }

  /** How many pages `count` items of `resource` take, at the page size last seen (1 if unknown). */
  pagesOf(resource: GuidebookResource, count: number): number {
    const size = this.#pageSizes.get(resource);
    return size ? Math.max(1, Math.ceil(count / size)) : 1;
  }

  /** One object by id. */
  retrieve<T>(resource: GuidebookResource, id: string, item: z.ZodType<T>, headers?: Record<string, string>): Promise<T> {
    return this.upstream.get(`${resource}/${encodeURIComponent(id)}/`, {}, item, { ttlMs: this.#ttlMs, headers });
  }

  /**
   * Every item of a (small) list: page 1 gives `count` and the server's page size, then
   * the remaining pages are fetched in parallel.
   */
  async listAll<T>(resource: GuidebookResource, query: QueryParams, item: z.ZodType<T>, headers?: Record<string, string>): Promise<T[]> {
    const first = await this.list(resource, query, 1, item, headers);
    if (!first.next || first.results.length === 0) return first.results;
    const pageCount = Math.ceil(first.count / first.results.length);
    const rest = await Promise.all(Array.from({ length: pageCount - 1 }, (_, i) => this.list(resource, query, i + 2, item, headers)));
    return [first, ...rest].flatMap((page) => page.results);
  }
}
