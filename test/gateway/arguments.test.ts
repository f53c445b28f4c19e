import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf } from '../support/paging.js';

// Paging arguments are validated the same way on every connection: a negative count, a
// count above 100, a malformed cursor or a cursor from another connection or filter is
// BAD_USER_INPUT — and such a request costs no upstream call.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness?.close());

const CONNECTIONS: Record<string, string> = {
  sessions: 'sessions',
  'sessions (one source)': 'sessions(filter: { sources: [PLANSTONE] })',
  tracks: 'tracks',
  attendees: 'attendees',
  personalizedSchedules: 'personalizedSchedules',
  clientSessions: 'clientSessions',
  speakers: 'speakers',
};

const doc = (field: string) =>
  `query($first: Int, $after: String, $last: Int, $before: String) { c: ${field.replace(/^(\w+)(\((.*)\))?$/, (_m, name: string, _p, inner?: string) => `${name}(first: $first, after: $after, last: $last, before: $before${inner ? `, ${inner}` : ''})`)} { totalCount edges { cursor } } }`;

async function expectBadInput(field: string, variables: Record<string, unknown>, argumentName: string): Promise<void> {
  harness.resetLogs();
  const response = await harness.query(doc(field), variables);
  expect(
    response.errors?.map((e) => e.extensions?.code),
    `${field} ${JSON.stringify(variables)}`,
  ).toEqual(['BAD_USER_INPUT']);
  expect(response.errors![0]!.extensions?.argumentName).toBe(argumentName);
  expect(response.data).toEqual({ c: null });
  expect(harness.upstreamCalls().total).toBe(0);
}

describe.each(Object.entries(CONNECTIONS))('%s', (_name, field) => {
  it('first/last negative or above 100 is BAD_USER_INPUT', async () => {
    await expectBadInput(field, { first: -1 }, 'first');
    await expectBadInput(field, { first: 101 }, 'first');
    await expectBadInput(field, { last: -5 }, 'last');
    await expectBadInput(field, { last: 101 }, 'last');
  });

  it('a malformed cursor is BAD_USER_INPUT', async () => {
    await expectBadInput(field, { first: 5, after: 'not a cursor' }, 'after');
    await expectBadInput(field, { last: 5, before: 'eyJ2IjoxfQ' }, 'before');
    await expectBadInput(field, { first: 5, after: '' }, 'after');
  });

  it('first: 100 is allowed', async () => {
    const { c } = dataOf(await harness.query<{ c: { totalCount: number; edges: unknown[] } }>(doc(field), { first: 100 }));
    expect(c.edges.length).toBe(Math.min(100, c.totalCount));
  });
});

describe('cursors belong to their connection and arguments', () => {
  it('a cursor from another connection is BAD_USER_INPUT', async () => {
    const { c } = dataOf(await harness.query<{ c: { edges: Array<{ cursor: string }> } }>(doc('tracks'), { first: 2 }));
    await expectBadInput('sessions', { first: 2, after: c.edges[0]!.cursor }, 'after');
    await expectBadInput('speakers', { first: 2, after: c.edges[0]!.cursor }, 'after');
  });

  it('a cursor issued for another filter or source set is BAD_USER_INPUT', async () => {
    const { c } = dataOf(await harness.query<{ c: { edges: Array<{ cursor: string }> } }>(doc('sessions(filter: { sources: [PLANSTONE] })'), { first: 2 }));
    await expectBadInput('sessions', { first: 2, after: c.edges[0]!.cursor }, 'after');
    await expectBadInput('sessions(filter: { sources: [GUIDEBOOK] })', { first: 2, after: c.edges[0]!.cursor }, 'after');
    const merged = dataOf(await harness.query<{ c: { edges: Array<{ cursor: string }> } }>(doc('sessions'), { first: 2 })).c.edges[1]!.cursor;
    await expectBadInput('sessions(orderBy: { field: END_TIME })', { first: 2, after: merged }, 'after');
  });

  it('nested connections validate too: Track.sessions with first: 101 is BAD_USER_INPUT on its path', async () => {
    const id = toGlobalId('Track', 'planstone', 'Leadership');
    const response = await harness.query(`query($id: ID!) { node(id: $id) { ... on Track { name sessions(first: 101) { totalCount } } } }`, { id });
    expect(response.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['BAD_USER_INPUT', ['node', 'sessions']]]);
  });
});
