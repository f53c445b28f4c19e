import type { EmulatorRequest, EmulatorResponse, RouteHandler } from '../kit/index.js';
import { authenticate } from './auth.js';
import type { DailyQuota } from './dailyQuota.js';
import { throttled } from './responses.js';

export interface GuardSettings {
  apiKeys: ReadonlySet<string>;
  quota: DailyQuota;
  now(): number;
}

/**
 * DRF's `APIView.initial()` order: authenticate (401), then throttle (429, the request
 * counted against the key's daily quota), and only then the handler or the 405.
 */
export function guard(settings: GuardSettings, handler: RouteHandler): RouteHandler {
  return (req: EmulatorRequest): EmulatorResponse | Promise<EmulatorResponse> => {
    const denied = check(settings, req);
    return denied ?? handler(req);
  };
}

/** The 401 or 429 for a request, or undefined when it may proceed (and was counted). */
export function check(settings: GuardSettings, req: Pick<EmulatorRequest, 'headers'>): EmulatorResponse | undefined {
  const auth = authenticate(req.headers, settings.apiKeys);
  if ('status' in auth) return auth;
  const wait = settings.quota.take(auth.key, settings.now());
  return wait === undefined ? undefined : throttled(wait);
}
