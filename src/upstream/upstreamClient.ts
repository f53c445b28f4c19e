import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { ErrorCode, UpstreamError, type ProviderName } from '../errors/index.js';
import { providerLabel } from './classifyFailure.js';
import { directCallPolicy, type CallPolicy } from './callPolicy.js';
import { Coalescer } from './coalescer.js';
import type { ResponseCache } from './responseCache.js';
import { HttpTransport, type QueryParams, type UpstreamTimeouts } from './transport.js';

export interface UpstreamClientOptions {
  provider: ProviderName;
  /** The provider's API root, as its docs write it, with a trailing slash. */
  baseUrl: string;
  /** The full `Authorization` header value. Never logged, never shown to clients. */
  authorization: string;
  timeouts: UpstreamTimeouts;
  cache: ResponseCache;
  /** Retries, breaker, quota — `directCallPolicy` (one attempt) by default. */
  policy?: CallPolicy;
  /** Keep-alive connections to the provider. */
  connections?: number;
}

export interface GetOptions {
  /** How long a successful answer may be served from the shared cache; 0 = not cached. */
  ttlMs: number;
  /** Extra headers (e.g. the request id). */
  headers?: Record<string, string>;
  /** Route template for metrics/logs, e.g. `GET sessions/:id/`; the path when omitted. */
  route?: string;
}

export interface SendOptions {
  headers?: Record<string, string>;
  route?: string;
  /**
   * Paths (relative to the base URL) whose cached reads this write changes; every cached
   * GET under them is dropped once the write succeeds — or may have succeeded.
   */
  invalidates: string[];
}

/**
 * One provider's HTTP face for the datasources: reads through the shared response cache
 * with in-flight coalescing, writes never retried, every answer validated against a wire
 * schema before anyone sees it.
 */
export class UpstreamClient {
  readonly provider: ProviderName;
  readonly #transport: HttpTransport;
  readonly #cache: ResponseCache;
  readonly #policy: CallPolicy;
  readonly #coalescer = new Coalescer();
  /** Identifies the credential in cache keys without storing it. */
  readonly #credentialId: string;

  constructor(options: UpstreamClientOptions) {
    this.provider = options.provider;
    this.#transport = new HttpTransport(options);
    this.#cache = options.cache;
    this.#policy = options.policy ?? directCallPolicy;
    this.#credentialId = createHash('sha256').update(options.authorization).digest('base64url').slice(0, 16);
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
    const url = this.#transport.url(path, query);
    const key = this.#cacheKey(url);
    const cached = options.ttlMs > 0 ? await this.#cache.get(key) : undefined;
    if (cached !== undefined) return cached as T;
    return this.#coalescer.run(key, async () => {
      const json = await this.#policy.run(() => this.#transport.request({ method: 'GET', url, headers: options.headers }), {
        idempotent: true,
        route: options.route ?? `GET ${path}`,
      });
      const value = this.#validate(json, schema);
      await this.#cache.set(key, value, options.ttlMs);
      return value;
    });
  }

  /**
   * Sends a write with a JSON body and validates the answer (`schema` null: no body
   * expected). Never retried. Afterwards — on success, or when the outcome is unknown —
   * the cached reads under `options.invalidates` are dropped, so a read after the write
   * sees it.
   */
  async send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body: unknown, schema: z.ZodType<T> | null, options: SendOptions): Promise<T | null> {
    const url = this.#transport.url(path);
    try {
      const json = await this.#policy.run(
        () => this.#transport.request({ method, url, body: body === undefined ? undefined : JSON.stringify(body), headers: options.headers }),
        { idempotent: false, route: options.route ?? `${method} ${path}` },
      );
      await this.#invalidate(options.invalidates);
      return schema ? this.#validate(json, schema) : null;
    } catch (error) {
      if (error instanceof UpstreamError && error.extensions.code === ErrorCode.UPSTREAM_OUTCOME_UNKNOWN) await this.#invalidate(options.invalidates);
      throw error;
    }
  }

  /** Closes the keep-alive pool (on shutdown). */
  async close(): Promise<void> {
    await this.#transport.close();
  }

  #cacheKey(url: URL): string {
    return `${this.cacheNamespace}GET ${url.pathname}${url.search}`;
  }

  async #invalidate(paths: string[]): Promise<void> {
    await Promise.all(paths.map((path) => this.#cache.deletePrefix(`${this.cacheNamespace}GET ${this.#transport.url(path).pathname}`)));
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
