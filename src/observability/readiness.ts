import net from 'node:net';

import type { GatewayConfig } from '../config/index.js';
import type { ProviderName } from '../providers.js';
import type { BreakerState } from '../upstream/resilience/index.js';
import type { ProviderHealthSources } from './providerHealth.js';

/** One provider's line in the `/readyz` answer. */
export interface ProviderReadiness {
  status: 'ready' | 'unavailable' | 'disabled';
  /** The circuit breaker's state, when the resilience layer reports one. */
  breaker?: BreakerState;
  /** Whether a TCP connection to the provider opened (probed only without a breaker state). */
  reachable?: boolean;
}

export interface Readiness {
  ready: boolean;
  /** `demo`: the providers are the emulators, serving seed data; `live`: the configured providers. */
  mode: 'demo' | 'live';
  providers: Record<ProviderName, ProviderReadiness>;
}

export interface ReadinessOptions {
  /** Connect timeout of the reachability probe. */
  timeoutMs: number;
}

/**
 * Whether the gateway can serve: every configured provider's breaker is not open — or,
 * where no breaker reports, its host accepts a TCP connection. The probe opens a socket
 * and closes it at once: no HTTP request, so it costs no provider quota.
 */
export async function checkReadiness(config: GatewayConfig, sources: ProviderHealthSources, options: ReadinessOptions): Promise<Readiness> {
  let breakers: Map<ProviderName, BreakerState>;
  try {
    breakers = new Map((sources.breakers?.() ?? []).map(({ provider, state }) => [provider, state]));
  } catch {
    breakers = new Map();
  }
  const check = async (provider: ProviderName, baseUrl: string | undefined): Promise<ProviderReadiness> => {
    if (baseUrl === undefined) return { status: 'disabled' };
    const breaker = breakers.get(provider);
    if (breaker !== undefined) return { status: breaker === 'open' ? 'unavailable' : 'ready', breaker };
    const reachable = await canConnect(new URL(baseUrl), options.timeoutMs);
    return { status: reachable ? 'ready' : 'unavailable', reachable };
  };
  const [guidebook, roundware, planstone] = await Promise.all([
    check('guidebook', config.guidebook?.baseUrl),
    check('roundware', config.roundware?.baseUrl),
    check('planstone', config.planstone?.baseUrl),
  ]);
  const providers = { guidebook, roundware, planstone };
  return { ready: Object.values(providers).every((p) => p.status !== 'unavailable'), mode: config.demo ? 'demo' : 'live', providers };
}

function canConnect(url: URL, timeoutMs: number): Promise<boolean> {
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
