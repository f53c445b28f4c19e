import type { Harness } from './gatewayHarness.js';
import { PAGE_FIELDS, rootConnection, type FetchPage } from './paging.js';
import { sessionKey, type RefSession } from './providerData.js';

/** What session paging tests select of each node. */
export interface SessionNode {
  id: string;
  source: 'GUIDEBOOK' | 'PLANSTONE';
  sourceId: string;
  startTime: string | null;
  endTime: string | null;
}

export const SESSIONS_DOCUMENT = `
  query Sessions($first: Int, $after: String, $last: Int, $before: String, $filter: SessionFilter, $orderBy: SessionOrder) {
    connection: sessions(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) { ${PAGE_FIELDS} }
  }
  fragment N on Session { id source sourceId startTime endTime }
`;

/** Pages of `Query.sessions` for a filter and order (the schema's default order when none). */
export function sessionPages(harness: Harness, filter?: Record<string, unknown>, orderBy?: { field: string; direction: string }): FetchPage<SessionNode> {
  return rootConnection<SessionNode>(harness, SESSIONS_DOCUMENT, { filter, orderBy });
}

/** `SOURCE:sourceId` of each node, for comparing with the providers' data. */
export const keysOf = (nodes: ReadonlyArray<{ source: string; sourceId: string }>): string[] => nodes.map(sessionKey);

/** The expected keys of reference sessions. */
export const refKeys = (sessions: readonly RefSession[]): string[] => sessions.map(sessionKey);
