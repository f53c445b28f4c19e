import type { ProviderName } from '../providers.js';

/** Provider connection settings; a provider switched off is `null`. */
export interface GuidebookConfig {
  baseUrl: string;
  apiKey: string;
  /**
   * The longest a session may last, for time windows that constrain the end (`happeningAt`,
   * `endsAfter`): how far before the window's start a session list sorted by start time is
   * read back (GUIDEBOOK_MAX_SESSION_HOURS). Default: 24 h, an all-day session's length.
   */
  maxSessionMs?: number;
  /**
   * `page_size` asked for on the start-ordered session lists read for time windows
   * and on the whole track, location and guide lists (GUIDEBOOK_WINDOW_PAGE_SIZE; 0: the
   * server's default). Default 500, DRF's usual cap.
   */
  windowPageSize?: number;
}
export interface RoundwareConfig {
  baseUrl: string;
  token: string;
}
/** One Planstone conference the gateway serves: the `account`/`conference` pair of the feed's `where`. */
export interface PlanstoneConferenceConfig {
  account: string;
  conference: string;
  /** IANA zone of the conference; Planstone's local times are read in it. */
  timeZone: string;
  /** Its display name; null: the conference id. */
  name: string | null;
}

/**
 * The Planstone feed and the conferences read from it. `account`, `conference` and
 * `timeZone` are those of the first conference (`conferences[0]`), whose ids are the feed's
 * own; every conference after it is its own scope with its own ids (see models/conference.ts).
 */
export interface PlanstoneConfig {
  baseUrl: string;
  token: string;
  account: string;
  conference: string;
  /** IANA zone of the first conference; Planstone's local times are read in it. */
  timeZone: string;
  /** Every configured conference, at least one, the first being the one above; no two alike. */
  conferences: PlanstoneConferenceConfig[];
}

export interface GatewayConfig {
  port: number;
  host: string;
  /** NODE_ENV=production: no Sandbox or introspection by default, terse errors. */
  production: boolean;
  /** Demo mode: the providers are the emulators, serving seed data (said by `/readyz` and the start-up log). */
  demo: boolean;
  guidebook: GuidebookConfig | null;
  roundware: RoundwareConfig | null;
  planstone: PlanstoneConfig | null;
  upstreamTimeouts: { connectMs: number; headersMs: number; bodyMs: number };
  /** Shared-cache TTL per provider (ms). */
  cacheTtlMs: { guidebook: number; roundware: number; planstone: number };
  /** Where the shared cache and quota counters live: Redis (shared by replicas) or, when null, process memory. */
  redis: { url: string; keyPrefix: string } | null;
  /** The whole-response cache (docs/response-cache.md); null: off (`RESPONSE_CACHE=false`). */
  responseCache: { maxEntries: number; maxMegabytes: number } | null;
  /** Shared-cache behaviour beyond the per-provider TTLs (see docs/performance.md). */
  caching: {
    /** In-memory LRU size (entries). */
    maxEntries: number;
    /** In-memory LRU weight: megabytes of cached answers' JSON text. */
    maxMegabytes: number;
    /** Stale-while-revalidate grace after the TTL (ms). */
    staleGraceMs: number;
    /** How long after its TTL an entry may still be served when a request budget is low (ms). */
    staleIfQuotaLowMs: number;
    /** TTL per provider and resource (first path segment), overriding the provider's TTL. */
    ttlByResource: Record<ProviderName, Record<string, number>>;
  };
  /** Request budget per provider and credential; 0 = unlimited. */
  quotas: Record<ProviderName, { perDay: number; perMinute: number; reservePercent: number; paceBurstPercent: number | null }>;
  /** Parsed-document cache size, and automatic persisted queries' lifetime (0 = APQ off). */
  execution: {
    documentCacheEntries: number;
    /** Weight limit of the document cache (estimated heap megabytes). */
    documentCacheMegabytes: number;
    persistedQueryTtlSeconds: number;
    /** graphql-jit: graphql-js executions of a document before it is compiled; null: never compiled. */
    jitAfterExecutions: number | null;
  };
  /** Trusted documents: the manifest file, and whether only its operations may run. */
  persistedOperations: { only: boolean; manifestPath: string };
  /** Serve the schema as an Apollo Federation v2 subgraph. */
  federation: boolean;
  /** Connect timeout of the `/readyz` reachability probe (ms). */
  readinessTimeoutMs: number;
  /** Timeouts per provider; each falls back to `upstreamTimeouts` (see docs/resilience.md). */
  providerTimeouts: Record<ProviderName, { connectMs: number; headersMs: number; bodyMs: number }>;
  /** Retries, per-call deadline and circuit breaker of upstream calls (docs/resilience.md). */
  resilience: {
    deadlineMs: number;
    retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
    breaker: { failureThreshold: number; cooldownMs: number };
  };
  /** Operation limits; every rejection has its own error code (docs/resilience.md). */
  limits: OperationLimitsConfig;
  /** Who may call the gateway; null = anyone. Enforced in every mode, demo included. */
  auth: ClientAuthConfig | null;
  /** Bearer token `GET /metrics` requires; null = the metrics are open (block them at the ingress). */
  metricsToken: string | null;
  /** Change detection and the change log (docs/live-schedule.md). */
  changes: {
    /** Whether this process runs the background poll (with Redis: competes for the lease). */
    detection: boolean;
    pollIntervalMs: number;
    quotaShare: number;
    completeEvery: number;
    leaseTtlMs: number;
    retention: { maxLength: number; maxAgeMs: number };
  };
  /** Whether introspection queries are answered (default: not in production). */
  introspection: boolean;
  /** Whether GET /graphql in a browser serves Apollo Sandbox (default: not in production). */
  sandbox: boolean;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** On SIGTERM, how long in-flight requests may take to finish before the process exits. */
  shutdownTimeoutMs: number;
  /** Subscriptions (docs/subscriptions.md). */
  subscriptions: SubscriptionsConfig;
}

export interface SubscriptionsConfig {
  /** Most subscriptions this process serves at once (all transports); 0: none. */
  maxPerReplica: number;
  /** Most subscriptions one WebSocket connection holds at once. */
  maxPerConnection: number;
  /** WebSocket ping, multipart and SSE heartbeat interval (ms). */
  heartbeatMs: number;
}

export interface OperationLimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  /** Cost budget of one operation (the model: src/server/limits/queryCost.ts). */
  maxCost: number;
  /** Operations per batched HTTP request. */
  maxBatch: number;
  /** Request body size, bytes. */
  maxBodyBytes: number;
  /** Longest URL of a GET to `/graphql`, bytes (path and query string, percent-encoded). */
  maxGetUrlBytes: number;
}

export interface ClientAuthConfig {
  /** Accepted `x-api-key` / `Authorization: Bearer` keys. */
  apiKeys: string[];
  /** HS256 JWT verification, when a secret is configured. */
  jwt: { secret: string; issuer?: string; audience?: string } | null;
}
