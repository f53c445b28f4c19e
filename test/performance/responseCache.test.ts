import { ROUNDWARE_DEMO_TOKEN } from '@sessions-gateway/emulators/roundware';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { observeUpstreamCalls } from '../../src/upstream/observer.js';
import { getPath, sample } from '../operations/httpGet.js';
import { startHarness, type GraphQLResponse, type Harness, type HarnessOptions } from '../support/gatewayHarness.js';
import { captureLogLines } from '../support/logCapture.js';
import { redisAvailability, startRedisServer, type RedisServer } from '../support/redisServer.js';

// The whole-response cache's correctness (docs/response-cache.md), over the emulators with
// real loopback HTTP, once in process memory and once through a real redis-server: the same
// expectations must hold for both. Whether an answer came from the response cache shows in
// the upstream layer: a stored answer is sent without execution, so not even an upstream
// *cache* read happens; an executed one reads its upstream entries (hits or calls).

const redisCheck = redisAvailability();
let server: RedisServer | undefined;
let prefixCount = 0;

beforeAll(async () => {
  if (redisCheck.available) server = await startRedisServer();
}, 20_000);
afterAll(() => server?.stop());

type Kind = 'memory' | 'redis';
const KINDS: Kind[] = redisCheck.available ? ['memory', 'redis'] : ['memory'];

/** A fresh Redis key space per gateway group, so tests do not see each other's entries. */
const freshPrefix = () => `respcache-${process.pid}-${++prefixCount}:`;

function envFor(kind: Kind, prefix: string, env: Record<string, string> = {}): Record<string, string> {
  return kind === 'redis' ? { REDIS_URL: server!.url, REDIS_KEY_PREFIX: prefix, ...env } : env;
}

async function gateway(kind: Kind, options: HarnessOptions & { prefix?: string } = {}): Promise<Harness> {
  return startHarness({ ...options, env: envFor(kind, options.prefix ?? freshPrefix(), options.env) });
}

/** Upstream reads (cache answers and HTTP calls alike) made while `fn` runs. */
async function upstreamReads<T>(fn: () => Promise<T>): Promise<{ value: T; reads: number }> {
  let reads = 0;
  const stop = observeUpstreamCalls(() => (reads += 1));
  try {
    return { value: await fn(), reads };
  } finally {
    stop();
  }
}

const COUNT = (project: number) => `{ clientSessions(filter: { projectId: ${project} }) { totalCount } }`;
type CountData = { clientSessions: { totalCount: number } | null };
const countOf = (response: GraphQLResponse<CountData>) => response.data?.clientSessions?.totalCount;
const START = `mutation($input: StartClientSessionInput!) { startClientSession(input: $input) { clientSession { id } userErrors { code } } }`;

/** A Roundware session created at the provider directly: its data changes without a write through the gateway. */
async function createAtProvider(harness: Harness, project: number): Promise<void> {
  const response = await request(`${harness.emulators.roundware.baseUrl}sessions/`, {
    method: 'POST',
    headers: { authorization: `token ${ROUNDWARE_DEMO_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ project_id: project, timezone: '+0000' }),
  });
  expect(response.statusCode).toBe(200);
  await response.body.dump();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(KINDS)('response cache (%s)', (kind) => {
  it('a repeated operation is answered with the stored bytes, without execution', async () => {
    const harness = await gateway(kind);
    try {
      const first = await harness.query<CountData>(COUNT(1));
      expect(countOf(first)).toBeGreaterThan(0);
      const again = await upstreamReads(() => harness.query<CountData>(COUNT(1)));
      expect(again.value).toEqual(first);
      expect(again.reads).toBe(0);
    } finally {
      await harness.close();
    }
  });

  it('a refreshed upstream entry with new content is visible on the next read', async () => {
    const harness = await gateway(kind, { env: { ROUNDWARE_CACHE_TTL_MS: '1500', CACHE_STALE_GRACE_MS: '0' } });
    try {
      const before = countOf(await harness.query<CountData>(COUNT(1)))!;
      await createAtProvider(harness, 1);
      // Within the TTL both caches keep what they hold (the promise of a TTL) …
      expect(countOf(await harness.query<CountData>(COUNT(1)))).toBe(before);
      await sleep(1_700);
      // … and the first read after it sees the provider's new content.
      expect(countOf(await harness.query<CountData>(COUNT(1)))).toBe(before + 1);
    } finally {
      await harness.close();
    }
  });

  it('an upstream entry fetched anew with different content drops the answers built from the old one', async () => {
    // The upstream LRU (with Redis: the replica's local copies) keeps one entry, so a read of
    // anything else evicts it; with Redis the entry is also deleted there, as its eviction would.
    const env = { CACHE_MAX_ENTRIES: '1' };
    const prefix = freshPrefix();
    const harness = await gateway(kind, { prefix, env });
    const redis = kind === 'redis' ? new Redis(server!.url) : undefined;
    try {
      const before = countOf(await harness.query<CountData>(COUNT(1)))!;
      await createAtProvider(harness, 1);
      if (redis) {
        const keys = await redis.keys(`${prefix}cache:roundware:*sessions*project_id=1*`);
        expect(keys.length).toBeGreaterThan(0);
        await redis.del(...keys);
      }
      await harness.query(COUNT(2));
      // The stored answer is still there (nothing told it yet) …
      expect(countOf(await harness.query<CountData>(COUNT(1)))).toBe(before);
      // … until another operation reads the same upstream list and finds new content.
      const other = await harness.query<{ clientSessions: { totalCount: number; edges: unknown[] } }>(
        '{ clientSessions(first: 1, filter: { projectId: 1 }) { totalCount edges { node { id } } } }',
      );
      expect(other.data?.clientSessions.totalCount).toBe(before + 1);
      expect(countOf(await harness.query<CountData>(COUNT(1)))).toBe(before + 1);
    } finally {
      redis?.disconnect();
      await harness.close();
    }
  });

  it("a mutation's effect is visible at once to the caller that made it", async () => {
    const harness = await gateway(kind);
    try {
      const before = countOf(await harness.query<CountData>(COUNT(2)))!;
      expect((await upstreamReads(() => harness.query(COUNT(2)))).reads).toBe(0);
      const started = await harness.query<{ startClientSession: { userErrors: unknown[] } }>(START, { input: { projectId: 2, clientSystem: 'iOS' } });
      expect(started.errors).toBeUndefined();
      expect(started.data?.startClientSession.userErrors).toEqual([]);
      expect(countOf(await harness.query<CountData>(COUNT(2)))).toBe(before + 1);
    } finally {
      await harness.close();
    }
  });

  it('invalidateResponsesFor drops the answers built from the upstream entries named', async () => {
    const harness = await gateway(kind);
    try {
      await harness.query(COUNT(1));
      await harness.query(COUNT(3));
      expect((await upstreamReads(() => harness.query(COUNT(1)))).reads).toBe(0);
      // What change detection will call: every read of Roundware's session list.
      await harness.gateway.invalidateResponsesFor({ upstreamPrefixes: ['roundware:'] });
      expect((await upstreamReads(() => harness.query(COUNT(1)))).reads).toBeGreaterThan(0);
      expect((await upstreamReads(() => harness.query(COUNT(1)))).reads).toBe(0);
    } finally {
      await harness.close();
    }
  });

  it('a PRIVATE answer is never given to another caller; without access control the anonymous one is shared and stays private on the wire', async () => {
    const ATTENDEES = '{ attendees(first: 2) { edges { node { email } } } }';
    const open = await gateway(kind);
    const get = async (headers: Record<string, string> = {}) => {
      const response = await request(`${open.url}?${new URLSearchParams({ query: ATTENDEES }).toString()}`, {
        headers: { 'apollo-require-preflight': 'true', ...headers },
      });
      expect(response.statusCode).toBe(200);
      await response.body.dump();
      return String(response.headers['cache-control']);
    };
    try {
      // No access control, no credential: the one anonymous principal, whose PRIVATE answers are
      // kept for every such caller — and never publicly cacheable: `private` for a GET (executed
      // or stored), `no-store` for a POST.
      const executed = await upstreamReads(() => get());
      expect(executed.reads).toBeGreaterThan(0);
      expect(executed.value).toMatch(/^private, max-age=\d+$/);
      const stored = await upstreamReads(() => get());
      expect(stored.reads).toBe(0);
      expect(stored.value).toMatch(/^private, max-age=\d+$/);
      const post = await upstreamReads(() =>
        request(open.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ATTENDEES }) }),
      );
      expect(post.reads).toBe(0);
      expect(post.value.headers['cache-control']).toBe('no-store');
      expect(((await post.value.body.json()) as GraphQLResponse).errors).toBeUndefined();
      // A caller with credentials is a principal of its own: never the anonymous answer, nor another's.
      const alice = { authorization: 'Bearer alice' };
      expect((await upstreamReads(() => open.query(ATTENDEES, undefined, alice))).reads).toBeGreaterThan(0);
      expect((await upstreamReads(() => open.query(ATTENDEES, undefined, alice))).reads).toBe(0);
      expect((await upstreamReads(() => open.query(ATTENDEES, undefined, { authorization: 'Bearer bob' }))).reads).toBeGreaterThan(0);
      expect((await upstreamReads(() => open.query(ATTENDEES, undefined, { cookie: 'session=alice' }))).reads).toBeGreaterThan(0);
      expect((await upstreamReads(() => open.query(ATTENDEES, undefined, { cookie: 'session=bob' }))).reads).toBeGreaterThan(0);
      expect((await upstreamReads(() => open.query(ATTENDEES, undefined, { 'x-api-key': 'k' }))).reads).toBeGreaterThan(0);
    } finally {
      await open.close();
    }
    const guarded = await gateway(kind, { env: { GATEWAY_API_KEYS: 'key-one,key-two' } });
    try {
      const one = { 'x-api-key': 'key-one' };
      const two = { 'x-api-key': 'key-two' };
      const mine = await guarded.query(ATTENDEES, undefined, one);
      expect(mine.errors).toBeUndefined();
      expect((await upstreamReads(() => guarded.query(ATTENDEES, undefined, one))).reads).toBe(0);
      // Another key: executed for it, never the first caller's stored answer — PUBLIC data too.
      expect((await upstreamReads(() => guarded.query(ATTENDEES, undefined, two))).reads).toBeGreaterThan(0);
      await guarded.query(COUNT(1), undefined, one);
      expect((await upstreamReads(() => guarded.query(COUNT(1), undefined, two))).reads).toBeGreaterThan(0);
      // A bearer JWT-less key is the same caller as the same key sent as x-api-key.
      expect((await upstreamReads(() => guarded.query(COUNT(1), undefined, { authorization: 'Bearer key-one' }))).reads).toBe(0);
    } finally {
      await guarded.close();
    }
  });

  it('an answer with an error, or with partial data, is never kept', async () => {
    const harness = await gateway(kind, { env: { UPSTREAM_RETRY_MAX_ATTEMPTS: '1', UPSTREAM_BREAKER_FAILURE_THRESHOLD: '1000' } });
    const MIXED = `{ sessions(first: 2) { totalCount } clientSessions(filter: { projectId: 3 }) { totalCount } }`;
    try {
      harness.emulators.roundware.faults.add({ kind: 'status', status: 503, route: '/sessions/' });
      const partial = await harness.query<{ sessions: unknown; clientSessions: unknown }>(MIXED);
      expect(partial.data?.sessions).not.toBeNull();
      expect(partial.errors?.length).toBeGreaterThan(0);
      harness.emulators.roundware.faults.clear();
      harness.resetLogs();
      // Not kept: executed again, and this time it succeeds (the failed read was not cached either).
      const healed = await harness.query(MIXED);
      expect(healed.errors).toBeUndefined();
      expect(harness.emulators.roundware.log.count({ method: 'GET' })).toBeGreaterThan(0);
      // A refused operation (bad input) is never kept either.
      const bad = '{ clientSessions(first: -1) { totalCount } }';
      expect((await harness.query(bad)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await harness.query(bad)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      // The success is kept.
      expect((await upstreamReads(() => harness.query(MIXED))).reads).toBe(0);
    } finally {
      await harness.close();
    }
  });

  it('identical concurrent operations run once; their answers are the same bytes', async () => {
    // No upstream cache: each execution would read its providers, so one execution shows as one set of calls.
    const harness = await gateway(kind, { env: { GUIDEBOOK_CACHE_TTL_MS: '0', ROUNDWARE_CACHE_TTL_MS: '0', PLANSTONE_CACHE_TTL_MS: '0' } });
    const HOME = '{ sessions(first: 5) { totalCount edges { node { name tracks { name } } } } }';
    try {
      await harness.query(HOME);
      const one = harness.upstreamCalls().total;
      harness.resetLogs();
      // Slow providers, so that every request arrives while the first is still executing.
      for (const provider of ['guidebook', 'planstone'] as const) harness.emulators[provider].setLatency({ fixedMs: 300, jitterMs: 0 });
      // Apollo's request-level coalescing is not in play: each request is its own HTTP call.
      const answers = await Promise.all(Array.from({ length: 8 }, () => harness.query(HOME)));
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(answers[0]!.errors).toBeUndefined();
      expect(harness.upstreamCalls().total).toBe(one);
      const metrics = await (await request(harness.url.replace('/graphql', '/metrics'))).body.text();
      expect(metrics).toMatch(/gateway_response_cache_total\{outcome="shared"\} 7\b/);
    } finally {
      await harness.close();
    }
  });

  it('an operation answered from the cache is counted and logged as an operation (it never reaches Apollo Server)', async () => {
    const { destination, lines } = captureLogLines();
    const harness = await gateway(kind, { env: { LOG_LEVEL: 'info' }, gatewayOptions: { logDestination: destination } });
    const NAMED = 'query ProjectCount { clientSessions(filter: { projectId: 1 }) { totalCount } }';
    try {
      await harness.query(NAMED);
      expect((await upstreamReads(() => harness.query(NAMED, undefined, { 'x-request-id': 'hit-one' }))).reads).toBe(0);
      await harness.query(NAMED);
      const { text } = await getPath(harness.url, '/metrics');
      expect(sample(text, 'gateway_operations_total', { operation: 'ProjectCount', type: 'query', outcome: 'success' })).toBe(3);
      expect(sample(text, 'gateway_operation_duration_seconds_count', { operation: 'ProjectCount', type: 'query', outcome: 'success' })).toBe(3);
      expect(sample(text, 'gateway_response_cache_total', { outcome: 'hit' })).toBe(2);
      const finished = lines.filter((line) => line.msg === 'operation finished' && line.operation === 'ProjectCount');
      expect(finished).toHaveLength(3);
      expect(finished.filter((line) => line.responseCache === 'hit')).toHaveLength(2);
      expect(finished.find((line) => line.requestId === 'hit-one')).toMatchObject({ operationType: 'query', outcome: 'success', responseCache: 'hit' });
    } finally {
      await harness.close();
    }
  });

  it('RESPONSE_CACHE=false executes every operation', async () => {
    const harness = await gateway(kind, { env: { RESPONSE_CACHE: 'false' } });
    try {
      await harness.query(COUNT(1));
      expect((await upstreamReads(() => harness.query(COUNT(1)))).reads).toBeGreaterThan(0);
    } finally {
      await harness.close();
    }
  });
});

describe('response cache shared through Redis by two gateways', redisCheck.suite, () => {
  it("each sees the other's answers and invalidations", async () => {
    const prefix = freshPrefix();
    const a = await gateway('redis', { prefix });
    const b = await gateway('redis', { prefix, emulatorSet: a.emulators });
    let c: Harness | undefined;
    try {
      const before = countOf(await a.query<CountData>(COUNT(1)))!;
      // B is given A's stored answer: no execution at all.
      const fromA = await upstreamReads(() => b.query<CountData>(COUNT(1)));
      expect(countOf(fromA.value)).toBe(before);
      expect(fromA.reads).toBe(0);
      // A write through A: dropped in Redis before A answers it …
      const started = await a.query(START, { input: { projectId: 1, clientSystem: 'Android' } });
      expect(started.errors).toBeUndefined();
      expect(countOf(await a.query<CountData>(COUNT(1)))).toBe(before + 1);
      c = await gateway('redis', { prefix, emulatorSet: a.emulators });
      expect(countOf(await c.query<CountData>(COUNT(1)))).toBe(before + 1);
      // … and in B's local front by pub/sub (a message, not a request: B is polled until it has it).
      let seen: number | undefined;
      for (let i = 0; i < 50 && seen !== before + 1; i += 1) {
        seen = countOf(await b.query<CountData>(COUNT(1)));
        if (seen !== before + 1) await sleep(100);
      }
      expect(seen).toBe(before + 1);
    } finally {
      await c?.close();
      await b.close();
      await a.close();
    }
  });
});
