import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../src/errors/index.js';
import { toGlobalId, type NodeType } from '../../src/ids/globalId.js';
import type { ProviderName } from '../../src/providers.js';
import { startHarness, type GraphQLResponse, type Harness } from '../support/gatewayHarness.js';

// Regression tests for hostile input that used to be a server error or reach a provider
// (issue 22, item 1). Each goes over real loopback HTTP to a gateway on the emulators.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness?.close());

/** POSTs a raw body (so JSON escapes such as `\udc00` arrive as sent); status and parsed answer. */
async function postRaw(body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: GraphQLResponse | GraphQLResponse[] }> {
  const response = await request(harness.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.statusCode, body: (await response.body.json()) as GraphQLResponse };
}

describe('bug: a lone surrogate in a string filter was a server error (Guidebook encodeURIComponent threw URIError)', () => {
  const CASES: Array<[field: string, argumentName: string]> = [
    ['tracks(filter: { importId: $s })', 'filter.importId'],
    ['sessions(filter: { importId: $s })', 'filter.importId'],
    ['attendees(filter: { email: $s })', 'filter.email'],
    ['attendees(filter: { importId: $s })', 'filter.importId'],
    ['personalizedSchedules(filter: { attendeeImportId: $s })', 'filter.attendeeImportId'],
    ['clientSessions(filter: { deviceId: $s })', 'filter.deviceId'],
    ['clientSessions(filter: { languageCode: $s })', 'filter.languageCode'],
  ];

  it.each(CASES)('%s is BAD_USER_INPUT naming %s, with no upstream call', async (field, argumentName) => {
    for (const lone of ['\\udc00', '\\ud800', 'abc\\ud83dxyz']) {
      harness.resetLogs();
      const { status, body } = await postRaw(`{"query":"query($s: String) { c: ${field} { totalCount } }","variables":{"s":"${lone}"}}`);
      const answer = body as GraphQLResponse;
      expect(
        answer.errors?.map((e) => e.extensions?.code),
        `${field} ${lone}`,
      ).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.extensions?.argumentName).toBe(argumentName);
      expect(answer.errors![0]!.message).toMatch(/lone UTF-16 surrogate \(U\+D[89A-F][0-9A-F]{2}\)/);
      // A request error under application/json: 200, as for variables that do not coerce.
      expect(status).toBe(200);
      expect(harness.upstreamCalls().total).toBe(0);
    }
  });

  it('in a list argument, the entry is named (speakers sourceIds)', async () => {
    harness.resetLogs();
    const { body } = await postRaw(
      '{"query":"query($ids: [String!]) { speakers(filter: { sourceIds: $ids }) { totalCount } }","variables":{"ids":["10024","\\udfff"]}}',
    );
    expect((body as GraphQLResponse).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.sourceIds[1]' });
    expect(harness.upstreamCalls().total).toBe(0);
  });

  it('an input object passed whole as a variable, and a mutation input, are checked too', async () => {
    const filtered = await postRaw('{"query":"query($f: TrackFilter) { tracks(filter: $f) { totalCount } }","variables":{"f":{"importId":"x\\udc00"}}}');
    expect((filtered.body as GraphQLResponse).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.importId' });
    const mutation = await postRaw(
      '{"query":"mutation($i: CreateTrackInput!) { createTrack(input: $i) { track { id } } }","variables":{"i":{"guideId":"R3VpZGU6Z3VpZGVib29rOjQy","name":"\\ud800"}}}',
    );
    expect((mutation.body as GraphQLResponse).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.name' });
  });

  it('well-formed text outside the BMP (a surrogate pair) still reaches the provider', async () => {
    harness.resetLogs();
    const { body } = await postRaw('{"query":"query($s: String) { tracks(filter: { importId: $s }) { totalCount } }","variables":{"s":"\\ud83d\\ude00"}}');
    expect((body as GraphQLResponse).errors).toBeUndefined();
    expect((body as GraphQLResponse).data).toEqual({ tracks: { totalCount: 0 } });
    expect(harness.upstreamCalls().guidebook).toBeGreaterThan(0);
  });
});

describe('bug: a subscription operation was INTERNAL_SERVER_ERROR ("Schema is not configured to execute subscription operation")', () => {
  it('sent as a plain JSON request, is SUBSCRIPTIONS_NOT_SUPPORTED with HTTP 400 naming the transports that serve it, under either response type', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const { status, body } = await postRaw('{"query":"subscription { sessionChanged { token } }"}', { accept });
      expect(status, accept).toBe(400);
      expect((body as GraphQLResponse).errors?.map((e) => e.extensions?.code)).toEqual(['SUBSCRIPTIONS_NOT_SUPPORTED']);
      expect((body as GraphQLResponse).errors?.[0]?.message).toMatch(/plain JSON request: subscribe over graphql-transport-ws .*multipart.*graphql-sse/);
    }
  });

  it('a named subscription chosen from a document with a query is refused the same way; the query still runs', async () => {
    const document = 'query Q { __typename } subscription S { sessionChanged { token } }';
    const refused = await postRaw(JSON.stringify({ query: document, operationName: 'S' }));
    expect((refused.body as GraphQLResponse).errors?.map((e) => e.extensions?.code)).toEqual(['SUBSCRIPTIONS_NOT_SUPPORTED']);
    const ran = await postRaw(JSON.stringify({ query: document, operationName: 'Q' }));
    expect((ran.body as GraphQLResponse).data).toEqual({ __typename: 'Query' });
  });
});

describe("bug: a subscription whose root field is under @include(if: $var) crashed graphql-js's SingleFieldSubscriptionsRule (HTTP 500; fuzz seed 22023)", () => {
  it('is GRAPHQL_VALIDATION_FAILED (HTTP 400; 200 under application/json, as every validation failure), with or without the variable', async () => {
    const query = 'subscription ($on: Boolean!) { ... on Subscription @include(if: $on) { sessionChanged { token } } }';
    for (const variables of [{}, { on: true }]) {
      const { status, body } = await postRaw(JSON.stringify({ query, variables }), { accept: 'application/graphql-response+json' });
      expect(status, JSON.stringify(variables)).toBe(400);
      expect((body as GraphQLResponse).errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });
});

describe('bug: non-canonical source ids (NaN, 1.5, 1e2) went upstream and came back NOT_FOUND', () => {
  // One rule per provider, checked when a global ID is decoded (src/ids/canonicalSourceId.ts).
  const NON_CANONICAL_INTEGER = ['NaN', '1.5', '1e2', '007', '+7', '-7', ' 7', '7 ', '0x1F', 'Infinity', '9007199254740993', '٣'];
  const NON_CANONICAL_PLANSTONE = ['NaN', '1.5', '1e2', '+10024', '-10024', ' 10024', '10024 ', 'abc'];
  const TYPES: Array<[type: NodeType, provider: ProviderName, bad: string[], good: string]> = [
    ['Session', 'guidebook', NON_CANONICAL_INTEGER, '12'],
    ['Track', 'guidebook', NON_CANONICAL_INTEGER, '3'],
    ['Guide', 'guidebook', NON_CANONICAL_INTEGER, '42'],
    ['Attendee', 'guidebook', NON_CANONICAL_INTEGER, '1'],
    ['PersonalizedSchedule', 'guidebook', NON_CANONICAL_INTEGER, '1'],
    ['ClientSession', 'roundware', NON_CANONICAL_INTEGER, '1'],
    ['Speaker', 'planstone', NON_CANONICAL_PLANSTONE, '10024'],
    ['Session', 'planstone', NON_CANONICAL_PLANSTONE, '21899'],
  ];

  it.each(TYPES)('node(id:) of a %s (%s): BAD_USER_INPUT naming `id`, with no upstream call', async (type, provider, bad) => {
    for (const sourceId of bad) {
      harness.resetLogs();
      const answer = await harness.query('query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId(type, provider, sourceId) });
      expect(
        answer.errors?.map((e) => [e.extensions?.code, e.extensions?.argumentName]),
        JSON.stringify(sourceId),
      ).toEqual([['BAD_USER_INPUT', 'id']]);
      expect(harness.upstreamCalls().total, JSON.stringify(sourceId)).toBe(0);
    }
  });

  it.each(TYPES)('the canonical form of a %s (%s) id still goes upstream', async (type, provider, _bad, good) => {
    harness.resetLogs();
    const answer = await harness.query<{ node: { id: string } | null }>('query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId(type, provider, good) });
    // Found, or NOT_FOUND from the provider: never refused as input.
    expect(answer.errors?.filter((e) => e.extensions?.code !== 'NOT_FOUND') ?? []).toEqual([]);
    if (answer.data?.node) expect(answer.data.node.id).toBe(toGlobalId(type, provider, good));
    expect(harness.upstreamCalls().total).toBeGreaterThan(0);
  });

  it('a leading-zero id used to find object 7 under the id "007"; now refused', async () => {
    const answer = await harness.query('{ node(id: "' + toGlobalId('Session', 'guidebook', '007') + '") { id } }');
    expect(answer.data).toEqual({ node: null });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('nodes(ids:) names the entry; session(id:), filters and mutation inputs use the same rule', async () => {
    harness.resetLogs();
    const nodes = await harness.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [toGlobalId('Speaker', 'planstone', '1e2'), toGlobalId('ClientSession', 'roundware', 'NaN')],
    });
    expect(nodes.errors?.map((e) => e.extensions?.argumentName).sort()).toEqual(['ids[0]', 'ids[1]']);
    const session = await harness.query('query($id: ID!) { session(id: $id) { id } }', { id: toGlobalId('Session', 'guidebook', '1.5') });
    expect(session.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id' });
    const tracks = await harness.query('query($g: ID) { tracks(filter: { guideId: $g }) { totalCount } }', { g: toGlobalId('Guide', 'guidebook', '1e2') });
    expect(tracks.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.guideId' });
    const speakers = await harness.query('query($p: [String!]) { speakers(filter: { sourceIds: $p }) { totalCount } }', { p: ['10024', 'NaN'] });
    expect(speakers.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.sourceIds[1]' });
    const mutation = await harness.query<{ deleteTrack: { userErrors: Array<{ field: string[] | string; code: string }> } }>(
      'mutation($id: ID!) { deleteTrack(input: { id: $id }) { userErrors { field code } } }',
      { id: toGlobalId('Track', 'guidebook', '1e2') },
    );
    expect(mutation.data?.deleteTrack.userErrors.map((e) => e.code)).toEqual(['BAD_USER_INPUT']);
    expect(harness.upstreamCalls().total).toBe(0);
  });
});

describe("bug: a GET over Node's 16 KB header limit got a bare 431 with an empty body", () => {
  // A long but valid query: `{ __typename }` padded with a comment-free alias list.
  const documentOfLength = (bytes: number) => {
    const head = 'query Long { __typename } # ';
    return head + 'x'.repeat(Math.max(0, bytes - head.length));
  };
  const getUrl = (document: string) => `${harness.url}?query=${encodeURIComponent(document)}`;

  it('past the header limit: 431 with a JSON URL_TOO_LONG saying to use POST or a persisted operation; the same document by POST works', async () => {
    const document = documentOfLength(20_000);
    const response = await request(getUrl(document));
    expect(response.statusCode).toBe(431);
    expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
    const body = (await response.body.json()) as GraphQLResponse;
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'URL_TOO_LONG', limit: 16_384 });
    expect(body.errors?.[0]?.message).toMatch(/by POST, or as a persisted operation/);
    const posted = await postRaw(JSON.stringify({ query: document }));
    expect(posted.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('under the header limit but over GRAPHQL_MAX_GET_URL_BYTES (8,192): 414 URL_TOO_LONG with limit and measured', async () => {
    harness.resetLogs();
    const url = getUrl(documentOfLength(9_000));
    const response = await request(url);
    expect(response.statusCode).toBe(414);
    const body = (await response.body.json()) as GraphQLResponse;
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'URL_TOO_LONG',
      limit: 8_192,
      measured: Buffer.byteLength(new URL(url).pathname + new URL(url).search),
    });
    expect(body.errors?.[0]?.message).toMatch(/by POST, or as a persisted operation/);
  });

  it('a GET within the limit still runs', async () => {
    const url = getUrl(documentOfLength(7_000));
    expect(Buffer.byteLength(new URL(url).pathname + new URL(url).search)).toBeLessThan(8_192);
    // (apollo-require-preflight: Apollo's CSRF prevention refuses a GET a browser could send unasked.)
    const response = await request(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await response.body.json()).toEqual({ data: { __typename: 'Query' } });
    expect(response.statusCode).toBe(200);
  });

  it('on a keep-alive connection that already served a request, the 431 is still answered (it was closed unanswered)', async () => {
    const oneConnection = new Agent({ connections: 1 });
    try {
      for (let round = 0; round < 3; round++) {
        const served = await request(harness.url, {
          dispatcher: oneConnection,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        });
        expect(await served.body.json()).toEqual({ data: { __typename: 'Query' } });
        const refused = await request(getUrl(documentOfLength(20_000)), { dispatcher: oneConnection });
        expect(refused.statusCode).toBe(431);
        expect(((await refused.body.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('URL_TOO_LONG');
      }
    } finally {
      await oneConnection.close();
    }
  });

  it('the server still answers other requests after a 431 (the connection, not the server, is closed)', async () => {
    await (await request(getUrl(documentOfLength(40_000)))).body.text();
    expect(await harness.query('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('bug: a batch with one non-object entry was refused whole ("POST body missing, invalid Content-Type, or JSON object has no keys")', () => {
  it('valid entries run; each malformed entry gets its own BAD_REQUEST error, in batch order; HTTP 200', async () => {
    const { status, body } = await postRaw(
      JSON.stringify([
        { query: '{ __typename }' },
        5,
        { query: 'query($n: Int) { tracks(first: $n) { edges { node { name } } } }', variables: { n: 1 } },
        null,
        [],
        {},
        { query: 7 },
        { query: '{ __typename }', variables: 'x' },
      ]),
    );
    expect(status).toBe(200);
    const answers = body as GraphQLResponse[];
    expect(answers).toHaveLength(8);
    expect(answers[0]).toEqual({ data: { __typename: 'Query' } });
    expect(answers[2]!.errors).toBeUndefined();
    expect((answers[2]!.data as { tracks: { edges: unknown[] } }).tracks.edges).toHaveLength(1);
    for (const [index, why] of [
      [1, /not a number/],
      [3, /not null/],
      [4, /not an array/],
      [5, /empty object/],
      [6, /`query` must be a string/],
      [7, /`variables` must be a JSON object/],
    ] as const) {
      expect(answers[index], `entry ${index}`).toEqual({
        errors: [{ message: expect.stringMatching(new RegExp(`^Batch entry ${index} is not a GraphQL operation: `)), extensions: { code: 'BAD_REQUEST' } }],
      });
      expect(answers[index]!.errors![0]!.message).toMatch(why);
    }
  });

  it('a client cannot forge a stand-in: an entry with empty extensions runs normally', async () => {
    const { body } = await postRaw(JSON.stringify([{ query: '{ __typename }', extensions: {} }, 1]));
    expect((body as GraphQLResponse[])[0]).toEqual({ data: { __typename: 'Query' } });
    expect((body as GraphQLResponse[])[1]!.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('a valid batch, and a non-object single body, are answered as before', async () => {
    const batch = await postRaw(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(batch).toEqual({ status: 200, body: [{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }] });
    const single = await postRaw('5');
    expect(single.status).toBe(400);
    expect((single.body as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('bug: codes the API sent but did not document (BAD_REQUEST, OPERATION_RESOLUTION_FAILURE, PERSISTED_QUERY_NOT_FOUND)', () => {
  it('each reaches the client over HTTP, and is one of ErrorCode', async () => {
    const cases: Array<[body: string, code: string, status: number]> = [
      ['{"query":"query A { __typename } query B { __typename }"}', 'OPERATION_RESOLUTION_FAILURE', 400],
      ['{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"' + '0'.repeat(64) + '"}}}', 'PERSISTED_QUERY_NOT_FOUND', 200],
      ['{"variables":{}}', 'BAD_REQUEST', 400],
      ['{"query":"{ nope }"}', 'GRAPHQL_VALIDATION_FAILED', 200],
      ['{"query":"{"}', 'GRAPHQL_PARSE_FAILED', 200],
    ];
    for (const [body, code, status] of cases) {
      const answer = await postRaw(body);
      expect(
        (answer.body as GraphQLResponse).errors?.map((e) => e.extensions?.code),
        body,
      ).toEqual([code]);
      expect(answer.status, body).toBe(status);
      expect(Object.values(ErrorCode)).toContain(code);
    }
  });
});
