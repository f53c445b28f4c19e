import { createHash } from 'node:crypto';
import type { z } from 'zod';

import { ErrorCode, UpstreamError } from '../errors/index.js';
import type { ProviderName } from '../providers.js';
import { applyCacheControl, type Freshness } from './cache/cacheControl.js';
import { isCacheEntry, type CacheEntry } from './cache/cacheEntry.js';
import { DEFAULT_CACHING, type CachingOptions } from './cache/cachingOptions.js';
import { directCallPolicy, type CallPolicy } from './callPolicy.js';
import { providerLabel } from './classifyFailure.js';
import { Coalescer } from './coalescer.js';
import { readBegins, readEnds, readWithdrawn } from './dependencies/readRecord.js';
import type { UpstreamChanges } from './dependencies/upstreamChanges.js';
import { observeAttempt, onUpstreamCall } from './observer.js';
import type { QuotaGuard, QuotaRegistry } from './quota/index.js';
import type { ResponseCache } from './responseCache.js';
import { HttpTransport, type QueryParams, type UpstreamTimeouts } from './transport.js';
import { checkWire } from './wireValidator.js';

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
  /** Stale-while-revalidate, stale-if-quota-low and per-resource TTLs (`DEFAULT_CACHING` otherwise). */
  caching?: Partial<CachingOptions>;
  /** Request budgets; every upstream attempt (reads, writes, retries) is counted. None: unlimited. */
  quota?: QuotaRegistry;
  /**
   * Told when a cached entry is refreshed with different content and after every write
   * (awaited before the write answers), so that answers built from them die (the
   * whole-response cache). None: nobody is told.
   */
  changes?: UpstreamChanges;
}

/**
 * What a provider client may pass through to its UpstreamClient beyond the basics: the
 * resilience policy, the cache behaviour and the quota guard (wired in `providers.ts`).
 */
export type UpstreamExtras = Pick<UpstreamClientOptions, 'policy' | 'caching' | 'quota' | 'connections' | 'changes'>;

export interface GetOptions<T = unknown> {
  /** How long a successful answer may be served from the shared cache; 0 = not cached. */
  ttlMs: number;
  /**
   * Extra headers (e.g. the request id), sent to the provider. `cache-control: no-cache`
   * (lower-case name) also means: not served from the shared cache, fresh or stale — read from
   * the provider, and the answer stored in the cache as any read's (e.g. change detection's
   * poll, src/changes/pollScopes.ts). Such a read shares only an identical `no-cache` read
   * under way, never one begun without it.
   */
  headers?: Record<string, string>;
  /** Route template for metrics/logs, e.g. `GET sessions/:id/`; the path when omitted. */
  route?: string;
  /**
   * Asked for ahead of need (a page of a list whose page 1 has not answered yet), so the
   * caller may drop it: one attempt, never retried. It may share an identical read already
   * under way; a read that is not speculative never shares one that is.
   */
  speculative?: boolean;
  /**
   * The caller's withdrawal (e.g. a page asked for ahead that turned out not to be needed):
   * once aborted, this call rejects at once with the signal's reason. The upstream request
   * it started or joined is cancelled — its connection closed, no further attempt made —
   * only when no other caller waits for it any more (see `Coalescer`); a background
   * refresh of a stale answer is never withdrawn.
   */
  signal?: AbortSignal;
  /**
   * Told of an answer read from the provider (not from the cache), validated, with when its
   * request was sent (ms since the epoch): e.g. change detection compares a refreshed page of
   * a session list (src/changes/refreshDetector.ts). Called once per upstream read, however
   * many callers share it (the first caller's); it must not block, and whatever it throws is
   * ignored: it never fails or slows the read.
   */
  onFetched?: (value: T, requestedAt: number) => void;
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

/** What a read upstream gives its callers: the value, and until when the entry stored for it is fresh (undefined: not stored). */
interface Fetched<T> {
  value: T;
  freshUntil: number | undefined;
}

/** Reads whose URL and cache key each client remembers (see `UpstreamClient#target`). */
const MAX_REMEMBERED_TARGETS = 1_000;

/**
 * One provider's HTTP face for the datasources: reads through the shared response cache
 * (fresh → served; stale within the grace → served while one background refresh runs;
 * stale and the budget low → served rather than spending the reserve), identical
 * concurrent calls coalesced, writes never retried, every upstream attempt counted by the
 * quota guard, every answer validated against a wire schema before anyone sees it.
 * Errors are never cached.
 */
export class UpstreamClient {
  readonly provider: ProviderName;
  readonly #transport: HttpTransport;
  readonly #cache: ResponseCache;
  readonly #policy: CallPolicy;
  readonly #caching: CachingOptions;
  readonly #quota: QuotaGuard | undefined;
  readonly #changes: UpstreamChanges | undefined;
  readonly #coalescer = new Coalescer();
  /** Bumped by every write's invalidation: reads begun before it neither store nor get shared after it. */
  #generation = 0;
  /** Identifies the credential in cache keys without storing it. */
  readonly #credentialId: string;
  /** See `#target`. */
  readonly #targets = new Map<string, { url: URL; key: string }>();

  constructor(options: UpstreamClientOptions) {
    this.provider = options.provider;
    this.#transport = new HttpTransport(options);
    this.#cache = options.cache;
    this.#policy = options.policy ?? directCallPolicy;
    this.#caching = { ...DEFAULT_CACHING, ...options.caching };
    this.#credentialId = createHash('sha256').update(options.authorization).digest('base64url').slice(0, 16);
    this.#quota = options.quota?.guard(this.provider, this.#credentialId);
    this.#changes = options.changes;
  }

  /** The cache-key prefix of every read of this provider under this credential. */
  get cacheNamespace(): string {
    return `${this.provider}:${this.#credentialId}:`;
  }

  /** This client's request budget, when one is configured. */
  get quota(): QuotaGuard | undefined {
    return this.#quota;
  }

  /**
   * GETs `path` (relative to the base URL) and validates the JSON answer with `schema`.
   * Served from the shared cache when fresh (or stale, see the class comment); identical
   * concurrent calls share one request.
   */
  async get<T>(path: string, query: QueryParams, schema: z.ZodType<T>, options: GetOptions<T>): Promise<T> {
    const { url, key } = this.#target(path, query);
    // The operation being executed (if its answer may be cached whole) remembers this entry.
    const record = readBegins(key);
    const route = options.route ?? `GET ${path}`;
    const configured = this.#freshness(path, options.ttlMs);
    const found = configured.ttlMs > 0 ? await this.#cache.get(key) : undefined;
    const entry = isCacheEntry(found) ? (found as CacheEntry<T>) : undefined;
    const revalidate = /(^|[\s,])no-cache($|[\s,=])/i.test(options.headers?.['cache-control'] ?? '');
    // Fresh: served as it is, before anything a read upstream would need is put together.
    if (entry && !revalidate && Date.now() < entry.f) {
      readEnds(record, key, entry.f);
      return this.#served(route, 'hit', entry.v);
    }
    const generation = this.#generation;
    const shared = `${generation}|${key}`;
    // A read with a cached answer is a refresh (held to the budget's pace, see QuotaGuard.take);
    // a speculative read gets one attempt. Either may join a plain read of the same URL already
    // under way, and a speculative refresh a plain refresh; a plain read never joins them, so a
    // miss is never refused for the pace and never loses its retries.
    const refresh = entry !== undefined;
    const own = [options.speculative ? 'speculative' : '', refresh ? 'refresh' : ''].filter(Boolean).join('+');
    const read = (withdrawn: AbortSignal) =>
      this.#fetch(url, key, route, schema, configured, options.headers, options.speculative ? 1 : undefined, entry, withdrawn, options.onFetched, revalidate);
    const fetch = (signal?: AbortSignal): Promise<Fetched<T>> =>
      revalidate
        ? this.#coalescer.run(`${shared}|no-cache`, read, signal)
        : own
          ? (this.#coalescer.join<Fetched<T>>(shared, signal) ??
            (refresh ? this.#coalescer.join<Fetched<T>>(`${shared}|refresh`, signal) : undefined) ??
            this.#coalescer.run(`${shared}|${own}`, read, signal))
          : this.#coalescer.run(shared, read, signal);
    if (entry && !revalidate) {
      if (Date.now() < entry.g) {
        // Stale-while-revalidate: this caller gets the stale answer; one refresh runs, to the
        // end (it joins without a signal: nobody can withdraw it).
        if (!this.#quota?.low) fetch().catch(() => undefined);
        readEnds(record, key, undefined);
        return this.#served(route, 'stale', entry.v);
      }
      if (this.#quota?.low) {
        readEnds(record, key, undefined);
        return this.#served(route, 'stale', entry.v);
      }
    }
    try {
      const fetched = await fetch(options.signal);
      readEnds(record, key, fetched.freshUntil);
      return fetched.value;
    } catch (error) {
      // Withdrawn by its caller (a page asked for ahead and not needed): it contributed nothing.
      if (options.signal?.aborted) readWithdrawn(record, key);
      else readEnds(record, key, undefined);
      // The budget (ours or the provider's) is spent: an old answer beats none.
      if (entry && error instanceof UpstreamError && error.extensions.code === ErrorCode.UPSTREAM_RATE_LIMITED) return this.#served(route, 'stale', entry.v);
      throw error;
    }
  }

  #served<T>(route: string, cache: 'hit' | 'stale', value: T): T {
    onUpstreamCall({ source: this, provider: this.provider, route, status: undefined, durationMs: 0, cache, attempt: 0 });
    return value;
  }

  async #fetch<T>(
    url: URL,
    key: string,
    route: string,
    schema: z.ZodType<T>,
    configured: Freshness,
    headers: Record<string, string> | undefined,
    maxAttempts: number | undefined,
    previous: CacheEntry<T> | undefined,
    withdrawn: AbortSignal,
    onFetched: GetOptions<T>['onFetched'],
    revalidated = false,
  ): Promise<Fetched<T>> {
    const refresh = previous !== undefined;
    const generation = this.#generation;
    const requestedAt = Date.now();
    this.#quota?.assertAvailable();
    const answer = await this.#policy.run(
      async (attempt, deadline) => {
        // Nobody waits any more: no further attempt (a CallWithdrawn is never retried).
        if (withdrawn.aborted) throw withdrawn.reason;
        await this.#quota?.take(refresh);
        // Aborted by the policy's deadline or by every waiter's withdrawal, whichever comes first.
        const signal = deadline ? AbortSignal.any([deadline, withdrawn]) : withdrawn;
        return observeAttempt(this, this.provider, route, attempt, () => this.#transport.exchange({ method: 'GET', url, headers, signal }));
      },
      { idempotent: true, route, maxAttempts },
    );
    const value = this.#validate(answer.json, schema);
    // Told once the cache holds the answer (and what it replaced is dropped), so that whoever
    // the observer tells (change detection's events) reads the new content from the cache.
    const fetched = (result: Fetched<T>): Fetched<T> => {
      try {
        onFetched?.(value, requestedAt);
      } catch {
        // An observer's failure never fails the read it watches.
      }
      return result;
    };
    const { ttlMs, graceMs } = applyCacheControl(configured, answer.headers);
    if (!(ttlMs > 0 && generation === this.#generation)) return fetched({ value, freshUntil: undefined });
    // A `no-cache` read (change detection's poll) that replaced a cached answer with another:
    // the provider's data under this path changed, so every cached read under it is dropped
    // first (other pages and filters of the same list would still show the old content).
    if (revalidated && previous !== undefined && previous.h !== answer.digest) await this.#dropUnder([url.pathname]);
    const now = Date.now();
    const entry: CacheEntry<T> = { v: value, f: now + ttlMs, g: now + ttlMs + graceMs, h: answer.digest };
    // Kept past the grace so that a low budget can still be met from the cache.
    await this.#cache.set(key, entry, ttlMs + Math.max(graceMs, this.#quota ? this.#caching.staleIfQuotaLowMs : 0), answer.size);
    // After the new entry is in place, so that an answer rebuilt once it is dropped reads the new content.
    if (this.#changes && previous?.h !== answer.digest) await this.#changes.changed(key, previous?.h !== undefined);
    return fetched({ value, freshUntil: entry.f });
  }

  /** Configured TTL (per resource, else the read's) and stale grace. */
  #freshness(path: string, ttlMs: number): Freshness {
    const resource = path.replace(/^\//, '').split('/')[0] ?? '';
    const ttl = this.#caching.ttlByResource[resource] ?? ttlMs;
    return { ttlMs: ttl, graceMs: ttl > 0 ? this.#caching.staleGraceMs : 0 };
  }

  /**
   * Sends a write with a JSON body and validates the answer (`schema` null: no body
   * expected). Never retried. Afterwards — on success, or when the outcome is unknown —
   * the cached reads under `options.invalidates` are dropped, so a read after the write
   * sees it.
   */
  async send<T>(
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    schema: z.ZodType<T> | null,
    options: SendOptions,
  ): Promise<{ value: T | null; status: number }> {
    const url = this.#transport.url(path);
    try {
      this.#quota?.assertAvailable();
      const answer = await this.#policy.run(
        async (attempt) => {
          await this.#quota?.take();
          return observeAttempt(this, this.provider, options.route ?? `${method} ${path}`, attempt, () =>
            this.#transport.exchange({ method, url, body: body === undefined ? undefined : JSON.stringify(body), headers: options.headers }),
          );
        },
        { idempotent: false, route: options.route ?? `${method} ${path}` },
      );
      await this.#invalidate(options.invalidates);
      return { value: schema ? this.#validate(answer.json, schema) : null, status: answer.status };
    } catch (error) {
      if (mayHaveApplied(error)) await this.#invalidate(options.invalidates);
      throw error;
    }
  }

  /** Closes the keep-alive pool (on shutdown). */
  async close(): Promise<void> {
    await this.#transport.close();
  }

  /**
   * The URL and cache key of a read, remembered for the reads asked for most: building a
   * URL encodes every query parameter (~9 µs for a Planstone feed page with its
   * projection), and a warm home page asks for 13 pages. The URL is shared: never mutated.
   */
  #target(path: string, query: QueryParams): { url: URL; key: string } {
    const memoKey = `${path}\n${JSON.stringify(query)}`;
    let target = this.#targets.get(memoKey);
    if (!target) {
      const url = this.#transport.url(path, query);
      target = { url, key: `${this.cacheNamespace}GET ${url.pathname}${url.search}` };
      // Oldest first out: a bound, not an LRU; the reads that repeat are re-added at once.
      if (this.#targets.size >= MAX_REMEMBERED_TARGETS) this.#targets.delete(this.#targets.keys().next().value!);
      this.#targets.set(memoKey, target);
    }
    return target;
  }

  async #invalidate(paths: string[]): Promise<void> {
    this.#generation += 1;
    await this.#dropUnder(paths.map((path) => this.#transport.url(path).pathname));
  }

  /** Drops every cached read under the URL paths `pathnames`, and the answers built from them. */
  async #dropUnder(pathnames: string[]): Promise<void> {
    const prefixes = pathnames.map((pathname) => `${this.cacheNamespace}GET ${pathname}`);
    await Promise.all(prefixes.map((prefix) => this.#cache.deletePrefix(prefix)));
    // Answers built from what the write may have changed die before the write answers.
    await this.#changes?.changedUnder(prefixes);
  }

  #validate<T>(json: unknown, schema: z.ZodType<T>): T {
    const checked = checkWire(schema, json);
    if (checked.ok) return checked.value;
    throw new UpstreamError(`${providerLabel(this.provider)} sent an answer of an unexpected shape (${checked.where}).`, {
      provider: this.provider,
      code: ErrorCode.UPSTREAM_BAD_RESPONSE,
    });
  }
}

/**
 * Whether a failed write may still have changed the provider's data: anything but an
 * answer in which the provider refused it (4xx) or a failure before it was sent. A 2xx
 * whose body could not be read counts as applied.
 */
function mayHaveApplied(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return true;
  const status = error.upstreamStatus;
  if (status !== undefined) return status < 400 || status >= 500;
  return error.extensions.code === ErrorCode.UPSTREAM_OUTCOME_UNKNOWN || error.extensions.code === ErrorCode.UPSTREAM_BAD_RESPONSE;
}
