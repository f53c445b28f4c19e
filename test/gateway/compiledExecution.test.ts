import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { createSchema } from '../../src/schema.js';
import { CompiledExecution } from '../../src/server/execution/compiledExecution.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { readProviderData, type ProviderData } from '../support/providerData.js';

// graphql-jit executes repeated operations in service; graphql-js the first ones and
// whatever graphql-jit would answer differently. A client must not be able to tell which
// ran: the same operations through a gateway with graphql-jit off and one that compiles
// everything on first use give the same status and body, errors and partial results
// included.

let emulators: EmulatorSet;
let graphqlJs: Harness;
let compiled: Harness;
let data: ProviderData;

beforeAll(async () => {
  emulators = await startEmulators();
  // No shared cache: both gateways read the providers as they are at each operation.
  graphqlJs = await startHarness({ emulatorSet: emulators, env: { ...NO_CACHE_ENV, GRAPHQL_JIT: 'false' } });
  compiled = await startHarness({ emulatorSet: emulators, env: { ...NO_CACHE_ENV, GRAPHQL_JIT_AFTER: '0' } });
  data = await readProviderData(graphqlJs);
});
afterAll(async () => {
  await Promise.all([graphqlJs?.close(), compiled?.close()]);
  await emulators?.close();
});

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ path?: unknown[] }> };
}

async function post(harness: Harness, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await request(harness.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.body.json()) as Answer['body'];
  // Errors of parallel fields arrive in the order their upstream answers do, with either executor.
  body.errors?.sort((a, b) => JSON.stringify(a.path ?? []).localeCompare(JSON.stringify(b.path ?? [])));
  return { status: response.statusCode, body };
}

async function expectSameAnswers(query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const expected = await post(graphqlJs, query, variables);
  // Twice: the first compiles, the second reuses the compiled operation.
  for (let i = 0; i < 2; i += 1) expect(await post(compiled, query, variables)).toEqual(expected);
  return expected;
}

const SESSION_FIELDS = `id source sourceId name descriptionHtml startTime endTime allDay
  tracks { id name color } locations { name venue sourceId }
  speakers { role speaker { id sourceId displayName } }`;

describe('graphql-jit answers as graphql-js does', () => {
  it('the merged sessions with tracks and speakers, and a second page', async () => {
    const first = await expectSameAnswers(
      `{ sessions(first: 30) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${SESSION_FIELDS} } } } }`,
    );
    expect(first.body.errors).toBeUndefined();
    const { endCursor } = (first.body.data as { sessions: { pageInfo: { endCursor: string } } }).sessions.pageInfo;
    await expectSameAnswers(`query($after: String) { sessions(first: 30, after: $after) { edges { node { id name startTime } } } }`, { after: endCursor });
  });

  it('an attendee’s schedules with their sessions, and client sessions of a project', async () => {
    const attendee = data.guidebook.schedules.find((s) => s.attendees.length > 0)!.attendees[0]!;
    await expectSameAnswers(
      `query($a: ID!) { personalizedSchedules(first: 20, filter: { attendeeId: $a }) { totalCount edges { node { id name sessions(first: 100) { totalCount edges { node { id name startTime endTime } } } } } } }`,
      { a: toGlobalId('Attendee', 'guidebook', String(attendee)) },
    );
    await expectSameAnswers(
      `query($p: Int!) { clientSessions(first: 50, filter: { projectId: $p }) { totalCount edges { node { id sourceId deviceId clientType startTime stopTime } } } }`,
      {
        p: data.roundware.sessions[0]!.project_id,
      },
    );
  });

  it('fragments, aliases, @skip/@include, __typename and abstract types', async () => {
    const ids = [
      toGlobalId('Session', 'guidebook', String(data.guidebook.sessions[3]!.id)),
      toGlobalId('Track', 'guidebook', String(data.guidebook.tracks[2]!.id)),
    ];
    await expectSameAnswers(
      `query($ids: [ID!]!, $withName: Boolean!, $skipId: Boolean!) {
        first: sessions(first: 3) { ...Page }
        again: sessions(first: 2) { edges { node { id @skip(if: $skipId) name @include(if: $withName) } } }
        nodes(ids: $ids) { __typename id ... on Session { name } ... on Track { name } }
      }
      fragment Page on SessionConnection { totalCount edges { node { __typename id ... on Session { name } } } }`,
      { ids, withName: true, skipId: true },
    );
  });

  it('list entries that fail alone, a bad ID, and an unknown operation name', async () => {
    const found = toGlobalId('Session', 'guidebook', String(data.guidebook.sessions[0]!.id));
    const answer = await expectSameAnswers(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [found, toGlobalId('Session', 'guidebook', '999999'), found, toGlobalId('Speaker', 'planstone', '1'), found],
    });
    expect((answer.body.data as { nodes: unknown[] }).nodes).toHaveLength(5);
    expect(answer.body.errors).toHaveLength(2);
    await expectSameAnswers(`{ node(id: "not-an-id") { id } }`);
    const response = await request(compiled.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', operationName: 'Missing' }),
    });
    expect(response.statusCode).toBe(400);
    await response.body.dump();
  });

  it('variables that do not coerce: graphql-js’s wording, and no data', async () => {
    const answer = await expectSameAnswers(`query($n: Int) { sessions(first: $n) { totalCount } }`, { n: 'many' });
    expect(answer.body).toEqual({ errors: [expect.objectContaining({ message: expect.stringMatching(/^Variable "\$n" got invalid value "many"/) })] });
    await expectSameAnswers(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [null] });
  });

  it('a provider failing: the same partial result and errors', async () => {
    emulators.planstone.faults.add({ kind: 'status', status: 404 });
    try {
      const answer = await expectSameAnswers(`{ sessions(first: 10) { totalCount edges { node { id source name } } } }`);
      expect(answer.body.errors?.length).toBeGreaterThan(0);
    } finally {
      emulators.planstone.faults.clear();
    }
  });

  it('mutations, serially, with their errors', async () => {
    const missing = toGlobalId('Track', 'guidebook', '999999');
    await expectSameAnswers(
      `mutation($a: UpdateTrackInput!, $b: DeleteTrackInput!) { a: updateTrack(input: $a) { track { id } userErrors { field code } } b: deleteTrack(input: $b) { deletedTrackId userErrors { field code } } }`,
      { a: { id: missing, name: 'x' }, b: { id: missing } },
    );
  });
});

describe('CompiledExecution', () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = createSchema();
  });

  const run = (execution: CompiledExecution, document: DocumentNode, request: { operationName?: string; variables?: Record<string, unknown> } = {}) =>
    execution.execute({
      document,
      operation: document.definitions.find((d) => d.kind === 'OperationDefinition' && (!request.operationName || d.name?.value === request.operationName)),
      request,
      context: {},
    } as unknown as Parameters<CompiledExecution['execute']>[0]);

  it('compiles a document once it has been executed `compileAfter` times, then reuses it', async () => {
    const execution = new CompiledExecution(schema, 2);
    const document = parse('{ __typename }');
    for (const expected of [0, 0, 1, 1]) {
      expect(await run(execution, document)).toEqual({ data: { __typename: 'Query' } });
      expect(execution.compiledCount).toBe(expected);
    }
  });

  it('never compiles a document parsed anew each time (one-off operations, evicted documents)', async () => {
    const execution = new CompiledExecution(schema, 1);
    for (let i = 0; i < 3; i += 1) await run(execution, parse('{ __typename }'));
    expect(execution.compiledCount).toBe(0);
  });

  it('compiles each named operation of a document on its own', async () => {
    const execution = new CompiledExecution(schema, 0);
    const document = parse('query A { __typename } query B { t: __typename }');
    expect(await run(execution, document, { operationName: 'A' })).toEqual({ data: { __typename: 'Query' } });
    expect(await run(execution, document, { operationName: 'B' })).toEqual({ data: { t: 'Query' } });
    expect(await run(execution, document, { operationName: 'A' })).toEqual({ data: { __typename: 'Query' } });
    expect(execution.compiledCount).toBe(2);
  });
});
