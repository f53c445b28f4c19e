import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';

// The acceptance check: a real Apollo Client with `relayStylePagination` pages
// through every session of the merged connection, in both directions.

const SESSIONS = gql`
  query Schedule($first: Int, $after: String, $last: Int, $before: String) {
    sessions(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges {
        cursor
        node {
          id
          source
          startTime
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

interface Page {
  sessions: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string; source: string; startTime: string | null } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

function newClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: harness.url }),
    cache: new InMemoryCache({ typePolicies: { Query: { fields: { sessions: relayStylePagination(['filter', 'orderBy']) } } } }),
  });
}

function assertStartTimeOrder(nodes: Array<{ startTime: string | null }>): void {
  const times = nodes.map((n) => (n.startTime ? Date.parse(n.startTime) : Number.POSITIVE_INFINITY));
  for (let i = 1; i < times.length; i += 1) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
}

describe('Apollo Client relayStylePagination over the merged sessions connection', () => {
  it('pages forward through all 2,323 sessions with no gaps or duplicates', async () => {
    const client = newClient();
    let { data } = await client.query<Page>({ query: SESSIONS, variables: { first: 100 } });
    const total = data!.sessions.totalCount;
    expect(total).toBe(1500 + 823);
    let pageInfo = data!.sessions.pageInfo;
    let pages = 1;
    while (pageInfo.hasNextPage) {
      const next = await client.query<Page>({ query: SESSIONS, variables: { first: 100, after: pageInfo.endCursor }, fetchPolicy: 'network-only' });
      pageInfo = next.data!.sessions.pageInfo;
      pages += 1;
      expect(pages).toBeLessThan(40);
    }
    data = client.readQuery<Page>({ query: SESSIONS, variables: { first: 100 } })!;
    const ids = data.sessions.edges.map((e) => e.node.id);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 100));
    expect(data.sessions.edges.filter((e) => e.node.source === 'GUIDEBOOK')).toHaveLength(1500);
    expect(data.sessions.edges.filter((e) => e.node.source === 'PLANSTONE')).toHaveLength(823);
    assertStartTimeOrder(data.sessions.edges.map((e) => e.node));
  });

  it('pages backward from the end and meets the forward order exactly', async () => {
    const forward = newClient();
    const first = await forward.query<Page>({ query: SESSIONS, variables: { first: 100 } });
    let info = first.data!.sessions.pageInfo;
    while (info.hasNextPage) {
      info = (await forward.query<Page>({ query: SESSIONS, variables: { first: 100, after: info.endCursor }, fetchPolicy: 'network-only' })).data!.sessions
        .pageInfo;
    }
    const forwardIds = forward.readQuery<Page>({ query: SESSIONS, variables: { first: 100 } })!.sessions.edges.map((e) => e.node.id);

    const backward = newClient();
    const last = await backward.query<Page>({ query: SESSIONS, variables: { last: 100 } });
    info = last.data!.sessions.pageInfo;
    while (info.hasPreviousPage) {
      info = (await backward.query<Page>({ query: SESSIONS, variables: { last: 100, before: info.startCursor }, fetchPolicy: 'network-only' })).data!.sessions
        .pageInfo;
    }
    const backwardIds = backward.readQuery<Page>({ query: SESSIONS, variables: { last: 100 } })!.sessions.edges.map((e) => e.node.id);
    expect(backwardIds).toEqual(forwardIds);
    // Two walks of 24 pages: most of the time is Apollo Client merging each page into its
    // cache (~0.4 s a page on two busy cores, with or without the gateway's caches).
  }, 60_000);
});
