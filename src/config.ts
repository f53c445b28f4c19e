import { z } from 'zod';

/** Provider connection settings; a provider switched off is `null`. */
export interface GuidebookConfig {
  baseUrl: string;
  apiKey: string;
}
export interface RoundwareConfig {
  baseUrl: string;
  token: string;
}
export interface PlanstoneConfig {
  baseUrl: string;
  token: string;
  account: string;
  conference: string;
  /** IANA zone of the conference; Planstone's local times are read in it. */
  timeZone: string;
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
    ttlByResource: Record<'guidebook' | 'roundware' | 'planstone', Record<string, number>>;
  };
  /** Request budget per provider and credential; 0 = unlimited. */
  quotas: Record<'guidebook' | 'roundware' | 'planstone', { perDay: number; perMinute: number; reservePercent: number; paceBurstPercent: number | null }>;
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
  providerTimeouts: Record<'guidebook' | 'roundware' | 'planstone', { connectMs: number; headersMs: number; bodyMs: number }>;
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
  /** Whether introspection queries are answered (default: not in production). */
  introspection: boolean;
  /** Whether GET /graphql in a browser serves Apollo Sandbox (default: not in production). */
  sandbox: boolean;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** On SIGTERM, how long in-flight requests may take to finish before the process exits. */
  shutdownTimeoutMs: number;
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

/**
 * Thrown at boot with every problem found, so one start fixes them all. The message is one
 * line when there is one problem, a list otherwise; each problem says what to set.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const URL_VARIABLES = ['GUIDEBOOK_API_URL', 'ROUNDWARE_API_URL', 'PLANSTONE_API_URL'] as const;

/**
 * Whether this process runs demo mode (the emulated providers, serving seed data):
 * `DEMO=true` asks for it; with `DEMO` unset, it is the default when no provider URL is set —
 * except with `NODE_ENV=production`, where a missing provider URL is far more likely a
 * container started without its environment than a wish for fake data, so the gateway
 * refuses to start. `DEMO=false` never runs it (`loadConfig` then names the missing URLs).
 * Throws a ConfigError (one problem, saying what to set) for the refusals.
 */
export function demoModeOf(env: NodeJS.ProcessEnv): boolean {
  const demo = baseSchema.shape.DEMO.safeParse(env.DEMO);
  if (!demo.success) throw new ConfigError([`DEMO is not a boolean: ${JSON.stringify(env.DEMO)} (set it to true or false, or leave it unset)`]);
  const urlsSet = URL_VARIABLES.filter((name) => env[name]);
  if (demo.data === true) {
    if (urlsSet.length > 0) {
      throw new ConfigError([`DEMO=true serves the emulated providers, but ${urlsSet.join(', ')} ${urlsSet.length === 1 ? 'is' : 'are'} set: unset DEMO to use the providers, or unset the provider URLs for demo mode`]);
    }
    return true;
  }
  if (demo.data === false || urlsSet.length > 0) return false;
  if (env.NODE_ENV === 'production') {
    throw new ConfigError([
      `NODE_ENV=production but no provider URL is set: set ${URL_VARIABLES.join(', ')} (a base URL, or "off") with their credentials, or DEMO=true to serve the emulated providers' seed data on purpose`,
    ]);
  }
  return true;
}

const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

export const baseSchema = z.object({
  PORT: int(4000),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: z.string().default('development'),
  // Empty counts as unset, as `DEMO=` in a copied .env.example means.
  DEMO: z.preprocess((value) => (value === '' ? undefined : value), z.stringbool().optional()),
  UPSTREAM_CONNECT_TIMEOUT_MS: int(2_000),
  UPSTREAM_HEADERS_TIMEOUT_MS: int(8_000),
  UPSTREAM_BODY_TIMEOUT_MS: int(8_000),
  GUIDEBOOK_CACHE_TTL_MS: int(60_000),
  ROUNDWARE_CACHE_TTL_MS: int(15_000),
  // The Planstone feed refreshes every 15 minutes.
  PLANSTONE_CACHE_TTL_MS: int(300_000),
  REDIS_URL: z.string().optional(),
  REDIS_KEY_PREFIX: z.string().default('sessions-gateway:'),
  CACHE_MAX_ENTRIES: int(5_000),
  CACHE_MAX_MB: z.coerce.number().positive().default(64),
  CACHE_STALE_GRACE_MS: int(30_000),
  CACHE_STALE_IF_QUOTA_LOW_MS: int(6 * 3_600_000),
  CACHE_TTL_OVERRIDES: z.string().default(''),
  // Guidebook: 10,000 requests per day per account (its docs). Roundware: DRF's user
  // throttle, 1,000,000 per day. Planstone documents no limit.
  GUIDEBOOK_QUOTA_PER_DAY: int(10_000),
  GUIDEBOOK_QUOTA_PER_MINUTE: int(0),
  ROUNDWARE_QUOTA_PER_DAY: int(1_000_000),
  ROUNDWARE_QUOTA_PER_MINUTE: int(0),
  PLANSTONE_QUOTA_PER_DAY: int(0),
  PLANSTONE_QUOTA_PER_MINUTE: int(0),
  QUOTA_RESERVE_PERCENT: z.coerce.number().min(0).max(100).default(5),
  QUOTA_PACING: z.stringbool().default(true),
  QUOTA_PACE_BURST_PERCENT: z.coerce.number().min(0).max(100).default(10),
  DOCUMENT_CACHE_MAX_ENTRIES: int(1_000),
  DOCUMENT_CACHE_MAX_MB: z.coerce.number().positive().default(32),
  PERSISTED_QUERY_TTL_S: int(86_400),
  GRAPHQL_JIT: z.stringbool().default(true),
  GRAPHQL_JIT_AFTER: int(1),
  PERSISTED_OPERATIONS_ONLY: z.stringbool().default(false),
  PERSISTED_OPERATIONS_MANIFEST: z.string().min(1).default('examples/generated/persisted-documents.json'),
  FEDERATION: z.stringbool().default(false),
  // Read by Apollo Server itself (usage reporting to GraphOS); here only to know it is on.
  APOLLO_KEY: z.string().optional(),
  READINESS_TIMEOUT_MS: int(1_000),
  // Resilience and security (docs/resilience.md).
  ...optionalInts(['GUIDEBOOK', 'ROUNDWARE', 'PLANSTONE'].flatMap((p) => [`${p}_CONNECT_TIMEOUT_MS`, `${p}_HEADERS_TIMEOUT_MS`, `${p}_BODY_TIMEOUT_MS`])),
  UPSTREAM_DEADLINE_MS: int(10_000),
  UPSTREAM_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  UPSTREAM_RETRY_BASE_DELAY_MS: int(100),
  UPSTREAM_RETRY_MAX_DELAY_MS: int(2_000),
  UPSTREAM_BREAKER_FAILURE_THRESHOLD: z.coerce.number().int().min(1).default(5),
  UPSTREAM_BREAKER_COOLDOWN_MS: int(10_000),
  GRAPHQL_MAX_DEPTH: int(10),
  GRAPHQL_MAX_ALIASES: int(30),
  GRAPHQL_MAX_ROOT_FIELDS: int(10),
  GRAPHQL_MAX_TOKENS: int(3_000),
  GRAPHQL_MAX_COST: int(25_000),
  GRAPHQL_MAX_BATCH: z.coerce.number().int().min(1).default(10),
  GRAPHQL_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(102_400),
  GRAPHQL_MAX_GET_URL_BYTES: z.coerce.number().int().min(1_024).default(8_192),
  GRAPHQL_INTROSPECTION: z.stringbool().optional(),
  GRAPHQL_SANDBOX: z.stringbool().optional(),
  GATEWAY_API_KEYS: z.string().default(''),
  GATEWAY_JWT_SECRET: z.string().optional(),
  GATEWAY_JWT_ISSUER: z.string().optional(),
  GATEWAY_JWT_AUDIENCE: z.string().optional(),
  METRICS_TOKEN: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: int(10_000),
});

/** Optional non-negative integer variables (per-provider overrides of a shared default). */
function optionalInts(names: string[]): Record<string, z.ZodOptional<z.ZodCoercedNumber>> {
  return Object.fromEntries(names.map((name) => [name, z.coerce.number().int().nonnegative().optional()]));
}

const TTL_OVERRIDE = /^(guidebook|roundware|planstone):([\w-]+)=(\d+)$/;

/** `guidebook:guides=3600000,planstone:speakers=600000` → TTLs per provider and resource. */
function parseTtlOverrides(text: string, problems: string[]): GatewayConfig['caching']['ttlByResource'] {
  const result: GatewayConfig['caching']['ttlByResource'] = { guidebook: {}, roundware: {}, planstone: {} };
  for (const item of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = TTL_OVERRIDE.exec(item);
    if (!match) problems.push(`CACHE_TTL_OVERRIDES: ${JSON.stringify(item)} is not <provider>:<resource>=<ms>`);
    else result[match[1] as keyof typeof result][match[2]!] = Number(match[3]);
  }
  return result;
}

/**
 * Reads the environment once, at boot. Every provider needs its URL and credential; a
 * provider is switched off explicitly with `<PROVIDER>_API_URL=off`. Demo mode fills these
 * variables from the emulators before calling this (and says so with `options.demo`), so
 * both modes share one path: the same limits, the same client access control.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: { demo?: boolean } = {}): GatewayConfig {
  const problems: string[] = [];
  const base = baseSchema.safeParse(env);
  if (!base.success) {
    for (const issue of base.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }

  const provider = <T>(urlName: string, required: string[], build: (url: string) => T): T | null => {
    const url = env[urlName];
    if (url === 'off') return null;
    if (!url) {
      problems.push(`${urlName} is not set (set it to the provider's base URL, or to "off" to switch the provider off)`);
      return null;
    }
    if (!URL.canParse(url)) problems.push(`${urlName} is not a URL: ${JSON.stringify(url)}`);
    for (const name of required) if (!env[name]) problems.push(`${name} is required when ${urlName} is set`);
    return build(url);
  };

  const guidebook = provider('GUIDEBOOK_API_URL', ['GUIDEBOOK_API_KEY'], (baseUrl) => ({ baseUrl, apiKey: env.GUIDEBOOK_API_KEY ?? '' }));
  const roundware = provider('ROUNDWARE_API_URL', ['ROUNDWARE_API_TOKEN'], (baseUrl) => ({ baseUrl, token: env.ROUNDWARE_API_TOKEN ?? '' }));
  const planstone = provider(
    'PLANSTONE_API_URL',
    ['PLANSTONE_API_TOKEN', 'PLANSTONE_ACCOUNT', 'PLANSTONE_CONFERENCE', 'PLANSTONE_TIMEZONE'],
    (baseUrl) => ({
      baseUrl,
      token: env.PLANSTONE_API_TOKEN ?? '',
      account: env.PLANSTONE_ACCOUNT ?? '',
      conference: env.PLANSTONE_CONFERENCE ?? '',
      timeZone: env.PLANSTONE_TIMEZONE ?? '',
    }),
  );
  const ttlByResource = parseTtlOverrides(env.CACHE_TTL_OVERRIDES ?? '', problems);
  if (env.REDIS_URL && !/^rediss?:\/\//.test(env.REDIS_URL)) problems.push(`REDIS_URL is not a redis:// or rediss:// URL`);
  if (planstone?.timeZone && !isValidTimeZone(planstone.timeZone)) {
    problems.push(`PLANSTONE_TIMEZONE is not an IANA time zone: ${JSON.stringify(planstone.timeZone)}`);
  }
  const jwtSecret = env.GATEWAY_JWT_SECRET;
  // RFC 7518 §3.2: an HS256 key must be at least as long as the hash (32 bytes).
  if (jwtSecret !== undefined && jwtSecret !== '' && Buffer.byteLength(jwtSecret) < 32) problems.push('GATEWAY_JWT_SECRET must be at least 32 bytes long');
  if (problems.length > 0 || !base.success) throw new ConfigError(problems);

  const values = base.data;
  const production = values.NODE_ENV === 'production';
  const apiKeys = values.GATEWAY_API_KEYS.split(',').map((key) => key.trim()).filter(Boolean);
  const jwt = values.GATEWAY_JWT_SECRET ? { secret: values.GATEWAY_JWT_SECRET, issuer: values.GATEWAY_JWT_ISSUER, audience: values.GATEWAY_JWT_AUDIENCE } : null;
  const sharedQuota = { reservePercent: values.QUOTA_RESERVE_PERCENT, paceBurstPercent: values.QUOTA_PACING ? values.QUOTA_PACE_BURST_PERCENT : null };
  const timeoutsOf = (prefix: string) => {
    const own = (name: string) => (values as unknown as Record<string, number | undefined>)[`${prefix}_${name}_TIMEOUT_MS`];
    return {
      connectMs: own('CONNECT') ?? values.UPSTREAM_CONNECT_TIMEOUT_MS,
      headersMs: own('HEADERS') ?? values.UPSTREAM_HEADERS_TIMEOUT_MS,
      bodyMs: own('BODY') ?? values.UPSTREAM_BODY_TIMEOUT_MS,
    };
  };
  return {
    port: values.PORT,
    host: values.HOST,
    production: values.NODE_ENV === 'production',
    demo: options.demo ?? false,
    persistedOperations: { only: values.PERSISTED_OPERATIONS_ONLY, manifestPath: values.PERSISTED_OPERATIONS_MANIFEST },
    federation: values.FEDERATION,
    readinessTimeoutMs: values.READINESS_TIMEOUT_MS,
    guidebook,
    roundware,
    planstone,
    upstreamTimeouts: {
      connectMs: values.UPSTREAM_CONNECT_TIMEOUT_MS,
      headersMs: values.UPSTREAM_HEADERS_TIMEOUT_MS,
      bodyMs: values.UPSTREAM_BODY_TIMEOUT_MS,
    },
    cacheTtlMs: {
      guidebook: values.GUIDEBOOK_CACHE_TTL_MS,
      roundware: values.ROUNDWARE_CACHE_TTL_MS,
      planstone: values.PLANSTONE_CACHE_TTL_MS,
    },
    redis: values.REDIS_URL ? { url: values.REDIS_URL, keyPrefix: values.REDIS_KEY_PREFIX } : null,
    caching: {
      maxEntries: values.CACHE_MAX_ENTRIES,
      maxMegabytes: values.CACHE_MAX_MB,
      staleGraceMs: values.CACHE_STALE_GRACE_MS,
      staleIfQuotaLowMs: values.CACHE_STALE_IF_QUOTA_LOW_MS,
      ttlByResource,
    },
    quotas: {
      guidebook: { perDay: values.GUIDEBOOK_QUOTA_PER_DAY, perMinute: values.GUIDEBOOK_QUOTA_PER_MINUTE, ...sharedQuota },
      roundware: { perDay: values.ROUNDWARE_QUOTA_PER_DAY, perMinute: values.ROUNDWARE_QUOTA_PER_MINUTE, ...sharedQuota },
      planstone: { perDay: values.PLANSTONE_QUOTA_PER_DAY, perMinute: values.PLANSTONE_QUOTA_PER_MINUTE, ...sharedQuota },
    },
    execution: {
      documentCacheEntries: values.DOCUMENT_CACHE_MAX_ENTRIES,
      documentCacheMegabytes: values.DOCUMENT_CACHE_MAX_MB,
      persistedQueryTtlSeconds: values.PERSISTED_QUERY_TTL_S,
      // A subgraph and a gateway reporting usage to GraphOS keep graphql-js: federated traces
      // (ftv1) and usage traces time each field through Apollo's resolver hooks, which a
      // compiled operation does not call.
      jitAfterExecutions: values.GRAPHQL_JIT && !values.FEDERATION && !values.APOLLO_KEY ? values.GRAPHQL_JIT_AFTER : null,
    },
    providerTimeouts: { guidebook: timeoutsOf('GUIDEBOOK'), roundware: timeoutsOf('ROUNDWARE'), planstone: timeoutsOf('PLANSTONE') },
    resilience: {
      deadlineMs: values.UPSTREAM_DEADLINE_MS,
      retry: { maxAttempts: values.UPSTREAM_RETRY_MAX_ATTEMPTS, baseDelayMs: values.UPSTREAM_RETRY_BASE_DELAY_MS, maxDelayMs: values.UPSTREAM_RETRY_MAX_DELAY_MS },
      breaker: { failureThreshold: values.UPSTREAM_BREAKER_FAILURE_THRESHOLD, cooldownMs: values.UPSTREAM_BREAKER_COOLDOWN_MS },
    },
    limits: {
      maxDepth: values.GRAPHQL_MAX_DEPTH,
      maxAliases: values.GRAPHQL_MAX_ALIASES,
      maxRootFields: values.GRAPHQL_MAX_ROOT_FIELDS,
      maxTokens: values.GRAPHQL_MAX_TOKENS,
      maxCost: values.GRAPHQL_MAX_COST,
      maxBatch: values.GRAPHQL_MAX_BATCH,
      maxBodyBytes: values.GRAPHQL_MAX_BODY_BYTES,
      maxGetUrlBytes: values.GRAPHQL_MAX_GET_URL_BYTES,
    },
    // Enforced in demo mode too: a deployment that sets keys means them, whatever its providers are.
    auth: apiKeys.length > 0 || jwt ? { apiKeys, jwt } : null,
    metricsToken: values.METRICS_TOKEN?.trim() || null,
    introspection: values.GRAPHQL_INTROSPECTION ?? !production,
    sandbox: values.GRAPHQL_SANDBOX ?? !production,
    logLevel: values.LOG_LEVEL,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
  };
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * What every environment variable the gateway reads means — the source of
 * `docs/configuration.md` (`npm run docs:config`). Defaults come from `baseSchema` where a
 * variable is there. A test fails when a variable read in this file has no entry here, or
 * when the generated reference is out of date: add a line with every new variable.
 */
export const CONFIG_VARIABLES: Record<string, { group: string; description: string; default?: string }> = {
  PORT: { group: 'Server', description: 'TCP port the gateway listens on.' },
  HOST: { group: 'Server', description: 'Interface to listen on (`0.0.0.0` = all; `127.0.0.1` = this machine only).' },
  NODE_ENV: {
    group: 'Server',
    description:
      '`production`: introspection and Apollo Sandbox default to off, and the `/examples/web/` page is not served; with no provider URL set the gateway refuses to start instead of running demo mode (unless `DEMO=true`).',
  },
  DEMO: {
    group: 'Server',
    description:
      'Demo mode: the three emulated providers start in-process and serve seed data; `/readyz` and the start-up log say `demo`. `true`: demo mode on purpose (also with `NODE_ENV=production`; no `*_API_URL` may be set). `false`: never (missing provider URLs are an error). Unset: demo mode when no provider URL is set, except with `NODE_ENV=production`, where the gateway refuses to start. Client access control (`GATEWAY_API_KEYS`, `GATEWAY_JWT_SECRET`) applies in demo mode too.',
  },
  GUIDEBOOK_API_URL: {
    group: 'Providers',
    description: 'Guidebook Open API base URL, or `off`. When no provider URL is set at all, `npm start` runs the emulators (demo mode; see `DEMO`).',
  },
  GUIDEBOOK_API_KEY: { group: 'Providers', description: 'Guidebook API key. Required when `GUIDEBOOK_API_URL` is set.' },
  ROUNDWARE_API_URL: { group: 'Providers', description: 'Roundware API v2 base URL, or `off`.' },
  ROUNDWARE_API_TOKEN: { group: 'Providers', description: 'Roundware API token. Required when `ROUNDWARE_API_URL` is set.' },
  PLANSTONE_API_URL: { group: 'Providers', description: 'Planstone feed base URL, or `off`.' },
  PLANSTONE_API_TOKEN: { group: 'Providers', description: 'Planstone feed token. Required when `PLANSTONE_API_URL` is set.' },
  PLANSTONE_ACCOUNT: { group: 'Providers', description: 'Planstone account the feed is scoped to. Required when `PLANSTONE_API_URL` is set.' },
  PLANSTONE_CONFERENCE: { group: 'Providers', description: 'Planstone conference the feed is scoped to. Required when `PLANSTONE_API_URL` is set.' },
  PLANSTONE_TIMEZONE: {
    group: 'Providers',
    description: "IANA time zone of the conference (e.g. `America/Chicago`); Planstone's local times are read in it. Required when `PLANSTONE_API_URL` is set.",
  },
  UPSTREAM_CONNECT_TIMEOUT_MS: { group: 'Upstream', description: 'TCP + TLS connect timeout of an upstream request (ms).' },
  UPSTREAM_HEADERS_TIMEOUT_MS: { group: 'Upstream', description: 'Time allowed from sending an upstream request to its response headers (ms).' },
  UPSTREAM_BODY_TIMEOUT_MS: { group: 'Upstream', description: 'Longest gap allowed between two chunks of an upstream response body (ms).' },
  GUIDEBOOK_CACHE_TTL_MS: { group: 'Cache', description: 'How long a Guidebook answer is served from the shared cache (ms; 0 = not cached).' },
  ROUNDWARE_CACHE_TTL_MS: { group: 'Cache', description: 'How long a Roundware answer is served from the shared cache (ms; 0 = not cached).' },
  PLANSTONE_CACHE_TTL_MS: { group: 'Cache', description: 'How long a Planstone answer is served from the shared cache (ms; 0 = not cached); the feed refreshes every 15 minutes.' },
  PERSISTED_OPERATIONS_ONLY: {
    group: 'Operations',
    description:
      'Accept only operations from the trusted-documents manifest, named by `documentId` or `extensions.persistedQuery.sha256Hash`; anything else is refused (`PERSISTED_OPERATION_REQUIRED` / `PERSISTED_OPERATION_NOT_FOUND`), automatic persisted query registration included.',
  },
  PERSISTED_OPERATIONS_MANIFEST: {
    group: 'Operations',
    description:
      'The trusted-documents manifest (`{ "<sha256>": "<document>" }`, written by `npm run codegen`); a relative path is read from the project root. Loaded when the file exists; required when `PERSISTED_OPERATIONS_ONLY=true`.',
  },
  APOLLO_KEY: { group: 'Operations', description: 'Read by Apollo Server: with `APOLLO_GRAPH_REF`, reports usage and traces to Apollo GraphOS. When set, operations run on graphql-js (see `GRAPHQL_JIT`).' },
  FEDERATION: { group: 'Operations', description: 'Serve the schema as an Apollo Federation v2 subgraph (entity keys, `_service`, `_entities`) for a supergraph router.' },
  READINESS_TIMEOUT_MS: { group: 'Operations', description: "Connect timeout of `/readyz`'s reachability probe of a provider (ms), used where no circuit breaker reports a state." },
  REDIS_URL: { group: 'Cache', description: 'Redis (`redis://` or `rediss://`) for the shared upstream cache, quota counters and APQ, shared by every replica. Unset: process memory.' },
  REDIS_KEY_PREFIX: { group: 'Cache', description: 'Prefix of every Redis key the gateway writes.' },
  CACHE_MAX_ENTRIES: { group: 'Cache', description: "Size of the in-memory shared cache (entries); with Redis, of each replica's local copy of the entries it reads." },
  CACHE_MAX_MB: {
    group: 'Cache',
    description:
      "Weight limit of the in-memory shared cache (with Redis: of each replica's local copy): megabytes of the cached answers' JSON text (least recently used answers go first). Parsed, an answer takes about 2–3× its text in the heap.",
  },
  CACHE_STALE_GRACE_MS: { group: 'Cache', description: 'Stale-while-revalidate: how long after its TTL an entry is still served while it is refreshed in the background (ms).' },
  CACHE_STALE_IF_QUOTA_LOW_MS: { group: 'Cache', description: "How long after its TTL an entry may still be served when the provider's request budget is low (ms)." },
  CACHE_TTL_OVERRIDES: {
    group: 'Cache',
    description: 'TTLs per provider and resource, overriding the provider TTL: `guidebook:guides=3600000,planstone:speakers=600000`.',
  },
  GUIDEBOOK_QUOTA_PER_DAY: { group: 'Quota', description: 'Guidebook requests allowed per day and credential (its documented limit is 10,000); 0 = unlimited.' },
  GUIDEBOOK_QUOTA_PER_MINUTE: { group: 'Quota', description: 'Guidebook requests allowed per minute; 0 = unlimited.' },
  ROUNDWARE_QUOTA_PER_DAY: { group: 'Quota', description: 'Roundware requests allowed per day and credential; 0 = unlimited.' },
  ROUNDWARE_QUOTA_PER_MINUTE: { group: 'Quota', description: 'Roundware requests allowed per minute; 0 = unlimited.' },
  PLANSTONE_QUOTA_PER_DAY: { group: 'Quota', description: 'Planstone requests allowed per day; 0 = unlimited (Planstone documents no limit).' },
  PLANSTONE_QUOTA_PER_MINUTE: { group: 'Quota', description: 'Planstone requests allowed per minute; 0 = unlimited.' },
  QUOTA_RESERVE_PERCENT: { group: 'Quota', description: 'Share of each budget kept back for cache misses: below it, cached answers are served stale rather than refreshed.' },
  QUOTA_PACING: {
    group: 'Quota',
    description:
      "Spread each day's budget over the day: while the day's count runs ahead of the pace, cached answers are served stale rather than refreshed (misses still go upstream), so a busy morning leaves budget for the afternoon. `false`: only the reserve holds calls back.",
  },
  QUOTA_PACE_BURST_PERCENT: { group: 'Quota', description: "Share of each day's budget that may be spent ahead of the pace (a cold start, a burst of new content)." },
  DOCUMENT_CACHE_MAX_ENTRIES: { group: 'Execution', description: 'Parsed and validated GraphQL documents kept for reuse (entries).' },
  DOCUMENT_CACHE_MAX_MB: {
    group: 'Execution',
    description: "Weight limit of the parsed-document cache: megabytes of heap, estimated from each document's text and tokens (a 3,000-token document weighs about 1 MB, a typical operation 10–50 KB).",
  },
  GRAPHQL_JIT: { group: 'Execution', description: 'Execute repeated operations with graphql-jit (compiled per document); `false`: graphql-js for every operation. Off for a subgraph (`FEDERATION=true`) and with `APOLLO_KEY`, whose traces time fields through graphql-js.' },
  GRAPHQL_JIT_AFTER: { group: 'Execution', description: 'Executions of a parsed document with graphql-js before graphql-jit compiles it; 0 compiles on first use.' },
  PERSISTED_QUERY_TTL_S: { group: 'Execution', description: 'Lifetime of an automatic persisted query (APQ) registration (s); 0 switches APQ off. Refused anyway with `PERSISTED_OPERATIONS_ONLY=true`.' },
  GUIDEBOOK_CONNECT_TIMEOUT_MS: { group: 'Upstream', description: 'Guidebook only: overrides `UPSTREAM_CONNECT_TIMEOUT_MS`.' },
  GUIDEBOOK_HEADERS_TIMEOUT_MS: { group: 'Upstream', description: 'Guidebook only: overrides `UPSTREAM_HEADERS_TIMEOUT_MS`.' },
  GUIDEBOOK_BODY_TIMEOUT_MS: { group: 'Upstream', description: 'Guidebook only: overrides `UPSTREAM_BODY_TIMEOUT_MS`.' },
  ROUNDWARE_CONNECT_TIMEOUT_MS: { group: 'Upstream', description: 'Roundware only: overrides `UPSTREAM_CONNECT_TIMEOUT_MS`.' },
  ROUNDWARE_HEADERS_TIMEOUT_MS: { group: 'Upstream', description: 'Roundware only: overrides `UPSTREAM_HEADERS_TIMEOUT_MS`.' },
  ROUNDWARE_BODY_TIMEOUT_MS: { group: 'Upstream', description: 'Roundware only: overrides `UPSTREAM_BODY_TIMEOUT_MS`.' },
  PLANSTONE_CONNECT_TIMEOUT_MS: { group: 'Upstream', description: 'Planstone only: overrides `UPSTREAM_CONNECT_TIMEOUT_MS`.' },
  PLANSTONE_HEADERS_TIMEOUT_MS: { group: 'Upstream', description: 'Planstone only: overrides `UPSTREAM_HEADERS_TIMEOUT_MS`.' },
  PLANSTONE_BODY_TIMEOUT_MS: { group: 'Upstream', description: 'Planstone only: overrides `UPSTREAM_BODY_TIMEOUT_MS`.' },
  UPSTREAM_DEADLINE_MS: { group: 'Resilience', description: 'Overall time budget of one upstream read, retries included (ms).' },
  UPSTREAM_RETRY_MAX_ATTEMPTS: { group: 'Resilience', description: 'Attempts per upstream read, the first included (writes are never retried); 1 = no retries.' },
  UPSTREAM_RETRY_BASE_DELAY_MS: { group: 'Resilience', description: 'First retry back-off (ms); it grows exponentially, with jitter, unless the provider sends `Retry-After`.' },
  UPSTREAM_RETRY_MAX_DELAY_MS: { group: 'Resilience', description: 'Longest retry back-off (ms).' },
  UPSTREAM_BREAKER_FAILURE_THRESHOLD: { group: 'Resilience', description: "Consecutive failed attempts that open a provider's circuit breaker." },
  UPSTREAM_BREAKER_COOLDOWN_MS: { group: 'Resilience', description: 'How long an open breaker refuses calls before one probe is let through (ms).' },
  GRAPHQL_MAX_DEPTH: { group: 'Limits', description: 'Deepest selection nesting an operation may have.' },
  GRAPHQL_MAX_ALIASES: { group: 'Limits', description: 'Most aliases in one operation.' },
  GRAPHQL_MAX_ROOT_FIELDS: { group: 'Limits', description: 'Most root fields in one operation.' },
  GRAPHQL_MAX_TOKENS: { group: 'Limits', description: 'Most lexical tokens in one document.' },
  GRAPHQL_MAX_COST: { group: 'Limits', description: 'Highest estimated cost of an operation (list sizes multiply).' },
  GRAPHQL_MAX_BATCH: { group: 'Limits', description: 'Most operations in one batched HTTP request.' },
  GRAPHQL_MAX_BODY_BYTES: { group: 'Limits', description: 'Largest request body (bytes).' },
  GRAPHQL_MAX_GET_URL_BYTES: {
    group: 'Limits',
    description:
      'Longest URL of a GET to `/graphql` (bytes, path and query string); longer is 414 `URL_TOO_LONG` (send it by POST or as a persisted operation). 8,192 is what common proxies and CDNs pass (nginx, CloudFront), so a GET that works here works behind them; past Node\'s 16 KB header limit the answer is 431 with the same code.',
  },
  GRAPHQL_INTROSPECTION: { group: 'Security', description: 'Allow introspection. Unset: on, except with `NODE_ENV=production`.' },
  GRAPHQL_SANDBOX: { group: 'Security', description: 'Serve Apollo Sandbox at `/graphql` in a browser, and GraphiQL (works offline) at `/graphiql`. Unset: on, except with `NODE_ENV=production`.' },
  GATEWAY_API_KEYS: { group: 'Security', description: 'Comma-separated API keys clients may send; with neither keys nor a JWT secret set, the gateway is open. Enforced in every mode, demo mode included.' },
  GATEWAY_JWT_SECRET: { group: 'Security', description: 'HS256 secret (at least 32 bytes) for client bearer tokens.' },
  GATEWAY_JWT_ISSUER: { group: 'Security', description: 'Required `iss` of client tokens, when set.' },
  GATEWAY_JWT_AUDIENCE: { group: 'Security', description: 'Required `aud` of client tokens, when set.' },
  METRICS_TOKEN: { group: 'Security', description: 'When set, `GET /metrics` answers only requests with `Authorization: Bearer <token>` (Prometheus: `authorization.credentials`). Unset: open; expose it on an internal network only.' },
  LOG_LEVEL: { group: 'Logging', description: 'pino level of the JSON logs on stdout: `fatal`, `error`, `warn`, `info`, `debug` (adds a line per upstream call), `trace` or `silent`.' },
  SHUTDOWN_TIMEOUT_MS: { group: 'Server', description: 'On SIGTERM, how long in-flight requests may finish before connections are closed (ms).' },
};
