import type { Emulator } from '@sessions-gateway/emulators';

import type { GraphQLResponse, Harness } from '../support/gatewayHarness.js';

/** No shared cache (every operation reaches the providers), short timeouts and backoffs. */
export const FAULT_ENV = {
  GUIDEBOOK_CACHE_TTL_MS: '0',
  ROUNDWARE_CACHE_TTL_MS: '0',
  PLANSTONE_CACHE_TTL_MS: '0',
  UPSTREAM_HEADERS_TIMEOUT_MS: '300',
  UPSTREAM_BODY_TIMEOUT_MS: '300',
  UPSTREAM_DEADLINE_MS: '8000',
  UPSTREAM_RETRY_MAX_ATTEMPTS: '2',
  UPSTREAM_RETRY_BASE_DELAY_MS: '5',
  UPSTREAM_RETRY_MAX_DELAY_MS: '20',
  UPSTREAM_BREAKER_FAILURE_THRESHOLD: '1000',
};

export type ProviderKey = 'guidebook' | 'roundware' | 'planstone';
export const PROVIDERS: ProviderKey[] = ['guidebook', 'roundware', 'planstone'];

/** One operation over all three providers: merged sessions (Guidebook + Planstone) and Roundware client sessions. */
export const MIXED_QUERY = `query Mixed {
  sessions(first: 5) { totalCount edges { node { source sourceId } } }
  clientSessions(first: 3) { totalCount edges { node { id } } }
}`;

export interface MixedData {
  sessions: { totalCount: number; edges: Array<{ node: { source: string; sourceId: string } }> } | null;
  clientSessions: { totalCount: number; edges: Array<{ node: { id: string } }> } | null;
}

/** Every emulator back to normal: no faults, no latency, empty logs. */
export function calm(harness: Harness): void {
  for (const provider of PROVIDERS) {
    harness.emulators[provider].faults.clear();
    harness.emulators[provider].setLatency({});
  }
  harness.resetLogs();
}

/** How many times each distinct upstream URL was requested. */
export function attemptsByUrl(emulator: Emulator): number[] {
  const counts = new Map<string, number>();
  for (const entry of emulator.log.entries()) counts.set(entry.url, (counts.get(entry.url) ?? 0) + 1);
  return [...counts.values()];
}

/** As `attemptsByUrl`, split into pages 2 and later of a list (`ahead`) and every other URL (`first`). */
export function attemptsByPage(emulator: Emulator): { first: number[]; ahead: number[] } {
  const counts = new Map<string, number>();
  for (const entry of emulator.log.entries()) counts.set(entry.url, (counts.get(entry.url) ?? 0) + 1);
  const isAhead = (url: string) => Number(new URL(url, 'http://x').searchParams.get('page') ?? '1') >= 2;
  return {
    first: [...counts].filter(([url]) => !isAhead(url)).map(([, count]) => count),
    ahead: [...counts].filter(([url]) => isAhead(url)).map(([, count]) => count),
  };
}

export const codesOf = (response: GraphQLResponse): unknown[] => (response.errors ?? []).map((error) => error.extensions?.code);
