import { baseSchema } from '../src/config/index.js';

// The gateway configuration the live-schedule bench measures: the defaults of
// src/config/schema.ts (read from it, not restated), optionally on a faster clock.

/** The defaults the figures are read against. */
export const LIVE_DEFAULTS = (() => {
  const d = baseSchema.parse({});
  return {
    intervalS: d.CHANGE_POLL_INTERVAL_S,
    quotaShare: d.CHANGE_POLL_QUOTA_SHARE,
    completeEvery: d.CHANGE_POLL_COMPLETE_EVERY,
    guidebookPerDay: d.GUIDEBOOK_QUOTA_PER_DAY,
    guidebookPerMinute: d.GUIDEBOOK_QUOTA_PER_MINUTE,
    guidebookTtlMs: d.GUIDEBOOK_CACHE_TTL_MS,
    planstoneTtlMs: d.PLANSTONE_CACHE_TTL_MS,
    roundwareTtlMs: d.ROUNDWARE_CACHE_TTL_MS,
    staleGraceMs: d.CACHE_STALE_GRACE_MS,
  };
})();

/**
 * The environment of a gateway that runs the default configuration `timeScale` times faster:
 * the poll interval, every provider's cache TTL and the stale grace divided by it, Guidebook's quotas multiplied
 * by it (so quota pacing spaces reads `timeScale` times closer). Requests counted over a span
 * of `T` seconds are then those of `T × timeScale` seconds at the defaults. `timeScale` 1 is
 * the defaults themselves. Poll durations do not shrink: keep the interval well above them.
 */
export function scaledDefaultsEnv(timeScale: number): Record<string, string> {
  const d = LIVE_DEFAULTS;
  if (timeScale === 1) return {};
  return {
    CHANGE_POLL_INTERVAL_S: String(d.intervalS / timeScale),
    GUIDEBOOK_CACHE_TTL_MS: String(Math.round(d.guidebookTtlMs / timeScale)),
    PLANSTONE_CACHE_TTL_MS: String(Math.round(d.planstoneTtlMs / timeScale)),
    ROUNDWARE_CACHE_TTL_MS: String(Math.round(d.roundwareTtlMs / timeScale)),
    CACHE_STALE_GRACE_MS: String(Math.round(d.staleGraceMs / timeScale)),
    GUIDEBOOK_QUOTA_PER_DAY: String(Math.round(d.guidebookPerDay * timeScale)),
    ...(d.guidebookPerMinute > 0 ? { GUIDEBOOK_QUOTA_PER_MINUTE: String(Math.round(d.guidebookPerMinute * timeScale)) } : {}),
  };
}

/** The environment every live-bench gateway shares: production, silent, detection on. */
export function liveGatewayEnv(emulatorEnv: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  return { ...emulatorEnv, NODE_ENV: 'production', LOG_LEVEL: 'silent', CHANGE_DETECTION: 'true', ...extra };
}
