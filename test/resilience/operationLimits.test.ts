import { parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createSchema } from '../../src/schema.js';
import { queryCost } from '../../src/server/limits/index.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';

// Operation limits with the default configuration: each rejection has its own code,
// HTTP status, `extensions.limit`/`measured`, and a message saying what to change; a
// refused operation costs the providers nothing. The README's example queries pass.

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ env: NO_CACHE_ENV });
});
afterAll(() => harness?.close());
beforeEach(() => harness.resetLogs());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await request(harness.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.statusCode,
    body: (await response.body.json()) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } & Record<string, unknown>,
  };
}

async function expectRefused(body: unknown, code: string, limit: number, status = 400) {
  const response = await post(body);
  expect(response.status).toBe(status);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  const error = response.body.errors![0]!;
  expect(error.extensions).toMatchObject({ code, limit });
  const measured = error.extensions!.measured as number;
  expect(measured).toBeGreaterThan(limit);
  // The message names both numbers, formatted for people.
  expect(error.message).toContain(limit.toLocaleString('en-US'));
  expect(error.message).toContain(measured.toLocaleString('en-US'));
  expect(JSON.stringify(response.body)).not.toMatch(/stack|\n\s+at /);
  expect(harness.upstreamCalls().total).toBe(0);
  return error;
}

const nest = (depth: number): string => {
  // attendees > edges > node > personalizedSchedules > edges > node > sessions > edges > node > tracks > name = 11 levels.
  const chain = ['attendees(first: 1)', 'edges', 'node', 'personalizedSchedules(first: 1)', 'edges', 'node', 'sessions(first: 1)', 'edges', 'node', 'tracks'];
  const fields = chain.slice(0, depth - 1);
  return `{ ${fields.map((field) => `${field} {`).join(' ')} ${depth - 1 >= chain.length ? 'name' : '__typename'} ${'}'.repeat(fields.length)} }`;
};

describe('shape limits (checked once the operation is resolved)', () => {
  it('QUERY_TOO_DEEP: 11 levels against the default 10', async () => {
    const error = await expectRefused({ query: nest(11) }, 'QUERY_TOO_DEEP', 10);
    expect(error.extensions!.measured).toBe(11);
    expect(error.message).toMatch(/levels deep/);
  });

  it('depth counts fragments as their fields, not as an extra level: 10 levels through two fragments pass', async () => {
    const query = `query { attendees(first: 1) { edges { node { ...A } } } }
      fragment A on Attendee { personalizedSchedules(first: 1) { edges { node { ...S } } } }
      fragment S on PersonalizedSchedule { sessions(first: 1) { edges { node { id } } } }`;
    const response = await post({ query });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('TOO_MANY_ALIASES: 31 aliases against 30', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: name`).join(' ');
    const error = await expectRefused({ query: `{ sessions(first: 1) { edges { node { ${aliases} } } } }` }, 'TOO_MANY_ALIASES', 30);
    expect(error.extensions!.measured).toBe(31);
  });

  it('TOO_MANY_ROOT_FIELDS: 11 root fields against 10', async () => {
    const fields = Array.from({ length: 11 }, (_, i) => `s${i}: sessions(first: 1) { totalCount }`).join(' ');
    const error = await expectRefused({ query: `{ ${fields} }` }, 'TOO_MANY_ROOT_FIELDS', 10);
    expect(error.extensions!.measured).toBe(11);
  });

  it('QUERY_TOO_COSTLY: nested connections multiply; with variables resolved', async () => {
    const query = `query Nested($outer: Int, $inner: Int) {
      speakers(first: $outer) { edges { node { sessions(first: $inner) { edges { node { id tracks { name } } } } } } }
    }`;
    // 1 + 100 × (edges 1 + node 1 + sessions (1 + 100 × (edges 1 + node 1 + tracks 1))) = 30,301
    const error = await expectRefused({ query, variables: { outer: 100, inner: 100 } }, 'QUERY_TOO_COSTLY', 25_000);
    expect(error.extensions!.measured).toBe(30_301);
    expect(error.message).toMatch(/page size/);
    // The same document with small pages is cheap, and runs.
    const cheap = await post({ query, variables: { outer: 2, inner: 2 } });
    expect(cheap.status).toBe(200);
    expect(cheap.body.errors).toBeUndefined();
  });

  it('QUERY_TOO_COSTLY counts an absent first/last as the default page size (20)', async () => {
    // Each alias: 1 + 20 × (edges 1 + node 1 + sessions (1 + 20 × 5) + attendees (1 + 20 × 2)) = 2,881.
    const schedules = `personalizedSchedules { edges { node {
      sessions { edges { node { tracks { name } speakers { speaker { displayName } } } } }
      attendees { edges { node { firstName } } } } } }`;
    const query = `{ ${Array.from({ length: 10 }, (_, i) => `s${i}: ${schedules}`).join(' ')} }`;
    const error = await expectRefused({ query }, 'QUERY_TOO_COSTLY', 25_000);
    expect(error.extensions!.measured).toBe(10 * 2_881);
  });

  it('the largest two-level page (100 × 100 items) fits the default budget', async () => {
    // 1 + 100 × (1 + 1 + (1 + 100 × 2)) = 20,301
    const response = await post({
      query: '{ personalizedSchedules(first: 100) { edges { node { sourceId sessions(first: 100) { totalCount edges { node { id name } } } } } } }',
    });
    expect(response.body.errors).toBeUndefined();
  });
});

describe('request limits (checked before Apollo Server parses anything)', () => {
  it('TOO_MANY_TOKENS: a 3,000-token cap', async () => {
    const error = await expectRefused({ query: `{ sessions(first: 1) { edges { node { ${'name '.repeat(3_000)} } } } }` }, 'TOO_MANY_TOKENS', 3_000);
    // 3,000 field names plus the 16 tokens around them.
    expect(error.extensions!.measured).toBe(3_000 + 16);
  });

  it('BATCH_TOO_LARGE: 11 operations in one request against 10', async () => {
    const error = await expectRefused(
      Array.from({ length: 11 }, () => ({ query: '{ __typename }' })),
      'BATCH_TOO_LARGE',
      10,
    );
    expect(error.extensions!.measured).toBe(11);
  });

  it('REQUEST_TOO_LARGE: a body over 100 kB is a 413', async () => {
    const padding = 'x'.repeat(110_000);
    const error = await expectRefused({ query: '{ __typename }', variables: { padding } }, 'REQUEST_TOO_LARGE', 102_400, 413);
    expect(error.message).toMatch(/bytes/);
  });

  it('a batch within the limit runs, each operation with its own errors', async () => {
    harness.emulators.planstone.faults.add({ kind: 'status', status: 401 });
    try {
      const response = await post([
        { query: '{ sessions(first: 2) { edges { node { source } } } }' },
        { query: '{ clientSessions(first: 2) { totalCount } }' },
      ]);
      expect(response.status).toBe(200);
      const [first, second] = response.body as unknown as Array<{ data: Record<string, unknown>; errors?: Array<{ extensions: Record<string, unknown> }> }>;
      expect(first!.errors!.map((e) => e.extensions.provider)).toEqual(['planstone']);
      // The second operation shares the HTTP request, not the first one's partial failures.
      expect(second!.errors).toBeUndefined();
      expect(second!.data.clientSessions).toMatchObject({ totalCount: expect.any(Number) });
    } finally {
      harness.emulators.planstone.faults.clear();
    }
  });
});

describe('what stays allowed', () => {
  it("the README's example queries pass every limit", async () => {
    const examples = [
      `query HomeSchedule($after: String) { sessions(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id source name startTime endTime allDay locations { name venue } tracks { name color } speakers(publishedOnly: true) { role speaker { displayName company } } } } } }`,
      `{ sessions(first: 5, filter: { sources: [PLANSTONE], published: true }, orderBy: { field: START_TIME, direction: DESC }) { edges { node { name startTime sessionType credits { label value } customFields { name value } detailsUrl } } }
         tracks(first: 3) { edges { node { id name source sessions(first: 2) { totalCount edges { node { name } } } } } } }`,
      `{ personalizedSchedules(first: 2) { edges { node { name guide { name timeZone } attendees(first: 3) { edges { node { firstName lastName email status } } } sessions(first: 5) { totalCount edges { node { name startTime } } } } } }
         attendees(first: 3, filter: { revoked: false }, orderBy: [{ field: LAST_NAME }]) { edges { node { firstName lastName profile { company position } personalizedSchedules(first: 3) { totalCount } } } } }`,
      `{ speakers(first: 3, filter: { published: true }) { edges { node { id displayName company sessions(first: 3) { edges { node { name } } } } } }
         clientSessions(last: 3, filter: { projectId: 1, geoListenEnabled: true }) { totalCount edges { node { id clientSystem startTime languageId } } } }`,
    ];
    for (const query of examples) {
      const response = await post({ query });
      expect(response.status, query).toBe(200);
      expect(response.body.errors, query).toBeUndefined();
    }
  });

  it('introspection is not counted against depth (outside production it is allowed)', async () => {
    const response = await post({
      query: '{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } }',
    });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });
});

describe('queryCost (the model, exactly)', () => {
  const schema = createSchema();
  const cost = (source: string, variables: Record<string, unknown> = {}) => {
    const document = parse(source);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    const fragments = Object.fromEntries(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
    );
    return queryCost({ schema, operation, fragments, variables });
  };

  it('objects cost 1, scalars 0; a connection multiplies its edges (not pageInfo or totalCount)', () => {
    // sessions 1 + pageInfo 1 + 3 × (edges 1 + node 1 + tracks 1) = 11
    expect(cost('{ sessions(first: 3) { totalCount pageInfo { hasNextPage } edges { node { id name tracks { name } } } } }')).toBe(11);
  });

  it('an absent first/last counts as 20; last counts like first; variables are used', () => {
    expect(cost('{ sessions { edges { node { id } } } }')).toBe(1 + 20 * 2);
    expect(cost('{ sessions(last: 4) { edges { node { id } } } }')).toBe(1 + 4 * 2);
    expect(cost('query ($n: Int) { sessions(first: $n) { edges { node { id } } } }', { n: 7 })).toBe(1 + 7 * 2);
  });

  it('nested connections multiply', () => {
    expect(cost('{ speakers(first: 10) { edges { node { sessions(first: 5) { edges { node { id } } } } } } }')).toBe(1 + 10 * (1 + 1 + (1 + 5 * 2)));
  });

  it('@skip/@include are honoured, fragments counted once per spread, nodes(ids:) multiplies by the ids', () => {
    expect(cost('query ($s: Boolean!) { sessions(first: 5) @skip(if: $s) { edges { node { id } } } }', { s: true })).toBe(0);
    expect(cost('{ sessions(first: 2) { ...C } } fragment C on SessionConnection { edges { node { id } } }')).toBe(1 + 2 * 2);
    expect(cost('{ nodes(ids: ["a", "b", "c"]) { id ... on Session { tracks { name } } } }')).toBe(3 * (1 + 1));
  });
});
