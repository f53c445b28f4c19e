import type { GatewayConfig } from '../../config/index.js';
import type { ProviderName } from '../../providers.js';

/**
 * Which providers an object type's data comes from, for types whose `@cacheControl` gives
 * no `maxAge`. A type missing here (with no `maxAge` nor `inheritMaxAge` in the SDL) is
 * not cacheable: test/unit/httpCache.test.ts checks that every type a query can reach is
 * covered one way or the other.
 */
export const TYPE_PROVIDERS: Readonly<Record<string, readonly ProviderName[]>> = {
  Node: ['guidebook', 'roundware', 'planstone'],
  Session: ['guidebook', 'planstone'],
  SessionConnection: ['guidebook', 'planstone'],
  Track: ['guidebook', 'planstone'],
  Conference: ['guidebook', 'planstone'],
  TrackConnection: ['guidebook', 'planstone'],
  Guide: ['guidebook'],
  Attendee: ['guidebook'],
  AttendeeConnection: ['guidebook'],
  PersonalizedSchedule: ['guidebook'],
  PersonalizedScheduleConnection: ['guidebook'],
  Speaker: ['planstone'],
  SpeakerConnection: ['planstone'],
  ClientSession: ['roundware'],
  ClientSessionConnection: ['roundware'],
};

/**
 * Each provider's default `maxAge` (seconds): its shared-cache TTL, shortened by any
 * shorter per-resource TTL override — an answer is never kept downstream longer than the
 * gateway keeps what it was built from. A switched-off provider does not count.
 */
export function providerMaxAges(config: Pick<GatewayConfig, 'cacheTtlMs' | 'caching' | ProviderName>): Partial<Record<ProviderName, number>> {
  const ages: Partial<Record<ProviderName, number>> = {};
  for (const provider of ['guidebook', 'roundware', 'planstone'] as const) {
    if (config[provider] === null) continue;
    const ttls = [config.cacheTtlMs[provider], ...Object.values(config.caching.ttlByResource[provider])];
    ages[provider] = Math.floor(Math.min(...ttls) / 1000);
  }
  return ages;
}

/** The default `maxAge` of each type of TYPE_PROVIDERS: the smallest of its providers'. */
export function typeMaxAges(ages: Partial<Record<ProviderName, number>>): Map<string, number> {
  const result = new Map<string, number>();
  for (const [type, providers] of Object.entries(TYPE_PROVIDERS)) {
    const known = providers.map((provider) => ages[provider]).filter((age): age is number => age !== undefined);
    result.set(type, known.length > 0 ? Math.min(...known) : 0);
  }
  return result;
}
