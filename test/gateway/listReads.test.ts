import type { LoggedRequest } from '@sessions-gateway/emulators/kit/requestLog.js';
import { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { SESSION_DETAIL_FIELDS, SESSION_LIST_FIELDS } from '../../src/datasources/planstone/mapper.js';
import { toGlobalId } from '../../src/ids/globalId.js';
import { createSchema } from '../../src/schema.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { captureLogLines } from '../support/logCapture.js';
import { dataOf } from '../support/paging.js';
import { planstoneDayPages, readProviderData, type ProviderData } from '../support/providerData.js';

// Planstone list reads: an operation that shows no session detail (description, credits,
// custom fields, ...) asks the feed for the fields lists show (Eve's `projection`), about
// two fifths of its bytes. Read from the emulator's request log with the shared cache off,
// so every operation reaches the feed.

const LIST_FIELDS = `id sourceId name startTime endTime allDay locations { name venue } importId sessionType published
  tracks { id name description } speakers { role sortOrder published title affiliation displayName }`;
const list = (extra = '') => `{ sessions(first: 40, filter: { sources: [PLANSTONE] }) { totalCount edges { node { ${LIST_FIELDS} ${extra} } } } }`;

type Node = Record<string, unknown>;
type ListData = { sessions: { totalCount: number; edges: Array<{ node: Node }> } };

const sessionCalls = (harness: Harness): LoggedRequest[] => harness.emulators.planstone.log.entries().filter((e) => e.route === '/sessions');
const projectionOf = (call: LoggedRequest) => new URL(call.url, 'http://feed').searchParams.get('projection');
const pagesOf = (data: ProviderData) => Math.ceil(data.planstone.sessions.length / 100);

/**
 * A gateway of its own (the refusal below changes its Planstone client for good), with the
 * cache off; its warnings are kept in `warnings`.
 */
function ownGateway(): { harness: Harness; data: ProviderData; warnings: Array<Record<string, unknown>> } {
  const { destination: logDestination, lines } = captureLogLines();
  const own = { warnings: lines } as unknown as { harness: Harness; data: ProviderData; warnings: Array<Record<string, unknown>> };
  beforeAll(async () => {
    own.harness = await startHarness({ env: { ...NO_CACHE_ENV, LOG_LEVEL: 'warn' }, gatewayOptions: { logDestination } });
    own.data = await readProviderData(own.harness);
  });
  afterAll(() => own.harness?.close());
  return own;
}

it('the detail fields are named as the GraphQL Session fields that show them (the operation is searched by those names)', () => {
  const session = createSchema().getType('Session');
  expect(session).toBeInstanceOf(GraphQLObjectType);
  const fields = (session as GraphQLObjectType).getFields();
  for (const name of SESSION_DETAIL_FIELDS) expect(fields[name], name).toBeDefined();
});

describe('Planstone list reads (cache off)', () => {
  const own = ownGateway();
  beforeEach(() => own.harness.resetLogs());

  it('ask the feed for the list fields only, and show what a read of whole sessions shows', async () => {
    const { harness, data } = own;
    const listed = dataOf(await harness.query<ListData>(list()));
    const listCalls = sessionCalls(harness);
    // The first 40 in start order: the feed's first day(s) (sorted by startDate), not all of it.
    expect(listCalls).toHaveLength(planstoneDayPages(data, 40));
    expect(listCalls.length).toBeLessThan(pagesOf(data));
    for (const call of listCalls) expect(Object.keys(JSON.parse(projectionOf(call) ?? '{}') as object).sort()).toStrictEqual([...SESSION_LIST_FIELDS].sort());

    harness.resetLogs();
    const whole = dataOf(await harness.query<ListData>(list('descriptionHtml')));
    expect(sessionCalls(harness)).toHaveLength(planstoneDayPages(data, 40));
    expect(sessionCalls(harness).map(projectionOf)).toStrictEqual(sessionCalls(harness).map(() => null));
    const withoutDescription = whole.sessions.edges.map(({ node: { descriptionHtml: _, ...rest } }) => rest);
    expect(listed.sessions.edges.map((e) => e.node)).toStrictEqual(withoutDescription);
    expect(listed.sessions.totalCount).toBe(whole.sessions.totalCount);
    expect(whole.sessions.edges.some((e) => typeof e.node.descriptionHtml === 'string')).toBe(true);
  });

  it('read whole sessions, once, when any selection of the operation shows a detail', async () => {
    const { harness, data } = own;
    const described = data.planstone.sessions.find(
      (s) => typeof (s as unknown as Node).description === 'string' && ((s as unknown as Node).description as string).trim() !== '',
    );
    expect(described).toBeDefined();
    const id = toGlobalId('Session', 'planstone', described!.schedid);
    const answer = dataOf(
      await harness.query<{ node: { descriptionHtml: string | null } }>(
        `query($id: ID!) { sessions(first: 5, filter: { sources: [PLANSTONE] }) { edges { node { name } } } node(id: $id) { ...Detail } }
         fragment Detail on Session { descriptionHtml }`,
        { id },
      ),
    );
    expect(answer.node.descriptionHtml).toBe(((described as unknown as Node).description as string).trim());
    // The list's first day (whole sessions), and the feed once, whole, for the node.
    expect(sessionCalls(harness)).toHaveLength(planstoneDayPages(data, 5) + pagesOf(data));
    expect(sessionCalls(harness).every((call) => projectionOf(call) === null)).toBe(true);
  });

  it("follow a speaker's and a track's sessions too", async () => {
    const { harness, data } = own;
    const engaged = data.planstone.sessions.find((s) => (s.speakers ?? []).length > 0 && (s.tracks ?? []).length > 0)!;
    const speakerId = toGlobalId('Speaker', 'planstone', engaged.speakers![0]!.pid);
    const trackId = toGlobalId('Track', 'planstone', engaged.tracks![0]!.track);
    const query = (extra: string) =>
      `query($s: ID!, $t: ID!) { s: node(id: $s) { ... on Speaker { sessions(first: 5) { edges { node { name ${extra} } } } } }
        t: node(id: $t) { ... on Track { sessions(first: 5) { edges { node { name } } } } } }`;
    dataOf(await harness.query(query(''), { s: speakerId, t: trackId }));
    expect(sessionCalls(harness).length).toBeGreaterThan(0);
    expect(sessionCalls(harness).every((call) => projectionOf(call) !== null)).toBe(true);

    harness.resetLogs();
    dataOf(await harness.query(query('learningObjectives'), { s: speakerId, t: trackId }));
    expect(sessionCalls(harness).length).toBeGreaterThan(0);
    expect(sessionCalls(harness).every((call) => projectionOf(call) === null)).toBe(true);
  });
});

describe('a feed that refuses projections (cache off)', () => {
  const own = ownGateway();

  it('is read whole from its first refusal on, with the same answers', async () => {
    const { harness, data } = own;
    const expected = dataOf(await harness.query<ListData>(list()));
    harness.resetLogs();
    // What Eve answers to a `projection` it cannot parse.
    const refusal = {
      kind: 'status' as const,
      status: 400,
      body: { _status: 'ERR', _error: { code: 400, message: 'The browser (or proxy) sent a request that this server could not understand.' } },
    };
    harness.emulators.planstone.faults.add({ ...refusal, route: '/sessions', queryParam: 'projection' });

    expect(dataOf(await harness.query<ListData>(list()))).toStrictEqual(expected);
    const refused = sessionCalls(harness).filter((call) => call.outcome === 400);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((call) => projectionOf(call) !== null)).toBe(true);
    expect(sessionCalls(harness).filter((call) => call.outcome === 200 && projectionOf(call) === null)).toHaveLength(planstoneDayPages(data, 40));

    harness.resetLogs();
    expect(dataOf(await harness.query<ListData>(list()))).toStrictEqual(expected);
    expect(sessionCalls(harness)).toHaveLength(planstoneDayPages(data, 40));
    expect(sessionCalls(harness).every((call) => projectionOf(call) === null && call.outcome === 200)).toBe(true);
    // Said once to the operators, however many pages were refused at the same time.
    const notices = own.warnings.filter((line) => line.provider === 'planstone' && String(line.msg).includes('refused a projection'));
    expect(notices).toHaveLength(1);
  });
});
