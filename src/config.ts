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
  guidebook: GuidebookConfig | null;
  roundware: RoundwareConfig | null;
  planstone: PlanstoneConfig | null;
  upstreamTimeouts: { connectMs: number; headersMs: number; bodyMs: number };
  /** Shared-cache TTL per provider (ms). */
  cacheTtlMs: { guidebook: number; roundware: number; planstone: number };
}

/** Thrown at boot with every problem found, so one start fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const URL_VARIABLES = ['GUIDEBOOK_API_URL', 'ROUNDWARE_API_URL', 'PLANSTONE_API_URL'] as const;

/** True when no provider URL is set: `npm start` then runs the emulators (demo mode). */
export function isDemoEnvironment(env: NodeJS.ProcessEnv): boolean {
  return URL_VARIABLES.every((name) => !env[name]);
}

const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const baseSchema = z.object({
  PORT: int(4000),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: z.string().default('development'),
  UPSTREAM_CONNECT_TIMEOUT_MS: int(2_000),
  UPSTREAM_HEADERS_TIMEOUT_MS: int(8_000),
  UPSTREAM_BODY_TIMEOUT_MS: int(8_000),
  GUIDEBOOK_CACHE_TTL_MS: int(60_000),
  ROUNDWARE_CACHE_TTL_MS: int(15_000),
  // The Planstone feed refreshes every 15 minutes.
  PLANSTONE_CACHE_TTL_MS: int(300_000),
});

/**
 * Reads the environment once, at boot. Every provider needs its URL and credential; a
 * provider is switched off explicitly with `<PROVIDER>_API_URL=off`. Demo mode fills these
 * variables from the emulators before calling this, so both modes share one path.
 */
export function loadConfig(env: NodeJS.ProcessEnv): GatewayConfig {
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
  if (planstone?.timeZone && !isValidTimeZone(planstone.timeZone)) {
    problems.push(`PLANSTONE_TIMEZONE is not an IANA time zone: ${JSON.stringify(planstone.timeZone)}`);
  }
  if (problems.length > 0 || !base.success) throw new ConfigError(problems);

  const values = base.data;
  return {
    port: values.PORT,
    host: values.HOST,
    production: values.NODE_ENV === 'production',
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
