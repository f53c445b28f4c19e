import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

import { UpstreamError } from '../errors/index.js';
import type { ProviderName } from '../providers.js';
import { CallWithdrawn } from './coalescer.js';

/** Whether an answer came from the shared cache (`hit`, `stale`) or from the provider (`miss`). */
export type UpstreamCacheOutcome = 'hit' | 'miss' | 'stale';

/** One upstream read or write as the observers see it: a cache answer, or one HTTP attempt. */
export interface UpstreamCallEvent {
  /** The object that made the call (an UpstreamClient); lets a gateway keep only its own calls. */
  source: object;
  provider: ProviderName;
  /** Method and path template, e.g. `GET sessions/:id/` (ids already replaced). */
  route: string;
  /** The provider's HTTP status; `undefined` when there was no HTTP answer (or a cache answer). */
  status: number | undefined;
  durationMs: number;
  cache: UpstreamCacheOutcome;
  /** 1 for the first attempt; retries count up. 0 for a cache answer. */
  attempt: number;
  /** The failure, when the attempt failed (already an UpstreamError in practice). */
  error?: unknown;
}

/** Receives every upstream call of the process. Must not throw (errors are swallowed anyway). */
export type UpstreamObserver = (event: UpstreamCallEvent) => void;

const observers = new Set<UpstreamObserver>();
const tracer = trace.getTracer('sessions-gateway.upstream');

/** Registers an observer; returns the function that removes it. */
export function observeUpstreamCalls(observer: UpstreamObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/**
 * Tells every observer about one upstream call. Never throws. A cache answer (`hit`,
 * `stale`) also gets a zero-length span, so a trace shows which reads the cache served.
 */
export function onUpstreamCall(event: UpstreamCallEvent): void {
  const normalised = { ...event, route: routeTemplate(event.route) };
  if (event.cache !== 'miss') {
    tracer
      .startSpan(`upstream ${event.provider} ${normalised.route}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'gateway.provider': event.provider, 'http.route': normalised.route, 'gateway.cache': event.cache, 'gateway.retry_count': 0 },
      })
      .end();
  }
  for (const observer of observers) {
    try {
      observer(normalised);
    } catch {
      // An observer's failure must never fail the call it watches.
    }
  }
}

/**
 * Runs one HTTP attempt inside a client span (`upstream <provider> <route>`) and reports it
 * to the observers with its duration and status. Resolves or rejects exactly as `call`.
 */
export async function observeAttempt<T>(source: object, provider: ProviderName, route: string, attempt: number, call: () => Promise<T>): Promise<T> {
  const template = routeTemplate(route);
  return tracer.startActiveSpan(
    `upstream ${provider} ${template}`,
    {
      kind: SpanKind.CLIENT,
      attributes: { 'gateway.provider': provider, 'http.route': template, 'gateway.cache': 'miss', 'gateway.retry_count': Math.max(0, attempt - 1) },
    },
    async (span) => {
      const started = performance.now();
      try {
        const value = await call();
        const status = answerStatus(value);
        span.setAttribute('http.response.status_code', status);
        onUpstreamCall({ source, provider, route: template, status, durationMs: performance.now() - started, cache: 'miss', attempt });
        return value;
      } catch (error) {
        const status = error instanceof UpstreamError ? error.upstreamStatus : undefined;
        if (status !== undefined) span.setAttribute('http.response.status_code', status);
        const code = upstreamErrorCode(error);
        span.setAttribute('gateway.error_code', code);
        // Cancelled by the gateway because nobody waited for the answer: not a failure.
        if (error instanceof CallWithdrawn) span.setAttribute('gateway.cancelled', true);
        else span.setStatus({ code: SpanStatusCode.ERROR, message: code });
        onUpstreamCall({ source, provider, route: template, status, durationMs: performance.now() - started, cache: 'miss', attempt, error });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * How a failed attempt is labelled in metrics and spans: the UpstreamError's code,
 * `CANCELLED` for an attempt the gateway withdrew because nobody waited for it any more
 * (a `CallWithdrawn`), `UNKNOWN` for anything else (a bug of ours).
 */
export function upstreamErrorCode(error: unknown): string {
  if (error instanceof UpstreamError) return String(error.extensions.code);
  return error instanceof CallWithdrawn ? 'CANCELLED' : 'UNKNOWN';
}

/** The status of a transport answer (`{ json, status, headers }`); 200 for a bare JSON answer. */
function answerStatus(value: unknown): number {
  if (typeof value === 'object' && value !== null && 'json' in value && 'status' in value && typeof value.status === 'number') return value.status;
  return 200;
}

const ID_SEGMENT = /^(\d+|[0-9a-f]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[^/]*%[0-9A-F]{2}[^/]*)$/i;

/** Templates of the routes seen last (see `routeTemplate`): every cached read asks for one. */
const templates = new Map<string, string>();
const MAX_TEMPLATES = 1_000;

/**
 * A route as a low-cardinality template: `GET sessions/123/` → `GET sessions/:id/`. Query
 * strings are dropped; numeric, ObjectId, UUID and percent-encoded segments become `:id`.
 * Remembered for the routes seen last (a warm home page reports a dozen cached reads).
 */
function routeTemplate(route: string): string {
  let template = templates.get(route);
  if (template === undefined) {
    template = templateOf(route);
    // Oldest first out: a bound, not an LRU; the routes that repeat are re-added at once.
    if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value!);
    templates.set(route, template);
  }
  return template;
}

function templateOf(route: string): string {
  const [method, ...rest] = route.split(' ');
  const path = (rest.length > 0 ? rest.join(' ') : (method ?? '')).split('?')[0] ?? '';
  const templated = path
    .split('/')
    .map((segment) => (segment.startsWith(':') || !ID_SEGMENT.test(segment) ? segment : ':id'))
    .join('/');
  return rest.length > 0 ? `${method} ${templated}` : templated;
}
