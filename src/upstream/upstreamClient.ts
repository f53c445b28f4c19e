import { createHash } from 'node:crypto';
import { Pool } from 'undici';
import type { z } from 'zod';
import { ErrorCode, UpstreamError, type ProviderName } from '../errors/index.js';
import { classifyStatus, classifyTransportFailure, parseRetryAfter, providerLabel } from './classifyFailure.js';
import { Coalescer } from './coalescer.js';
import type { ResponseCache } from './responseCache.js';

export interface UpstreamTimeouts {
  /** TCP + TLS connect. */
  connectMs: number;
  /** From request sent to response headers. */
  headersMs: number;
  /** Maximum gap between body chunks. */
  bodyMs: number;
}

export interface UpstreamClientOptions {
  provider: ProviderName;
  /** The provider's API root, as its docs write it, with a trailing slash. */
  baseUrl: string;
  /** The full `Authorization` header value. Never logged, never shown to clients. */
  authorization: string;
  timeouts: UpstreamTimeouts;
  cache: ResponseCache;
  /** Keep-alive connections to the provider. */
  connections?: number;
}

export type QueryParams = Record<string, string | number | boolean | undefined | null>;

export interface GetOptions {
  /** How long a successful answer may be served from the shared cache; 0 = not cached. */
  ttlMs: number;
  /** Extra headers (e.g. the request id). */
  headers?: Record<string, string>;
}

/**
 * One provider's HTTP face: a keep-alive undici pool, its credential, timeouts, the shared
 * response cache and in-flight coalescing. Every answer is validated against a wire schema
 * before anyone sees it; every failure becomes an `UpstreamError` that names the provider
 * and never the URL or the credential.
 */
export class UpstreamClient {
  readonly provider: ProviderName;
  readonly #base: URL;
  readonly #pool: Pool;
  readonly #authorization: string;
  readonly #timeouts: UpstreamTimeouts;
  readonly #cache: ResponseCache;
  readonly #coalescer = new Coalescer();
  /** Identifies the credential in cache keys without storing it. */
  readonly #credentialId: string;

  constructor(options: UpstreamClientOptions) {
    this.provider = options.provider;
    this.#base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.#authorization = options.authorization;
    this.#timeouts = options.timeouts;
    this.#cache = options.cache;
    this.#credentialId = createHash('sha256').update(options.authorization).digest('base64url').slice(0, 16);
    this.#pool = new Pool(this.#base.origin, {
      connections: options.connections ?? 16,
      keepAliveTimeout: 30_000,
      connectTimeout: options.timeouts.connectMs,
      headersTimeout: options.timeouts.headersMs,
      bodyTimeout: options.timeouts.bodyMs,
    });
  }

  /** The cache-key prefix of every read of this provider under this credential. */
  get cacheNamespace(): string {
    return `${this.provider}:${this.#credentialId}:`;
  }

  /**
   * GETs `path` (relative to the base URL) and validates the JSON answer with `schema`.
   * Served from the shared cache when fresh; identical concurrent calls share one request.
   */
  async get<T>(path: string, query: QueryParams, schema: z.ZodType<T>, options: GetOptions): Promise<T> {
    const url = this.#url(path, query);
    const key = `${this.cacheNamespace}GET ${url.pathname}${url.search}`;
    const cached = options.ttlMs > 0 ? await this.#cache.get(key) : undefined;
    if (cached !== undefined) return cached as T;
    return this.#coalescer.run(key, async () => {
      const json = await this.#send('GET', url, undefined, options.headers);
      const value = this.#validate(json, schema);
      await this.#cache.set(key, value, options.ttlMs);
      return value;
    });
  }

  /** Closes the keep-alive pool (on shutdown). */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  #url(path: string, query: QueryParams): URL {
    const url = new URL(path.replace(/^\//, ''), this.#base);
    const entries = Object.entries(query)
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, value] of entries) url.searchParams.set(name, String(value));
    return url;
  }

  async #send(method: string, url: URL, body: string | undefined, headers: Record<string, string> = {}): Promise<unknown> {
    let response;
    try {
      response = await this.#pool.request({
        method: method as 'GET',
        path: url.pathname + url.search,
        headers: { accept: 'application/json', authorization: this.#authorization, ...headers },
        body,
      });
    } catch (error) {
      throw classifyTransportFailure(this.provider, error);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw classifyTransportFailure(this.provider, error);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const error = classifyStatus(this.provider, response.statusCode, parseRetryAfter(response.headers['retry-after']));
      Object.defineProperty(error, 'responseBody', { value: safeJson(text), enumerable: false });
      throw error;
    }
    if (response.statusCode === 204 || text.length === 0) return null;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new UpstreamError(`${providerLabel(this.provider)} sent an answer that is not valid JSON.`, {
        provider: this.provider,
        code: ErrorCode.UPSTREAM_BAD_RESPONSE,
        upstreamStatus: response.statusCode,
        cause: error,
      });
    }
  }

  #validate<T>(json: unknown, schema: z.ZodType<T>): T {
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : '';
    throw new UpstreamError(`${providerLabel(this.provider)} sent an answer of an unexpected shape${where}.`, {
      provider: this.provider,
      code: ErrorCode.UPSTREAM_BAD_RESPONSE,
      cause: result.error,
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
