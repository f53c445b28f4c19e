import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

import type { GraphQLResponse, Harness } from '../support/gatewayHarness.js';

export { sleep };

/** Roundware client sessions of one project: one upstream GET per distinct project. */
export const CLIENT_SESSIONS = `
  query ClientSessions($projectId: Int) {
    clientSessions(first: 3, filter: { projectId: $projectId }) { totalCount edges { node { id sourceId } } }
  }
`;

export interface ClientSessionsData {
  clientSessions: { totalCount: number; edges: Array<{ node: { id: string; sourceId: string } }> } | null;
}

/** The home page: merged sessions with tracks and speakers. */
export const HOME_PAGE = `
  query Home {
    sessions(first: 50) {
      totalCount
      edges { node { id name startTime tracks { id name } speakers { role speaker { id displayName } } } }
    }
  }
`;

/** `clientSessions` of a project through the harness. */
export function clientSessions(harness: Harness, projectId: number): Promise<GraphQLResponse<ClientSessionsData>> {
  return harness.query<ClientSessionsData>(CLIENT_SESSIONS, { projectId });
}

/** GET requests the Roundware emulator logged since the last reset. */
export function roundwareGets(harness: Harness): number {
  return harness.emulators.roundware.log.count({ method: 'GET' });
}

/** POSTs a raw GraphQL-over-HTTP body (for persisted-query extensions). */
export async function postRaw(url: string, body: unknown): Promise<GraphQLResponse & { status: number }> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.statusCode, ...((await response.body.json()) as GraphQLResponse) };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}
