import { buildSubgraph } from '@apollo/federation-internals';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Trace } from '@apollo/usage-reporting-protobuf';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import { composeServices } from '@theguild/federation-composition';
import { execute, parse, type ExecutionResult } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ENTITY_TYPES } from '../../src/federation/index.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';

// The gateway as an Apollo Federation v2 subgraph (FEDERATION=true), next to a second
// small subgraph that extends Session. The two are composed into a supergraph with
// @theguild/federation-composition (what Hive Gateway composes with), and queries run
// through that supergraph with @graphql-tools/federation's executor, which plans and sends
// the subgraph fetches over HTTP as a router would.

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

async function post<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
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

  it('answers a router’s request for a federated trace (ftv1) with every resolved field in it', async () => {
    const query = '{ sessions(first: 2) { edges { node { id name } } } }';
    // Asked for without a trace first, as most of a subgraph's traffic is; then with one, twice.
    expect((await post(sessions.url, query)).errors).toBeUndefined();
    for (let i = 0; i < 2; i += 1) {
      const response = await request(sessions.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-federation-include-trace': 'ftv1' },
        body: JSON.stringify({ query }),
      });
      const body = (await response.body.json()) as { extensions?: { ftv1?: string } };
      expect(typeof body.extensions?.ftv1).toBe('string');
      const trace = Trace.decode(Buffer.from(body.extensions!.ftv1!, 'base64'));
      const fields = (node: Trace.INode | null | undefined): string[] =>
        (node?.child ?? []).flatMap((child) => [child.responseName ?? String(child.index), ...fields(child)]);
      expect(fields(trace.root)).toEqual(expect.arrayContaining(['sessions', 'edges', 'node', 'id', 'name']));
    }
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
      {
        r: [
          { __typename: 'Session', id: speakerAsSession },
          { __typename: 'Session', id: missing },
        ],
      },
    );
    expect(data!._entities).toEqual([null, null]);
    expect(errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('composes with a subgraph that extends Session, and resolves the entity through the composed graph', async () => {
    const { data: service } = await post<{ _service: { sdl: string } }>(sessions.url, '{ _service { sdl } }');
    const composed = composeServices([
      { name: 'sessions', typeDefs: parse(service!._service.sdl), url: sessions.url },
      { name: 'reviews', typeDefs: parse(REVIEWS_SDL), url: reviews.url },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    const supergraphSdl = (composed as { supergraphSdl: string }).supergraphSdl;
    expect(supergraphSdl).toMatch(/join__graph\(name: "reviews"/);
    const supergraph = getStitchedSchemaFromSupergraphSdl({ supergraphSdl });

    reviewRequests = [];
    // Starts in the sessions subgraph, then joins the reviews subgraph's Session fields.
    const result = (await execute({
      schema: supergraph,
      document: parse('{ sessions(first: 3) { edges { node { id name source rating reviewCount } } } }'),
    })) as ExecutionResult<{ sessions: { edges: Array<{ node: { id: string; name: string; source: string; rating: number; reviewCount: number } }> } }>;
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.sessions.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(3);
    for (const session of nodes) {
      expect(session.name.length).toBeGreaterThan(0);
      expect(['GUIDEBOOK', 'PLANSTONE']).toContain(session.source);
      expect(session.reviewCount).toBe(session.id.length);
      expect(session.rating).toBe((session.id.length % 5) + 0.5);
    }
    // One batched _entities fetch to the reviews subgraph, keyed by our global IDs.
    expect(reviewRequests).toHaveLength(1);
    expect(reviewRequests[0]!.representations.map((r) => r.id)).toEqual(nodes.map((n) => n.id));
  });
});
