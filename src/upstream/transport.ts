import { createHash } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { Pool } from 'undici';

import { ErrorCode, UpstreamError } from '../errors/index.js';
import type { ProviderName } from '../providers.js';
import { classifyBodyFailure, classifyStatus, classifyTransportFailure, parseRetryAfter, providerLabel } from './classifyFailure.js';
import { encodeQueryComponent } from './encodeQueryComponent.js';

export interface UpstreamTimeouts {
  /** TCP + TLS connect. */
  connectMs: number;
  /** From request sent to response headers. */
  headersMs: number;
  /** Maximum gap between body chunks. */
  bodyMs: number;
}

export type QueryParams = Record<string, string | number | boolean | undefined | null>;

export interface TransportOptions {
  provider: ProviderName;
  baseUrl: string;
  authorization: string;
  timeouts: UpstreamTimeouts;
  connections?: number;
}

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: URL;
  body?: string;
  headers?: Record<string, string>;
  /**
   * Cancels the request (its connection is closed); the exchange then rejects with the
   * signal's reason as it is — the caller who aborts says why (a deadline's UPSTREAM_TIMEOUT,
   * a `CallWithdrawn`).
   */
  signal?: AbortSignal;
}

/** A 2xx answer: parsed JSON (null for an empty body), status and response headers. */
export interface TransportAnswer {
  json: unknown;
  /** Length of the answer's text (UTF-16 code units): what a cache may weigh it by. */
  size: number;
  /** SHA-1 of the answer's text (base64url): tells a refreshed cache entry with new content from one with the same. */
  digest: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** Errors that prove a request never reached the provider (safe to report as plain failures). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The wire: a keep-alive undici pool to one provider, its credential, timeouts, and the
 * translation of every failure into an UpstreamError that names the provider and never
 * the URL or the credential. Answers are parsed JSON (null for an empty body).
 */
export class HttpTransport {
  readonly provider: ProviderName;
  readonly base: URL;
  readonly #pool: Pool;
  readonly #authorization: string;

  constructor(options: TransportOptions) {
    this.provider = options.provider;
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.#authorization = options.authorization;
    this.#pool = new Pool(this.base.origin, {
      connections: options.connections ?? 16,
      keepAliveTimeout: 30_000,
      connectTimeout: options.timeouts.connectMs,
      headersTimeout: options.timeouts.headersMs,
      bodyTimeout: options.timeouts.bodyMs,
    });
  }

  /**
   * `path` resolved against the base URL, with query parameters in a stable (sorted) order,
   * each encoded by `encodeQueryComponent` — the one encoding of every provider's query
   * strings, which never throws (a lone surrogate is sent as U+FFFD).
   */
  url(path: string, query: QueryParams = {}): URL {
    const url = new URL(path.replace(/^\//, ''), this.base);
    const search = Object.entries(query)
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => `${encodeQueryComponent(name)}=${encodeQueryComponent(String(value))}`)
      .join('&');
    if (search) url.search = search;
    return url;
  }

  /** Sends one request; resolves to the parsed JSON of a 2xx answer, rejects with an UpstreamError. */
  async request(request: TransportRequest): Promise<unknown> {
    return (await this.exchange(request)).json;
  }

  /**
   * As `request`, but also gives the answer's status and headers (the shared cache reads
   * `Cache-Control` and `Age` from them). Same failures as `request`.
   */
  async exchange({ method, url, body, headers = {}, signal }: TransportRequest): Promise<TransportAnswer> {
    const write = method !== 'GET';
    const outgoing: Record<string, string> = {
      accept: 'application/json',
      authorization: this.#authorization,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    };
    withTraceContext(outgoing);
    let response;
    try {
      response = await this.#pool.request({
        method,
        path: url.pathname + url.search,
        headers: outgoing,
        body,
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw write ? this.#writeFailure(error) : classifyTransportFailure(this.provider, error);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw write ? this.#writeFailure(error) : classifyBodyFailure(this.provider, error);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const error = classifyStatus(this.provider, response.statusCode, parseRetryAfter(response.headers['retry-after']));
      Object.defineProperty(error, 'responseBody', { value: safeJson(text), enumerable: false });
      throw error;
    }
    const answer = {
      status: response.statusCode,
      headers: response.headers,
      size: text.length,
      digest: write ? '' : createHash('sha1').update(text).digest('base64url'),
    };
    if (response.statusCode === 204 || text.length === 0) return { ...answer, json: null };
    try {
      return { ...answer, json: JSON.parse(text) };
    } catch (error) {
      // A proxy's or framework's error page served with 200 is the usual culprit: say so.
      const html = /html/i.test(String(response.headers['content-type'] ?? '')) || /^\s*</.test(text);
      throw new UpstreamError(`${providerLabel(this.provider)} sent ${html ? 'an HTML page' : 'an answer that is not valid JSON'} where JSON was expected.`, {
        provider: this.provider,
        code: ErrorCode.UPSTREAM_BAD_RESPONSE,
        upstreamStatus: response.statusCode,
        cause: error,
      });
    }
  }

  /**
   * Closes the pool: calls in flight get `graceMs` to finish, then are cut. On shutdown
   * the HTTP server has already drained, so a call still running serves no one, and a
   * hung provider must not hold the process open.
   */
  async close(graceMs = 1_000): Promise<void> {
    const closed = this.#pool.close();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    const outcome = await Promise.race([closed.then(() => 'closed' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') await this.#pool.destroy();
    await closed.catch(() => undefined);
  }

  /** A write that failed in transit: unless it provably never left, its outcome is unknown. */
  #writeFailure(error: unknown): UpstreamError {
    const code = (error as { code?: string }).code;
    if (code && NOT_SENT_CODES.has(code)) return classifyTransportFailure(this.provider, error);
    return new UpstreamError(
      `${providerLabel(this.provider)} did not confirm the write: it may or may not have been applied. Read the object back before retrying.`,
      { provider: this.provider, code: ErrorCode.UPSTREAM_OUTCOME_UNKNOWN, cause: error },
    );
  }
}

/**
 * Puts the trace context on an outgoing request, so that the provider's spans join the
 * trace: the attempt span's context when the gateway traces (OTEL_PROPAGATORS chooses the
 * format), which replaces the caller's `traceparent`/`tracestate` passed in `headers`;
 * else those caller's headers go on as they are (see `traceHeadersFrom`). With neither,
 * nothing is added.
 */
function withTraceContext(outgoing: Record<string, string>): void {
  const injected: Record<string, string> = {};
  propagation.inject(context.active(), injected);
  // The gateway's own traceparent carries its own tracestate (copied from the caller's by the SDK), or none.
  if (injected.traceparent !== undefined) delete outgoing.tracestate;
  Object.assign(outgoing, injected);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.length > 0 ? text.slice(0, 2_000) : undefined;
  }
}
