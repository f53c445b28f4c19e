import { parseRedisUrl, type GatewayConfig } from '../config/index.js';
import type { SensitiveValues } from './scrubber.js';

/** Every secret and upstream host the configuration holds, for the scrubber. */
export function sensitiveValuesOf(config: GatewayConfig): SensitiveValues {
  const secrets = [
    config.guidebook?.apiKey,
    config.roundware?.token,
    config.planstone?.token,
    ...(config.auth?.apiKeys ?? []),
    config.auth?.jwt?.secret,
    config.metricsToken,
    redisPassword(config.redis?.url),
  ].filter((value): value is string => typeof value === 'string' && value.length > 0);
  const hosts: SensitiveValues['hosts'] = [];
  for (const [provider, settings] of [
    ['guidebook', config.guidebook],
    ['roundware', config.roundware],
    ['planstone', config.planstone],
  ] as const) {
    if (!settings || !URL.canParse(settings.baseUrl)) continue;
    // `host` is `name:port` when the URL names a port, else the name alone.
    hosts.push({ host: new URL(settings.baseUrl).host, label: `[${provider}-upstream]` });
  }
  return { secrets, hosts };
}

/** The password of a `redis://user:password@host` (or `redis+cluster://user:password@h1,h2`) URL, if it names one. */
function redisPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return parseRedisUrl(url).password;
  } catch {
    return undefined;
  }
}
