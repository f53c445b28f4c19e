import type { PlanstoneConfig } from '../../config.js';
import type { ResponseCache, UpstreamExtras, UpstreamTimeouts } from '../../upstream/index.js';
import { UpstreamClient } from '../../upstream/index.js';
import { planstoneSessionPage, planstoneSpeakerPage, type PlanstoneSessionPage, type PlanstoneSpeakerPage } from './wire.js';

/** The feed answers at most 100 items a page (it clamps larger `max_results` silently). */
export const PLANSTONE_MAX_RESULTS = 100;

export interface PlanstoneClientOptions {
  config: PlanstoneConfig;
  cache: ResponseCache;
  timeouts: UpstreamTimeouts;
  ttlMs: number;
  /** Resilience policy, cache behaviour and quota for the UpstreamClient (see UpstreamExtras). */
  upstream?: UpstreamExtras;
}

/**
 * HTTP access to the Planstone feed: HTTP Basic with the token as user name and an empty
 * password, and the `account`/`conference` pair every query must carry in `where`.
 */
export class PlanstoneClient {
  readonly upstream: UpstreamClient;
  readonly #scope: { account: string; conference: string };
  readonly #ttlMs: number;

  constructor({ config, cache, timeouts, ttlMs, upstream }: PlanstoneClientOptions) {
    this.upstream = new UpstreamClient({
      provider: 'planstone',
      baseUrl: config.baseUrl,
      authorization: `Basic ${Buffer.from(`${config.token}:`).toString('base64')}`,
      timeouts,
      cache,
      ...upstream,
    });
    this.#scope = { account: config.account, conference: config.conference };
    this.#ttlMs = ttlMs;
  }

  sessionsPage(page: number, maxResults = PLANSTONE_MAX_RESULTS, headers?: Record<string, string>): Promise<PlanstoneSessionPage> {
    return this.upstream.get('sessions', { where: JSON.stringify(this.#scope), page, max_results: maxResults }, planstoneSessionPage, {
      ttlMs: this.#ttlMs,
      headers,
    });
  }

  speakersPage(
    where: Record<string, unknown>,
    page: number,
    maxResults = PLANSTONE_MAX_RESULTS,
    headers?: Record<string, string>,
  ): Promise<PlanstoneSpeakerPage> {
    return this.upstream.get(
      'speakers',
      { where: JSON.stringify({ ...this.#scope, ...where }), sort: 'lname,fname,pid', page, max_results: maxResults },
      planstoneSpeakerPage,
      { ttlMs: this.#ttlMs, headers },
    );
  }
}
