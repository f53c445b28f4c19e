import { z } from 'zod';

/** The provider URL variables: none set means demo mode (see `demoModeOf`). */
export const URL_VARIABLES = ['GUIDEBOOK_API_URL', 'ROUNDWARE_API_URL', 'PLANSTONE_API_URL'] as const;

const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

/**
 * Every variable `loadConfig` reads that has a type or a default, as zod parses it from the
 * environment (the provider URLs and credentials are checked by `loadConfig` itself). The
 * configuration reference takes its defaults from here.
 */
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
  // An all-day session lasts 24 hours (src/models/sessionWindow.ts).
  GUIDEBOOK_MAX_SESSION_HOURS: int(24),
  // DRF's usual cap on `page_size` (PROVIDERS.md); 0: the server's default page size.
  GUIDEBOOK_WINDOW_PAGE_SIZE: int(500),
  ROUNDWARE_CACHE_TTL_MS: int(15_000),
  // The Planstone feed refreshes every 15 minutes.
  PLANSTONE_CACHE_TTL_MS: int(300_000),
  // Checked by loadConfig (planstoneConferences.ts): a JSON array of conferences.
  PLANSTONE_CONFERENCES: z.string().optional(),
  REDIS_URL: z.string().optional(),
  REDIS_KEY_PREFIX: z.string().default('sessions-gateway:'),
  CACHE_MAX_ENTRIES: int(5_000),
  CACHE_MAX_MB: z.coerce.number().positive().default(64),
  CACHE_STALE_GRACE_MS: int(30_000),
  CACHE_STALE_IF_QUOTA_LOW_MS: int(6 * 3_600_000),
  CACHE_TTL_OVERRIDES: z.string().default(''),
  RESPONSE_CACHE: z.stringbool().default(true),
  RESPONSE_CACHE_MAX_ENTRIES: int(2_000),
  RESPONSE_CACHE_MAX_MB: z.coerce.number().positive().default(32),
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
  // Change detection (docs/live-schedule.md).
  CHANGE_DETECTION: z.stringbool().default(true),
  CHANGE_POLL_INTERVAL_S: z.coerce.number().positive().default(60),
  CHANGE_POLL_QUOTA_SHARE: z.coerce.number().gt(0).max(1).default(0.15),
  CHANGE_POLL_COMPLETE_EVERY: z.coerce.number().int().min(1).default(15),
  CHANGE_LOG_MAX_LENGTH: z.coerce.number().int().min(1).default(10_000),
  CHANGE_LOG_MAX_AGE_S: z.coerce
    .number()
    .int()
    .min(1)
    .default(7 * 86_400),
  CHANGE_LEASE_TTL_S: z.coerce.number().positive().optional(),
  GATEWAY_JWT_ISSUER: z.string().optional(),
  GATEWAY_JWT_AUDIENCE: z.string().optional(),
  METRICS_TOKEN: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: int(10_000),
  SUBSCRIPTIONS_MAX: int(10_000),
  SUBSCRIPTIONS_MAX_PER_CONNECTION: z.coerce.number().int().min(1).default(100),
  SUBSCRIPTIONS_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5_000),
});

/** Optional non-negative integer variables (per-provider overrides of a shared default). */
function optionalInts(names: string[]): Record<string, z.ZodOptional<z.ZodCoercedNumber>> {
  return Object.fromEntries(names.map((name) => [name, z.coerce.number().int().nonnegative().optional()]));
}
