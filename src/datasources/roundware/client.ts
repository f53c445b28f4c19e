import type { RoundwareConfig } from '../../config/index.js';
import {
  encodeQueryComponent,
  prepareWire,
  UpstreamClient,
  type QueryParams,
  type ResponseCache,
  type UpstreamExtras,
  type UpstreamTimeouts,
} from '../../upstream/index.js';
import { roundwareSessionCount, roundwareSessionList, roundwareSessionWire, type RoundwareSessionWire } from './wire.js';

export interface RoundwareClientOptions {
  config: RoundwareConfig;
  cache: ResponseCache;
  timeouts: UpstreamTimeouts;
  ttlMs: number;
  /** Resilience policy, cache behaviour and quota for the UpstreamClient (see UpstreamExtras). */
  upstream?: UpstreamExtras;
}

/** HTTP access to Roundware API v2: `Authorization: token <key>`, unpaginated arrays. */
export class RoundwareClient {
  readonly upstream: UpstreamClient;
  readonly #ttlMs: number;

  constructor({ config, cache, timeouts, ttlMs, upstream }: RoundwareClientOptions) {
    this.upstream = new UpstreamClient({
      provider: 'roundware',
      baseUrl: config.baseUrl,
      authorization: `token ${config.token}`,
      timeouts,
      cache,
      ...upstream,
    });
    this.#ttlMs = ttlMs;
    prepareWire([roundwareSessionList, roundwareSessionWire, roundwareSessionCount]);
  }

  listSessions(filters: QueryParams, headers?: Record<string, string>): Promise<RoundwareSessionWire[]> {
    return this.upstream.get('sessions/', filters, roundwareSessionList, { ttlMs: this.#ttlMs, headers });
  }

  /** `GET sessions/count/` with the list's filters (only on servers of the `admin-updates` branch: others answer 404). */
  async countSessions(filters: QueryParams, headers?: Record<string, string>): Promise<number> {
    return (await this.upstream.get('sessions/count/', filters, roundwareSessionCount, { ttlMs: this.#ttlMs, headers })).count;
  }

  retrieveSession(id: string, headers?: Record<string, string>): Promise<RoundwareSessionWire> {
    return this.upstream.get(`sessions/${encodeQueryComponent(id)}/`, {}, roundwareSessionWire, { ttlMs: this.#ttlMs, headers });
  }
}
