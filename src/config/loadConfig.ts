import { ConfigError } from './configError.js';
import type { GatewayConfig, PlanstoneConferenceConfig, PlanstoneConfig } from './gatewayConfig.js';
import { planstoneConferencesOf } from './planstoneConferences.js';
import { parseRedisUrl } from './redisUrl.js';
import { baseSchema } from './schema.js';

const TTL_OVERRIDE = /^(guidebook|roundware|planstone):([\w-]+)=(\d+)$/;

/** `guidebook:guides=3600000,planstone:speakers=600000` → TTLs per provider and resource. */
function parseTtlOverrides(text: string, problems: string[]): GatewayConfig['caching']['ttlByResource'] {
  const result: GatewayConfig['caching']['ttlByResource'] = { guidebook: {}, roundware: {}, planstone: {} };
  for (const item of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
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

  const guidebook = provider('GUIDEBOOK_API_URL', ['GUIDEBOOK_API_KEY'], (baseUrl) => ({
    baseUrl,
    apiKey: env.GUIDEBOOK_API_KEY ?? '',
    maxSessionMs: (base.data?.GUIDEBOOK_MAX_SESSION_HOURS ?? 24) * 3_600_000,
    windowPageSize: base.data?.GUIDEBOOK_WINDOW_PAGE_SIZE ?? 500,
  }));
  const roundware = provider('ROUNDWARE_API_URL', ['ROUNDWARE_API_TOKEN'], (baseUrl) => ({ baseUrl, token: env.ROUNDWARE_API_TOKEN ?? '' }));
  const planstone = provider('PLANSTONE_API_URL', ['PLANSTONE_API_TOKEN'], (baseUrl): PlanstoneConfig | null => {
    const conferences = planstoneConferencesOf(env, problems);
    if (!conferences) return null;
    const [first] = conferences as [PlanstoneConferenceConfig];
    return { baseUrl, token: env.PLANSTONE_API_TOKEN ?? '', account: first.account, conference: first.conference, timeZone: first.timeZone, conferences };
  });
  const ttlByResource = parseTtlOverrides(env.CACHE_TTL_OVERRIDES ?? '', problems);
  if (env.REDIS_URL) {
    try {
      parseRedisUrl(env.REDIS_URL);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  // The gateway puts hash tags into its keys itself (src/upstream/redis/hashTaggedKey.ts): a brace in the prefix would move them.
  if (env.REDIS_KEY_PREFIX && /[{}]/.test(env.REDIS_KEY_PREFIX))
    problems.push('REDIS_KEY_PREFIX may not contain { or } (the gateway places Redis Cluster hash tags itself)');
  const jwtSecret = env.GATEWAY_JWT_SECRET;
  // RFC 7518 §3.2: an HS256 key must be at least as long as the hash (32 bytes).
  if (jwtSecret !== undefined && jwtSecret !== '' && Buffer.byteLength(jwtSecret) < 32) problems.push('GATEWAY_JWT_SECRET must be at least 32 bytes long');
  if (problems.length > 0 || !base.success) throw new ConfigError(problems);

  const values = base.data;
  const production = values.NODE_ENV === 'production';
  const apiKeys = values.GATEWAY_API_KEYS.split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  const jwt = values.GATEWAY_JWT_SECRET
    ? { secret: values.GATEWAY_JWT_SECRET, issuer: values.GATEWAY_JWT_ISSUER, audience: values.GATEWAY_JWT_AUDIENCE }
    : null;
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
    responseCache: values.RESPONSE_CACHE ? { maxEntries: values.RESPONSE_CACHE_MAX_ENTRIES, maxMegabytes: values.RESPONSE_CACHE_MAX_MB } : null,
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
      retry: {
        maxAttempts: values.UPSTREAM_RETRY_MAX_ATTEMPTS,
        baseDelayMs: values.UPSTREAM_RETRY_BASE_DELAY_MS,
        maxDelayMs: values.UPSTREAM_RETRY_MAX_DELAY_MS,
      },
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
    changes: {
      detection: values.CHANGE_DETECTION,
      pollIntervalMs: Math.round(values.CHANGE_POLL_INTERVAL_S * 1000),
      quotaShare: values.CHANGE_POLL_QUOTA_SHARE,
      completeEvery: values.CHANGE_POLL_COMPLETE_EVERY,
      leaseTtlMs: Math.round((values.CHANGE_LEASE_TTL_S ?? Math.max(10, 3 * values.CHANGE_POLL_INTERVAL_S)) * 1000),
      retention: { maxLength: values.CHANGE_LOG_MAX_LENGTH, maxAgeMs: values.CHANGE_LOG_MAX_AGE_S * 1000 },
    },
    introspection: values.GRAPHQL_INTROSPECTION ?? !production,
    sandbox: values.GRAPHQL_SANDBOX ?? !production,
    logLevel: values.LOG_LEVEL,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    subscriptions: {
      maxPerReplica: values.SUBSCRIPTIONS_MAX,
      maxPerConnection: values.SUBSCRIPTIONS_MAX_PER_CONNECTION,
      heartbeatMs: values.SUBSCRIPTIONS_HEARTBEAT_MS,
    },
  };
}
