import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      expect(answer.errors?.map((e) => e.extensions?.code), `${field} ${lone}`).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.extensions?.argumentName).toBe(argumentName);
      expect(answer.errors![0]!.message).toMatch(/lone UTF-16 surrogate \(U\+D[89A-F][0-9A-F]{2}\)/);
      // A request error under application/json: 200, as for variables that do not coerce.
      expect(status).toBe(200);
      expect(harness.upstreamCalls().total).toBe(0);
    }
  });

  it('in a list argument, the entry is named (speakers sourceIds)', async () => {
    harness.resetLogs();
    const { body } = await postRaw('{"query":"query($ids: [String!]) { speakers(filter: { sourceIds: $ids }) { totalCount } }","variables":{"ids":["10024","\\udfff"]}}');
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
  it('is SUBSCRIPTIONS_NOT_SUPPORTED with HTTP 400, under either response type', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const { status, body } = await postRaw('{"query":"subscription { __typename }"}', { accept });
      expect(status, accept).toBe(400);
      expect((body as GraphQLResponse).errors?.map((e) => e.extensions?.code)).toEqual(['SUBSCRIPTIONS_NOT_SUPPORTED']);
      expect((body as GraphQLResponse).errors?.[0]?.message).toMatch(/serves no subscriptions/);
    }
  });

  it('a named subscription chosen from a document with a query is refused the same way; the query still runs', async () => {
    const document = 'query Q { __typename } subscription S { __typename }';
    const refused = await postRaw(JSON.stringify({ query: document, operationName: 'S' }));
    expect((refused.body as GraphQLResponse).errors?.map((e) => e.extensions?.code)).toEqual(['SUBSCRIPTIONS_NOT_SUPPORTED']);
    const ran = await postRaw(JSON.stringify({ query: document, operationName: 'Q' }));
    expect((ran.body as GraphQLResponse).data).toEqual({ __typename: 'Query' });
  });
});
