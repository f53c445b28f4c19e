import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { changeKeys } from '../../src/changes/redisChangeLog.js';
import { NO_CACHE_ENV } from '../support/gatewayHarness.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gatewayProcess.js';
import { redisAvailability, startRedisServer, type RedisServer } from '../support/redisServer.js';
import { multipartSubscribe, wsClient, wsSubscribe, type MultipartSubscriber, type Received, type Subscriber } from '../support/subscriptionClients.js';

// Issue 20 item 5, with every part real: two gateway replicas, each its own process started by
// the real entry point (src/index.ts), polling the emulators in the background every second,
// on one real redis-server (REQUIRE_REDIS=1 in CI). Changes are made in the emulators through
// their REST API (Guidebook) and control endpoint (Planstone); they must reach a graphql-ws
// subscriber on replica A and an HTTP multipart subscriber on replica B (Apollo Client's
// protocol and Accept header) exactly once. Then the polling replica is SIGKILLed, then Redis
// is restarted, then the log is pushed past its retention.
//
// Nothing here waits a fixed time: each step waits for a condition (an event arriving, the
// lease changing hands) with a generous deadline, and "exactly once" is asserted by order:
// every change is followed by another, and when that one has arrived, the changes before it
// must each have arrived once (a duplicate is recorded in order, so it would be in between).

const redisCheck = redisAvailability();

/** What Apollo Client 4's HttpLink sends with a subscription (BaseHttpLink + selectHttpOptionsAndBody). */
const APOLLO_CLIENT_ACCEPT = 'multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/graphql-response+json,application/json;q=0.9';
const PREFIX = 'e2e20:';
/** Small enough that the last test pushes the first events out; the tests before it record 6. */
const MAX_LENGTH = 8;
/** Every wait for something the replicas do in the background (a poll, a lease expiry) on a loaded 2-core CI machine. */
const DEADLINE_MS = 90_000;

const SUBSCRIPTION = `subscription Changed($filter: SessionFilter, $since: String) {
  sessionChanged(filter: $filter, since: $since) { token kind sessionId changedFields }
}`;
const CHANGES = `query C($since: String) { sessionChanges(since: $since, first: 500) { token changes { token kind sessionId changedFields } } }`;

interface Change {
  token: string;
  kind: string;
  sessionId: string;
  changedFields: string[];
}
/** A change as the test made it: which session, what changed. */
type Made = [sessionId: string, changedFields: string[]];
interface GraphQLAnswer<D> {
  data?: D | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

let dir: string;
let redis: RedisServer;
let emulators: EmulatorSet;
let a: GatewayProcess | undefined;
let b: GatewayProcess | undefined;
/** Replica A's lease id, read while A ran alone. */
let ownerA: string | null = null;
const disposers: Array<() => unknown> = [];
const keys = changeKeys(PREFIX);

let guidebookIds: number[];
let planstoneSessions: Array<{ _id: string; schedid: string }>;

const gbId = (id: number) => Buffer.from(`Session:guidebook:${id}`).toString('base64url');
const psId = (schedid: string) => Buffer.from(`Session:planstone:${schedid}`).toString('base64url');

async function post<D>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer<D>> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.body.json()) as GraphQLAnswer<D>;
}

async function sessionChanges(url: string, since?: string): Promise<{ token: string; changes: Change[] }> {
  const answer = await post<{ sessionChanges: { token: string; changes: Change[] } }>(url, CHANGES, since ? { since } : {});
  expect(answer.errors).toBeUndefined();
  return answer.data!.sessionChanges;
}

const guidebookHeaders = () => ({ authorization: `JWT ${emulators.env.GUIDEBOOK_API_KEY}`, 'content-type': 'application/json' });

/** Edits a Guidebook session through the emulator's REST API, as an organiser's tool would. */
async function patchGuidebook(id: number, body: Record<string, unknown>): Promise<void> {
  const response = await request(new URL(`sessions/${id}/`, emulators.env.GUIDEBOOK_API_URL), {
    method: 'PATCH',
    headers: guidebookHeaders(),
    body: JSON.stringify(body),
  });
  expect(response.statusCode).toBe(200);
  await response.body.dump();
}

/** Edits a Planstone session through the emulator's control endpoint (the feed's API is read-only). */
async function patchPlanstone(feedId: string, body: Record<string, unknown>): Promise<void> {
  const response = await request(`${emulators.planstone.origin}/__control/sessions/${feedId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.statusCode).toBe(200);
  await response.body.dump();
}

/** Runs `use` on a fresh connection to the test's redis-server (one that does not retry: it may be stopped). */
async function withRedis<T>(use: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await use(client);
  } finally {
    client.disconnect();
  }
}

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const leaseHolder = () => withRedis((client) => client.get(keys.lease)).catch(() => null);

/** The changes a subscriber received (an error result fails the test: none is expected of a live subscription). */
function received(subscriber: Subscriber): Change[] {
  return subscriber.results.map((result: Received) => {
    expect(result.errors).toBeUndefined();
    return (result.data as { sessionChanged: Change }).sessionChanged;
  });
}
const made = (changes: Change[]): Made[] => changes.map((c) => [c.sessionId, c.changedFields]);
const codes = (result: Received | undefined) => result?.errors?.map((e) => e.extensions?.code);

/** Waits until `subscriber` has received `count` changes. */
function arrived(subscriber: Subscriber, count: number, what: string): Promise<void> {
  return subscriber.until((s) => s.results.length >= count || s.completed || s.error !== undefined, what, DEADLINE_MS);
}

function replicaEnv(): Record<string, string> {
  const { PLANSTONE_CONFERENCES: _all, ...providers } = emulators.env;
  return {
    ...providers,
    ...NO_CACHE_ENV,
    NODE_ENV: 'test',
    ROUNDWARE_API_URL: 'off',
    GUIDEBOOK_QUOTA_PER_DAY: '0',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: PREFIX,
    CHANGE_POLL_INTERVAL_S: '1',
    // Long enough that a poll slowed down by a loaded machine does not lose it between renewals
    // (A must still hold it when it is killed); B takes it over within this after A dies.
    CHANGE_LEASE_TTL_S: '10',
    CHANGE_LOG_MAX_LENGTH: String(MAX_LENGTH),
  };
}

beforeAll(async () => {
  if (!redisCheck.available) return;
  dir = mkdtempSync(path.join(tmpdir(), 'e2e20-redis-'));
  redis = await startRedisServer({ dir }); // with an append-only file: a restart keeps the log
  emulators = await startEmulators();
  const list = (await (await request(new URL('sessions/?ordering=id', emulators.env.GUIDEBOOK_API_URL), { headers: guidebookHeaders() })).body.json()) as {
    results: Array<{ id: number }>;
  };
  guidebookIds = list.results.map((s) => s.id);
  const { env } = emulators;
  const where = JSON.stringify({ account: env.PLANSTONE_ACCOUNT, conference: env.PLANSTONE_CONFERENCE, schedid: { $ne: '' } });
  const feed = await request(`${env.PLANSTONE_API_URL}sessions?where=${encodeURIComponent(where)}&max_results=5`, {
    headers: { authorization: `Basic ${Buffer.from(`${env.PLANSTONE_API_TOKEN}:`).toString('base64')}` },
  });
  planstoneSessions = ((await feed.body.json()) as { _items: typeof planstoneSessions })._items.filter(
    (s) => typeof s.schedid === 'string' && s.schedid !== '',
  );

  // A first, alone: it takes the lease and commits the baseline of every scope (changes made
  // before that are part of the baseline, not events). Then B, which finds the lease held.
  a = await startGatewayProcess(replicaEnv());
  await waitFor(
    async () =>
      (await withRedis((client) => client.hkeys(keys.meta)).catch(() => [] as string[])).filter((k) => k === 'guidebook' || k.startsWith('planstone:'))
        .length === 2,
    'replica A’s baseline of Guidebook and Planstone',
  );
  ownerA = await leaseHolder();
  b = await startGatewayProcess(replicaEnv());
}, 240_000);

afterAll(async () => {
  for (const dispose of disposers) await dispose();
  await a?.kill('SIGKILL');
  await b?.kill('SIGKILL');
  await emulators?.close();
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

// Each test waits on background polls and a lease expiry: far more than the default 20 s on a loaded machine.
const suite = { ...redisCheck.suite, timeout: 4 * DEADLINE_MS };

describe('two replica processes on one redis-server: a change reaches a WebSocket subscriber on A and a multipart subscriber on B', suite, () => {
  /** Every change the test made, in order: what each subscriber (and the log) must hold, once each. */
  const expected: Made[] = [];
  let start: string;
  let clientA: ReturnType<typeof wsClient>;
  let wsOnA: Subscriber;
  let multipartOnB: MultipartSubscriber;
  let resumedOnB: Subscriber;
  let nothingOnB: Subscriber;

  it('a Planstone room move and a Guidebook time change, polled by A, reach the ws subscriber on A and the multipart subscriber on B once each, in order', async () => {
    expect(ownerA).toEqual(expect.any(String));
    start = (await sessionChanges(b!.url)).token;
    // Subscribed from a token, so what they receive does not depend on how soon they are set up.
    clientA = wsClient(a!.url);
    wsOnA = wsSubscribe(clientA, { query: SUBSCRIPTION, variables: { since: start } });
    multipartOnB = multipartSubscribe(b!.url, { query: SUBSCRIPTION, variables: { since: start } }, { accept: APOLLO_CLIENT_ACCEPT });
    const clientB = wsClient(b!.url);
    nothingOnB = wsSubscribe(clientB, { query: SUBSCRIPTION, variables: { since: start, filter: { importId: 'no-session-has-this-import-id' } } });
    disposers.push(
      () => wsOnA.dispose(),
      () => clientA.dispose(),
      () => multipartOnB.dispose(),
      () => nothingOnB.dispose(),
      () => clientB.dispose(),
    );

    const moved = planstoneSessions[0]!;
    await patchPlanstone(moved._id, { roomname: 'Hall Z (moved)', sched_roomname: 'Hall Z (moved)' });
    expected.push([psId(moved.schedid), ['LOCATION']]);
    await arrived(wsOnA, 1, 'the room move on A (graphql-ws)');
    await arrived(multipartOnB, 1, 'the room move on B (multipart)');

    // The next change is the barrier: once it has arrived, the first one must have arrived once.
    await patchGuidebook(guidebookIds[0]!, { start_time: '2018-01-23T16:45:00.000000+0000', end_time: '2018-01-23T18:15:00.000000+0000' });
    expected.push([gbId(guidebookIds[0]!), ['TIMES']]);
    await arrived(wsOnA, 2, 'the time change on A (graphql-ws)');
    await arrived(multipartOnB, 2, 'the time change on B (multipart)');
    expect(made(received(wsOnA))).toEqual(expected);
    expect(made(received(multipartOnB))).toEqual(expected);
    expect(received(multipartOnB).map((c) => c.token)).toEqual(received(wsOnA).map((c) => c.token));
    expect(multipartOnB.contentType).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
    // A still polls: B never took the lease.
    expect(await leaseHolder()).toBe(ownerA);
  });

  it('the polling replica is SIGKILLed: B takes the lease over once it expires, nothing is lost or doubled, and A’s subscriber resumes on B from its last token', async () => {
    expect(await leaseHolder()).toBe(ownerA);
    // A change made as A dies: A may or may not record it before it goes; either way once.
    await patchGuidebook(guidebookIds[1]!, { name: 'Renamed as replica A dies' });
    expected.push([gbId(guidebookIds[1]!), ['TITLE']]);
    await a!.kill('SIGKILL');
    await patchGuidebook(guidebookIds[2]!, { name: 'Renamed after replica A died' });
    expected.push([gbId(guidebookIds[2]!), ['TITLE']]);

    // The killed replica's WebSocket subscriber sees its connection close.
    await wsOnA.until((s) => s.error !== undefined, 'the WebSocket to A to close', DEADLINE_MS);
    expect(clientA.closes.length).toBeGreaterThan(0);
    expect(wsOnA.completed).toBe(false);

    // The lease, left to expire by the dead holder, is taken by B.
    await waitFor(async () => {
      const holder = await leaseHolder();
      return holder !== null && holder !== ownerA;
    }, 'replica B to take the lease over');

    await arrived(multipartOnB, 4, 'both renames on B (multipart)');
    expect(made(received(multipartOnB))).toEqual(expected);

    // A's subscriber reconnects, to the survivor, with the last token it saw: it gets the rest, once.
    const before = received(wsOnA);
    const clientB = wsClient(b!.url);
    resumedOnB = wsSubscribe(clientB, { query: SUBSCRIPTION, variables: { since: before.at(-1)!.token } });
    disposers.push(
      () => resumedOnB.dispose(),
      () => clientB.dispose(),
    );
    await arrived(resumedOnB, expected.length - before.length, 'the changes A’s subscriber missed, on B');
    expect(made([...before, ...received(resumedOnB)])).toEqual(expected);
    expect([...before, ...received(resumedOnB)].map((c) => c.token)).toEqual(received(multipartOnB).map((c) => c.token));
    expect(multipartOnB.error).toBeUndefined();
  });

  it('Redis restarted under open subscriptions: sessionChanges answers CHANGE_LOG_UNAVAILABLE meanwhile; then detection resumes, the next changes arrive once and nothing recorded is lost or doubled', async () => {
    const recorded = (await sessionChanges(b!.url, start)).changes;
    expect(made(recorded)).toEqual(expected);
    await redis.stop();

    // The change log cannot be read: a code of its own, a message that names no server.
    const down = await post<unknown>(b!.url, CHANGES, { since: start });
    expect(down.errors?.map((e) => e.extensions?.code)).toEqual(['CHANGE_LOG_UNAVAILABLE']);
    expect(down.errors![0]!.message).toMatch(/change log.*unavailable.*retry/i);
    expect(JSON.stringify(down)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|localhost|${redis.port}|ECONNREFUSED|redis://`, 'i'));
    // A subscription resumed meanwhile is told the same, on either transport, and ends.
    const resumeMultipart = multipartSubscribe(b!.url, { query: SUBSCRIPTION, variables: { since: start } }, { accept: APOLLO_CLIENT_ACCEPT });
    const resumeClient = wsClient(b!.url);
    const resumeWs = wsSubscribe(resumeClient, { query: SUBSCRIPTION, variables: { since: start } });
    disposers.push(
      () => resumeMultipart.dispose(),
      () => resumeClient.dispose(),
    );
    for (const subscriber of [resumeMultipart, resumeWs]) {
      await subscriber.until((s) => s.completed, 'the resume to be refused', DEADLINE_MS);
      expect(subscriber.results).toHaveLength(1);
      expect(codes(subscriber.results[0])).toEqual(['CHANGE_LOG_UNAVAILABLE']);
      expect(JSON.stringify(subscriber.results)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${redis.port}`));
    }
    // Reads of the schedule go on.
    const sessions = await post<{ sessions: { totalCount: number } }>(b!.url, '{ sessions(first: 1) { totalCount } }');
    expect(sessions.errors).toBeUndefined();
    expect(sessions.data!.sessions.totalCount).toBeGreaterThan(0);

    // A change made while Redis is away is found when detection resumes.
    await patchGuidebook(guidebookIds[3]!, { name: 'Renamed while Redis was away' });
    expected.push([gbId(guidebookIds[3]!), ['TITLE']]);
    redis = await startRedisServer({ port: redis.port, dir });
    await arrived(multipartOnB, expected.length, 'the change made while Redis was away (multipart)');
    await patchPlanstone(planstoneSessions[1]!._id, { roomname: 'Hall Y (after the restart)', sched_roomname: 'Hall Y (after the restart)' });
    expected.push([psId(planstoneSessions[1]!.schedid), ['LOCATION']]);
    await arrived(multipartOnB, expected.length, 'the change after the restart (multipart)');
    expect(made(received(multipartOnB))).toEqual(expected);
    await arrived(resumedOnB, expected.length - received(wsOnA).length, 'the same on the resumed WebSocket subscriber');
    expect(made([...received(wsOnA), ...received(resumedOnB)])).toEqual(expected);

    // The log: what was recorded before the restart kept, the new events after it, none twice.
    const after = await sessionChanges(b!.url, start);
    expect(after.changes.slice(0, recorded.length)).toEqual(recorded);
    expect(made(after.changes)).toEqual(expected);
    expect(after.changes.map((c) => c.token)).toEqual(received(multipartOnB).map((c) => c.token));
  });

  it('a filter that matches nothing delivered nothing, while the subscribers beside it on B got every change', async () => {
    expect(received(multipartOnB)).toHaveLength(expected.length);
    expect(nothingOnB.results).toEqual([]);
    expect(nothingOnB.error).toBeUndefined();
    expect(nothingOnB.completed).toBe(false);
  });

  it('a token past the retention answers SYNC_TOKEN_EXPIRED on the subscription resume as on the query', async () => {
    // Enough changes to push the first ones out of the log (CHANGE_LOG_MAX_LENGTH).
    const renamed = guidebookIds.slice(10, 10 + MAX_LENGTH - expected.length + 2);
    for (const [index, id] of renamed.entries()) await patchGuidebook(id, { name: `Past the retention ${index}` });
    expected.push(...renamed.map((id): Made => [gbId(id), ['TITLE']]));
    await arrived(multipartOnB, expected.length, 'the changes that push the first ones out');
    expect(made(received(multipartOnB)).slice(0, expected.length - renamed.length)).toEqual(expected.slice(0, expected.length - renamed.length));
    expect(
      new Set(
        made(received(multipartOnB))
          .slice(-renamed.length)
          .map(([id]) => id),
      ),
    ).toEqual(new Set(renamed.map(gbId)));

    const query = await post<unknown>(b!.url, CHANGES, { since: start });
    expect(query.errors?.map((e) => e.extensions?.code)).toEqual(['SYNC_TOKEN_EXPIRED']);
    const viaMultipart = multipartSubscribe(b!.url, { query: SUBSCRIPTION, variables: { since: start } }, { accept: APOLLO_CLIENT_ACCEPT });
    const client = wsClient(b!.url);
    const viaWs = wsSubscribe(client, { query: SUBSCRIPTION, variables: { since: start } });
    disposers.push(
      () => viaMultipart.dispose(),
      () => client.dispose(),
    );
    for (const subscriber of [viaMultipart, viaWs]) {
      await subscriber.until((s) => s.completed, 'the expired resume to end', DEADLINE_MS);
      expect(subscriber.results).toHaveLength(1);
      expect(codes(subscriber.results[0])).toEqual(['SYNC_TOKEN_EXPIRED']);
    }
    // A recent token still reads on, on both transports' replica.
    const last = received(multipartOnB).at(-1)!.token;
    expect((await sessionChanges(b!.url, last)).changes).toEqual([]);
  });
});
