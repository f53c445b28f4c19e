import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import { upstreamErrorCode, type UpstreamCallEvent } from '../upstream/observer.js';
import type { QuotaSnapshot } from '../upstream/quota/index.js';
import type { BreakerState } from '../upstream/resilience/index.js';
import type { ProviderHealthSources } from './providerHealth.js';

/** How an operation ended, as the `outcome` label says it. */
export type OperationOutcome = 'success' | 'partial' | 'error';

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * The gateway's Prometheus metrics, in a registry of its own (so two gateways in one
 * process, as in tests, never share counters). Served by `GET /metrics`.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #operations: Counter<'operation' | 'type' | 'outcome'>;
  readonly #operationDuration: Histogram<'operation' | 'type' | 'outcome'>;
  readonly #operationErrors: Counter<'code'>;
  readonly #maskedErrors: Counter;
  readonly #responseCache: Counter<'outcome'>;
  readonly #upstreamDuration: Histogram<'provider' | 'route' | 'status'>;
  readonly #upstreamErrors: Counter<'provider' | 'route' | 'code'>;
  readonly #upstreamRetries: Counter<'provider' | 'route'>;
  readonly #cache: Counter<'provider' | 'route' | 'result'>;

  /** `sharedStoreErrors`: failures of Redis so far, read at scrape time. */
  constructor(sources: ProviderHealthSources = {}, options: { defaultMetrics?: boolean; sharedStoreErrors?: () => number } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.#operations = new Counter({
      name: 'gateway_operations_total',
      help: 'GraphQL operations by operation name, type and outcome (success; partial = some data with errors; error = no data).',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.#operationDuration = new Histogram({
      name: 'gateway_operation_duration_seconds',
      help: 'Time from request to response of GraphQL operations.',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.#operationErrors = new Counter({
      name: 'gateway_operation_errors_total',
      help: 'Errors sent to clients, by extensions.code.',
      labelNames: ['code'],
      registers,
    });
    this.#maskedErrors = new Counter({
      name: 'gateway_masked_errors_total',
      help: 'Unexpected errors masked as INTERNAL_SERVER_ERROR for the client (each one logged with its stack), whichever executor ran.',
      registers,
    });
    this.#responseCache = new Counter({
      name: 'gateway_response_cache_total',
      help: 'Operations by what the whole-response cache did: hit (stored answer served), shared (an identical operation under way answered it), miss (executed), stored (its answer kept).',
      labelNames: ['outcome'],
      registers,
    });
    this.#upstreamDuration = new Histogram({
      name: 'gateway_upstream_request_duration_seconds',
      help: 'Upstream HTTP attempts by provider, route template and status ("none" when no answer came).',
      labelNames: ['provider', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.#upstreamErrors = new Counter({
      name: 'gateway_upstream_errors_total',
      help: 'Failed upstream HTTP attempts by provider, route template and error code.',
      labelNames: ['provider', 'route', 'code'],
      registers,
    });
    this.#upstreamRetries = new Counter({
      name: 'gateway_upstream_retries_total',
      help: 'Upstream HTTP attempts that were retries (attempt > 1).',
      labelNames: ['provider', 'route'],
      registers,
    });
    this.#cache = new Counter({
      name: 'gateway_upstream_cache_total',
      help: 'Shared upstream cache lookups by provider, route template and result (hit, stale, miss).',
      labelNames: ['provider', 'route', 'result'],
      registers,
    });
    const { sharedStoreErrors } = options;
    if (sharedStoreErrors) {
      new Counter({
        name: 'gateway_shared_store_errors_total',
        help: 'Failed commands and connection attempts of the shared store (Redis: cache, quota counters, APQ); none fails a request.',
        labelNames: ['store'],
        registers,
        collect() {
          this.reset();
          this.inc({ store: 'redis' }, sharedStoreErrors());
        },
      });
    }
    new Gauge({
      name: 'gateway_circuit_breaker_state',
      help: 'Circuit breaker state per provider: 0 closed, 1 half-open, 2 open.',
      labelNames: ['provider'],
      registers,
      collect() {
        this.reset();
        for (const { provider, state } of safely(sources.breakers)) this.set({ provider }, BREAKER_VALUE[state]);
      },
    });
    const quota = async () => {
      try {
        return (await sources.quota?.()) ?? [];
      } catch {
        return [];
      }
    };
    // One gauge per figure of the quota snapshot, read at scrape time; a null figure is absent.
    const quotaGauge = (name: string, help: string, figure: (row: QuotaSnapshot) => number | null) =>
      new Gauge({
        name,
        help,
        labelNames: ['provider', 'window'],
        registers,
        async collect() {
          this.reset();
          for (const row of await quota()) {
            const value = figure(row);
            if (value !== null) this.set({ provider: row.provider, window: row.window }, value);
          }
        },
      });
    quotaGauge(
      'gateway_upstream_quota_remaining',
      'Upstream calls left in the current quota window, per provider and window (day, minute); absent when unlimited.',
      (row) => row.remaining,
    );
    quotaGauge(
      'gateway_upstream_quota_pace_allowance',
      "Calls the day's pace allows by now, per provider (QUOTA_PACING); while quota_used is at or above it, cached answers are served stale.",
      (row) => row.paceAllowance,
    );
    quotaGauge(
      'gateway_upstream_quota_used',
      'Upstream calls counted in the current quota window, per provider and window (all replicas sharing the counters).',
      (row) => row.used,
    );
    quotaGauge(
      'gateway_upstream_quota_replicas',
      'Replicas sharing the quota counters, this one included, as last seen in Redis (1 without Redis): while Redis is away each spends this share of what was left.',
      (row) => row.replicas,
    );
    quotaGauge(
      'gateway_upstream_quota_estimated',
      "1 while Redis is away and quota_used is this replica's estimate (the last shared count plus its share of the calls since), else 0.",
      (row) => (row.estimated ? 1 : 0),
    );
  }

  /** Counts one finished operation. `operation` is the operation name, or `(anonymous)`. */
  recordOperation(operation: string, type: string, outcome: OperationOutcome, seconds: number, errorCodes: string[]): void {
    this.#operations.inc({ operation, type, outcome });
    this.#operationDuration.observe({ operation, type, outcome }, seconds);
    for (const code of errorCodes) this.#operationErrors.inc({ code });
  }

  /** Counts one unexpected error the masking boundary hid from a client. */
  recordMaskedError(): void {
    this.#maskedErrors.inc();
  }

  /** Counts one outcome of the whole-response cache (see src/server/responseCache/). */
  recordResponseCache(outcome: 'hit' | 'shared' | 'miss' | 'stored'): void {
    this.#responseCache.inc({ outcome });
  }

  /** Counts one upstream event (cache answer or HTTP attempt). */
  recordUpstream(event: UpstreamCallEvent): void {
    const { provider, route } = event;
    if (event.cache === 'hit' || event.cache === 'stale') {
      this.#cache.inc({ provider, route, result: event.cache });
      return;
    }
    // A miss is counted once per read, on its first attempt (writes are never cached);
    // retries are counted apart.
    if (event.attempt > 1) this.#upstreamRetries.inc({ provider, route });
    else if (route.startsWith('GET ')) this.#cache.inc({ provider, route, result: 'miss' });
    this.#upstreamDuration.observe({ provider, route, status: event.status === undefined ? 'none' : String(event.status) }, event.durationMs / 1000);
    if (event.error !== undefined) {
      this.#upstreamErrors.inc({ provider, route, code: upstreamErrorCode(event.error) });
    }
  }

  /** The exposition text and its content type, for `GET /metrics`. */
  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function safely<T>(read: (() => T[]) | undefined): T[] {
  try {
    return read?.() ?? [];
  } catch {
    return [];
  }
}
