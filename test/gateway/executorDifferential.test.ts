import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFormatError, UserInputError } from '../../src/errors/index.js';
import { CompiledExecution } from '../../src/server/execution/compiledExecution.js';
import { oneErrorPerNullPlugin } from '../../src/server/plugins/oneErrorPerNull.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { captureLogLines } from '../support/logCapture.js';

// One error path, whatever the executor (issue 17, item 2). The bug this pins: under
// graphql-jit (every repeat of an operation in service) a resolver's plain `Error` reached
// the client as Apollo's fallback `{"message":"Internal server error"}` with no `path`, and
// was never logged: graphql-jit's errors have `extensions: undefined`, and Apollo's error
// enrichment threw on them before formatError could run. graphql-js masked, logged and
// located the same error. Here every operation is answered by graphql-js and by graphql-jit
// and the two answers must be equal, byte for byte once parsed: data, errors, codes, paths.

type Body = { data?: unknown; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };

describe('deliberately failing resolvers: graphql-js and graphql-jit give the same masked errors', () => {
  const thrown: Error[] = [];
  const fail = (message: string): Error => {
    const error = new Error(message);
    thrown.push(error);
    return error;
  };
  const typeDefs = `
    scalar Odd
    scalar Coded
    type Item { id: ID! name: String! bad: String! soft: String later: String! }
    type Query {
      boom: String
      reject: String
      notAnError: String
      nonNull: String!
      nested: Item
      items: [Item!]
      itemsAsync: [Item!]
      softItems: [Item]
      entries: [String]
      strictEntries: [String!]
      odd: Odd
      codedOdd: Coded
      oddUndefined: Odd
      int: Int
      bareGraphQLError: String
      userInput: String
      notAList: [String]
      fine: String
    }`;
  const resolvers = {
    Odd: new GraphQLScalarType({
      name: 'Odd',
      serialize(value) {
        if (value === 'bad') throw fail('serialize failed');
        return undefined;
      },
    }),
    Coded: new GraphQLScalarType({
      name: 'Coded',
      serialize() {
        throw new UserInputError('A Coded value the client asked for cannot be shown.');
      },
    }),
    Query: {
      codedOdd: () => 'x',
      boom: () => {
        throw fail('boom');
      },
      reject: async () => {
        throw fail('rejected');
      },
      notAnError: () => {
        throw 'a string';
      },
      nonNull: () => null,
      nested: () => ({ id: '1', name: null }),
      items: () => [
        { id: '1', name: 'a' },
        { id: '2', name: null },
        { id: '3', name: null },
      ],
      itemsAsync: async () => [
        { id: '1', name: 'a' },
        { id: '2', name: 'b' },
      ],
      softItems: () => [
        { id: '1', name: 'a' },
        { id: '2', name: null },
      ],
      entries: () => ['a', fail('entry'), Promise.reject(fail('entry rejected')), 'd'],
      strictEntries: () => ['a', null, 'c'],
      odd: () => 'bad',
      oddUndefined: () => 'x',
      int: () => 1.5,
      bareGraphQLError: () => {
        throw new GraphQLError('a GraphQLError without a code');
      },
      userInput: () => {
        throw new UserInputError('`first` must be at least 0.', 'first');
      },
      notAList: () => 'scalar',
      fine: () => 'fine',
    },
    Item: {
      bad: () => {
        throw fail('item failed');
      },
      soft: async () => {
        throw fail('soft failed');
      },
      later: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        throw fail('later failed');
      },
    },
  };
  const schema = makeExecutableSchema({ typeDefs, resolvers });
  const OPERATIONS = [
    '{ boom fine }',
    '{ reject fine }',
    '{ notAnError }',
    '{ nonNull fine }',
    '{ nested { id name } fine }',
    '{ items { id name } fine }',
    '{ items { id bad } }',
    '{ items { soft bad } }',
    '{ itemsAsync { id later soft } }',
    '{ softItems { id name } }',
    '{ entries }',
    '{ strictEntries }',
    '{ odd oddUndefined int }',
    '{ codedOdd }',
    '{ bareGraphQLError userInput }',
    '{ notAList }',
    'query Everything { b: boom r: reject nested { name } items { bad } entries odd fine }',
  ];

  const masked: unknown[] = [];
  const servers: Record<'graphqlJs' | 'graphqlJit', ApolloServer> = {} as never;
  beforeAll(async () => {
    const options = {
      formatError: createFormatError({ onMaskedError: (error) => masked.push(error), requestId: () => 'req-17' }),
      includeStacktraceInErrorResponses: false,
      plugins: [oneErrorPerNullPlugin()],
    };
    servers.graphqlJs = new ApolloServer({ schema, ...options });
    servers.graphqlJit = new ApolloServer({ gateway: new CompiledExecution(schema, 0), ...options });
    await Promise.all(Object.values(servers).map((server) => server.start()));
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  });

  async function answer(server: ApolloServer, query: string): Promise<{ body: Body; masked: unknown[]; thrown: Error[] }> {
    masked.length = 0;
    thrown.length = 0;
    const response = await server.executeOperation({ query });
    // graphql-js answers without waiting for the rest of a list it nulled: let those fail here, not in the next run.
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    // Through JSON, as a client reads it.
    return { body: JSON.parse(JSON.stringify(response.body.singleResult)) as Body, masked: [...masked], thrown: [...thrown] };
  }

  it.each(OPERATIONS)('%s', async (query) => {
    const expected = await answer(servers.graphqlJs, query);
    expect(expected.body.errors?.length).toBeGreaterThan(0);
    for (const error of expected.body.errors ?? []) {
      expect(error.path).toBeDefined();
      if (error.extensions?.code === 'INTERNAL_SERVER_ERROR')
        expect(error).toEqual({
          message: 'Internal server error.',
          locations: expect.any(Array),
          path: error.path,
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-17' },
        });
    }
    // The first graphql-jit run compiles, the next ones reuse the compiled operation.
    for (let run = 0; run < 3; run += 1) {
      const actual = await answer(servers.graphqlJit, query);
      expect(actual.body).toEqual(expected.body);
      // Every masked error was reported (logged) once, as an Error with its stack; each
      // Error a resolver or scalar threw is reported as itself, once.
      expect(actual.masked.length).toBeGreaterThanOrEqual(expected.body.errors!.filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR').length);
      expect(new Set(actual.masked).size).toBe(actual.masked.length);
      for (const error of actual.masked) expect(error).toBeInstanceOf(Error);
      for (const error of actual.masked) expect((error as Error).stack).toEqual(expect.any(String));
      for (const error of actual.thrown) expect(actual.masked.filter((reported) => reported === error)).toHaveLength(1);
      // What graphql-js logs, graphql-jit logs too, in graphql-js's words.
      expect(actual.masked.map((error) => (error as Error).message)).toEqual(expect.arrayContaining(expected.masked.map((error) => (error as Error).message)));
    }
  });

  it('a plain Error from a resolver: masked, with its path and request id, and reported as itself (regression: no path, never logged)', async () => {
    const { body, masked: reported, thrown: raised } = await answer(servers.graphqlJit, '{ boom fine }');
    expect(body).toEqual({
      data: { boom: null, fine: 'fine' },
      errors: [
        {
          message: 'Internal server error.',
          locations: [{ line: 1, column: 3 }],
          path: ['boom'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-17' },
        },
      ],
    });
    expect(reported).toEqual(raised);
    expect(reported).toHaveLength(1);
  });

  it('a thrown value that is not an Error is reported as graphql-js words it', async () => {
    const [js, jit] = [await answer(servers.graphqlJs, '{ notAnError }'), await answer(servers.graphqlJit, '{ notAnError }')];
    expect((jit.masked[0] as Error).message).toBe('Unexpected error value: "a string"');
    expect((jit.masked[0] as Error).message).toBe((js.masked[0] as Error).message);
  });
});

describe('a failing provider through the real gateway: one masked error, logged once, counted', () => {
  let emulators: EmulatorSet;
  const gateways: Record<'graphqlJs' | 'graphqlJit', { harness: Harness; logs: Array<Record<string, unknown>> }> = {} as never;
  beforeAll(async () => {
    emulators = await startEmulators();
    for (const [name, env] of [
      ['graphqlJs', { GRAPHQL_JIT: 'false' }],
      ['graphqlJit', { GRAPHQL_JIT_AFTER: '0' }],
    ] as const) {
      const capture = captureLogLines();
      const harness = await startHarness({
        emulatorSet: emulators,
        env: { ...NO_CACHE_ENV, ...env, LOG_LEVEL: 'error' },
        gatewayOptions: { logDestination: capture.destination, logError: undefined },
      });
      gateways[name] = { harness, logs: capture.lines };
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(gateways).map(({ harness }) => harness?.close()));
    await emulators?.close();
  });

  async function maskedCount(harness: Harness): Promise<number> {
    const response = await request(new URL('/metrics', harness.url), { method: 'GET' });
    const text = await response.body.text();
    return Number(/^gateway_masked_errors_total (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
  }

  it('an attendee whose email the EmailAddress scalar cannot serialize', async () => {
    // The provider's own page, with one email it should never have sent.
    const env = emulators.env;
    const page = await request(new URL('attendees/', env.GUIDEBOOK_API_URL), {
      headers: { authorization: `JWT ${env.GUIDEBOOK_API_KEY}`, accept: 'application/json' },
    });
    const body = (await page.body.json()) as { results: Array<{ email: string }> };
    body.results[0]!.email = 'not an email address';
    emulators.guidebook.faults.add({ kind: 'status', status: 200, body, route: '/attendees/' });
    try {
      const query = '{ attendees(first: 3) { edges { node { id email } } } tracks(first: 1) { totalCount } }';
      const answers: Record<string, Body[]> = {};
      for (const [name, { harness, logs }] of Object.entries(gateways)) {
        const before = await maskedCount(harness);
        answers[name] = [];
        logs.length = 0;
        // Four runs: graphql-js answers the first one even where graphql-jit is on.
        for (let run = 0; run < 4; run += 1) {
          const response = await request(harness.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-request-id': `req-${run}` },
            body: JSON.stringify({ query }),
          });
          const answer = (await response.body.json()) as Body;
          expect(response.statusCode, name).toBe(200);
          expect(answer.errors, name).toEqual([
            {
              message: 'Internal server error.',
              locations: [{ line: 1, column: 43 }],
              path: ['attendees', 'edges', 0, 'node', 'email'],
              extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: `req-${run}` },
            },
          ]);
          answers[name]!.push(answer);
        }
        const logged = logs.filter((line) => line.msg === 'unexpected error (masked for the client)');
        expect(
          logged.map((line) => line.requestId),
          name,
        ).toEqual(['req-0', 'req-1', 'req-2', 'req-3']);
        for (const line of logged) expect((line.err as { stack?: string }).stack, name).toMatch(/EmailAddress/);
        expect((await maskedCount(harness)) - before, name).toBe(4);
      }
      expect(answers.graphqlJit).toEqual(answers.graphqlJs);
    } finally {
      emulators.guidebook.faults.clear();
    }
  });
});

// Every operation the suite sends through the harness, recorded with
// `RECORD_OPERATIONS=/tmp/ops.jsonl npx vitest run test/gateway test/mutations
// test/resilience/operationLimits.test.ts test/resilience/circuitBreaker.test.ts test/resilience/faultMatrix.test.ts`
// and kept once each, in order: `awk '!seen[$0]++' /tmp/ops.jsonl > test/fixtures/executorCorpus.jsonl`.
// Re-record when tests add operations (operations sent with undici directly are not in it).
const CORPUS = readFileSync(new URL('../fixtures/executorCorpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { query: string; variables?: Record<string, unknown> });

/** Where two answers part, with a little context, for a readable failure. */
function difference(label: string, expected: unknown, actual: unknown): string | null {
  const [a, b] = [JSON.stringify(expected), JSON.stringify(actual)];
  if (a === b) return null;
  let i = 0;
  while (a[i] === b[i]) i += 1;
  return `${label}\n  graphql-js:  …${a.slice(Math.max(0, i - 200), i + 200)}\n  graphql-jit: …${b.slice(Math.max(0, i - 200), i + 200)}`;
}

type Answer = { status: number; body: unknown };

async function post(harness: Harness, operation: { query: string; variables?: Record<string, unknown> }, id: string): Promise<Answer> {
  const response = await request(harness.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': id },
    body: JSON.stringify(operation),
  });
  return { status: response.statusCode, body: await response.body.json() };
}

// Deterministic on both sides: no quota pacing (it depends on the clock) and no retries.
const DETERMINISTIC_ENV = {
  QUOTA_PACING: 'false',
  GUIDEBOOK_QUOTA_PER_DAY: '0',
  UPSTREAM_RETRY_MAX_ATTEMPTS: '1',
  UPSTREAM_BREAKER_FAILURE_THRESHOLD: '1000000',
};

describe('every operation the suite sends, under both executors', () => {
  // One set of emulators each (same seeds), so the corpus's mutations change both alike.
  // Cached answers live longer than the test, so both sides hit and miss at the same
  // operations (writes invalidate alike); a cache hit answers as a miss would.
  const sides: Array<{ emulators: EmulatorSet; harness: Harness }> = [];
  const LONG_CACHE_ENV = { GUIDEBOOK_CACHE_TTL_MS: '3600000', ROUNDWARE_CACHE_TTL_MS: '3600000', PLANSTONE_CACHE_TTL_MS: '3600000' };
  beforeAll(async () => {
    for (const env of [{ GRAPHQL_JIT: 'false' }, { GRAPHQL_JIT_AFTER: '0' }] as Array<Record<string, string>>) {
      const emulators = await startEmulators();
      sides.push({ emulators, harness: await startHarness({ emulatorSet: emulators, env: { ...LONG_CACHE_ENV, ...DETERMINISTIC_ENV, ...env } }) });
    }
  }, 60_000);
  afterAll(async () => {
    for (const { emulators, harness } of sides) {
      await harness?.close();
      await emulators?.close();
    }
  });

  it(`${CORPUS.length} recorded operations: reads, writes, partial failures, limits and bad input`, { timeout: 900_000 }, async () => {
    expect(CORPUS.length).toBeGreaterThan(500);
    const [graphqlJs, graphqlJit] = sides as [(typeof sides)[0], (typeof sides)[0]];
    const differences: string[] = [];
    let failed = 0;
    // The providers stamp writes with their own clock (a client session's startTime, a
    // publish request's acceptedAt): the two sides' writes happen a few milliseconds apart.
    // Those instants, and only those (between the test's start and now), are compared as such.
    const started = Date.now();
    const clockStamped = (answer: unknown): unknown =>
      JSON.parse(
        JSON.stringify(answer).replace(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)"/g, (text, instant: string) =>
          Date.parse(instant) >= started && Date.parse(instant) <= Date.now() ? '"<stamped during the test>"' : text,
        ),
      );
    for (const [index, operation] of CORPUS.entries()) {
      const [expected, actual] = (
        await Promise.all([post(graphqlJs.harness, operation, `op-${index}`), post(graphqlJit.harness, operation, `op-${index}`)])
      ).map(clockStamped) as [Answer, Answer];
      if ((expected.body as Body).errors) failed += 1;
      const found = difference(`#${index} ${operation.query.slice(0, 160)}`, expected, actual);
      if (found) differences.push(found);
    }
    expect(differences).toEqual([]);
    // The corpus does hold failures (bad input, limits, missing ids), not only successes.
    expect(failed).toBeGreaterThan(50);
  });
});

describe('the suite’s reads while a provider fails, under both executors', () => {
  let emulators: EmulatorSet;
  const harnesses: Harness[] = [];
  beforeAll(async () => {
    emulators = await startEmulators();
    // No shared cache: every read meets the fault.
    for (const env of [{ GRAPHQL_JIT: 'false' }, { GRAPHQL_JIT_AFTER: '0' }] as Array<Record<string, string>>) {
      harnesses.push(await startHarness({ emulatorSet: emulators, env: { ...NO_CACHE_ENV, ...DETERMINISTIC_ENV, ...env } }));
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(harnesses.map((harness) => harness.close()));
    await emulators?.close();
  });

  it('partial results and their errors are the same', { timeout: 600_000 }, async () => {
    const reads = CORPUS.filter((operation) => !/^\s*mutation\b/.test(operation.query)).filter((_, index) => index % 25 === 0);
    const faults = [
      { provider: 'planstone', fault: { kind: 'status', status: 404 } },
      { provider: 'guidebook', fault: { kind: 'status', status: 500 } },
      { provider: 'roundware', fault: { kind: 'malformed-json' } },
      { provider: 'guidebook', fault: { kind: 'wrong-shape' } },
    ] as const;
    const differences: string[] = [];
    let failed = 0;
    for (const { provider, fault } of faults) {
      emulators[provider].faults.add(fault);
      try {
        for (const [index, operation] of reads.entries()) {
          const expected = await post(harnesses[0]!, operation, `fault-${index}`);
          const actual = await post(harnesses[1]!, operation, `fault-${index}`);
          if ((expected.body as Body).errors) failed += 1;
          const found = difference(`${provider} ${fault.kind} ${operation.query.slice(0, 160)}`, expected, actual);
          if (found) differences.push(found);
        }
      } finally {
        emulators[provider].faults.clear();
      }
    }
    expect(differences).toEqual([]);
    // The faults did reach the answers.
    expect(failed).toBeGreaterThan(reads.length);
  });
});
