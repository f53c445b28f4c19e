import { buildSubgraph } from '@apollo/federation-internals';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../src/federation/index.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';

// The gateway as an Apollo Federation v2 subgraph (FEDERATION=true), next to a second
// small subgraph that extends Session. No composition package (@apollo/composition,
// @theguild/federation-composition) is installed here, so each subgraph is validated with
// @apollo/federation-internals (the per-subgraph checks composition runs), and the
// supergraph step is the query plan a router makes for an entity join: fetch the keys
// from the owning subgraph, then `_entities` from the extending one, and merge.

const REVIEWS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Session @key(fields: "id") {
    id: ID!
    "Average attendee rating (the reviews subgraph)."
    rating: Float
    reviewCount: Int!
  }
`;

let sessions: Harness;
let reviews: { url: string; stop(): Promise<void> };
let reviewRequests: Array<{ representations: Array<{ __typename: string; id: string }> }> = [];

beforeAll(async () => {
  sessions = await startHarness({ env: { FEDERATION: 'true', LOG_LEVEL: 'silent' } });
  const schema = buildSubgraphSchema([
    {
      typeDefs: parse(REVIEWS_SDL),
      resolvers: {
        Session: {
          __resolveReference: (reference: { id: string }) => ({ id: reference.id, rating: (reference.id.length % 5) + 0.5, reviewCount: reference.id.length }),
        },
      },
    },
  ]);
  const server = new ApolloServer({
    schema,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart({ request: req }) {
          const representations = req.variables?.representations;
          if (Array.isArray(representations)) reviewRequests.push({ representations: representations as Array<{ __typename: string; id: string }> });
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  reviews = { url, stop: () => server.stop() };
});
afterAll(async () => {
  await reviews.stop();
  await sessions.close();
});

async function post<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.body.json()) as { data?: T; errors?: Array<{ message: string }> };
}

describe('the gateway as a Federation v2 subgraph', () => {
  it('publishes its SDL with @key(fields: "id") on every entity, and it validates as a Fed 2 subgraph', async () => {
    const { data } = await post<{ _service: { sdl: string } }>(sessions.url, '{ _service { sdl } }');
    const sdl = data!._service.sdl;
    for (const type of ['Session', 'Track', 'Attendee', 'Speaker', 'ClientSession']) {
      expect(sdl).toMatch(new RegExp(`type ${type} implements Node\\s+@key\\(fields: "id"\\)`));
    }
    expect(ENTITY_TYPES).toEqual(expect.arrayContaining(['Session', 'Track', 'Attendee', 'Speaker', 'ClientSession']));
    const subgraph = buildSubgraph('sessions', sessions.url, sdl).validate();
    expect(subgraph.isFed2Subgraph()).toBe(true);
    expect(buildSubgraph('reviews', reviews.url, REVIEWS_SDL).validate().isFed2Subgraph()).toBe(true);
  });

  it('resolves every entity type through _entities, via the datasources', async () => {
    const { data: ids } = await post<{
      sessions: { edges: Array<{ node: { id: string } }> };
      tracks: { edges: Array<{ node: { id: string } }> };
      attendees: { edges: Array<{ node: { id: string } }> };
      speakers: { edges: Array<{ node: { id: string } }> };
      clientSessions: { edges: Array<{ node: { id: string } }> };
    }>(
      sessions.url,
      '{ sessions(first: 1) { edges { node { id } } } tracks(first: 1) { edges { node { id } } } attendees(first: 1) { edges { node { id } } } speakers(first: 1) { edges { node { id } } } clientSessions(first: 1) { edges { node { id } } } }',
    );
    const representations = [
      { __typename: 'Session', id: ids!.sessions.edges[0]!.node.id },
      { __typename: 'Track', id: ids!.tracks.edges[0]!.node.id },
      { __typename: 'Attendee', id: ids!.attendees.edges[0]!.node.id },
      { __typename: 'Speaker', id: ids!.speakers.edges[0]!.node.id },
      { __typename: 'ClientSession', id: ids!.clientSessions.edges[0]!.node.id },
    ];
    const { data, errors } = await post<{ _entities: Array<Record<string, unknown>> }>(
      sessions.url,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        __typename
        ... on Session { id name } ... on Track { id name } ... on Attendee { id email }
        ... on Speaker { id displayName } ... on ClientSession { id projectId } } }`,
      { representations },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities.map((entity) => [entity.__typename, entity.id])).toEqual(representations.map((r) => [r.__typename, r.id]));
    expect(typeof data!._entities[0]!.name).toBe('string');
    expect(typeof data!._entities[4]!.projectId).toBe('number');
  });

  it('answers a reference to the wrong type or to nothing with a typed error, not garbage', async () => {
    const speakerAsSession = Buffer.from('Speaker:planstone:1').toString('base64url');
    const missing = Buffer.from('Session:guidebook:999999999').toString('base64url');
    const { data, errors } = await post<{ _entities: Array<unknown> }>(
      sessions.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Session { id } } }',
      { r: [{ __typename: 'Session', id: speakerAsSession }, { __typename: 'Session', id: missing }] },
    );
    expect(data!._entities).toEqual([null, null]);
    expect(errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('joins Session fields of both subgraphs the way a router’s query plan does', async () => {
    reviewRequests = [];
    // Supergraph query: { sessions(first: 3) { edges { node { id name rating reviewCount } } } }
    // Plan: Fetch(sessions) { sessions { edges { node { __typename id name } } } }
    //    -> Flatten(sessions.edges.@.node) Fetch(reviews) { ... on Session { rating reviewCount } }
    const first = await post<{ sessions: { edges: Array<{ node: { __typename: string; id: string; name: string } }> } }>(
      sessions.url,
      '{ sessions(first: 3) { edges { node { __typename id name } } } }',
    );
    const nodes = first.data!.sessions.edges.map((edge) => edge.node);
    const second = await post<{ _entities: Array<{ rating: number; reviewCount: number }> }>(
      reviews.url,
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Session { rating reviewCount } } }',
      { representations: nodes.map(({ __typename, id }) => ({ __typename, id })) },
    );
    const merged = nodes.map((node, i) => ({ ...node, ...second.data!._entities[i] }));
    expect(merged).toHaveLength(3);
    for (const session of merged) {
      expect(session.name.length).toBeGreaterThan(0);
      expect(session.reviewCount).toBe(session.id.length);
      expect(session.rating).toBe((session.id.length % 5) + 0.5);
    }
    expect(reviewRequests).toEqual([{ representations: nodes.map(({ __typename, id }) => ({ __typename, id })) }]);
  });
});
