import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/projectRoot.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { changeOf, planstoneSession } from '../support/sessionChanges.js';
import { multipartSubscribe, sseSubscribe, wsClient, wsSubscribe, type Subscriber } from '../support/subscriptionClients.js';

// Subscriptions follow the rules of every other operation: client access control, operation
// limits, trusted documents; they have limits of their own (per connection, per replica),
// heartbeats, and a clean end on stop() that tells clients to reconnect.

const SUBSCRIPTION = 'subscription { sessionChanged { token kind sessionId } }';
const KEY = 'subscriber-key';
const codesOf = (errors: unknown) => (errors as Array<{ extensions?: { code?: string } }> | undefined)?.map((e) => e.extensions?.code);

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let guarded: Harness;
beforeAll(async () => {
  guarded = await startHarness({
    env: {
      GATEWAY_API_KEYS: KEY,
      SUBSCRIPTIONS_MAX_PER_CONNECTION: '2',
      SUBSCRIPTIONS_MAX: '3',
      SUBSCRIPTIONS_HEARTBEAT_MS: '100',
      GRAPHQL_MAX_DEPTH: '3',
    },
  });
});
afterAll(async () => {
  await guarded?.close();
});

describe('client access control', () => {
  it('graphql-ws: a connection without a key, or with a wrong one, is closed with 4403 UNAUTHENTICATED; a key in connection_init (x-api-key or Authorization) is accepted', async () => {
    for (const params of [undefined, { 'x-api-key': 'wrong' }, { authorization: 'Bearer wrong' }]) {
      const client = wsClient(guarded.url, params);
      const refused = wsSubscribe(client, { query: SUBSCRIPTION });
      await refused.until((s) => s.error !== undefined, 'the refusal');
      expect((refused.error as { code: number }).code, JSON.stringify(params)).toBe(4403);
      expect((refused.error as { reason: string }).reason).toMatch(/^UNAUTHENTICATED/);
      await client.dispose();
    }
    for (const params of [{ 'x-api-key': KEY }, { Authorization: `Bearer ${KEY}` }, { headers: { 'x-api-key': KEY } }]) {
      const client = wsClient(guarded.url, params);
      const ran = wsSubscribe(client, { query: '{ __typename }' });
      await ran.until((s) => s.completed, JSON.stringify(params));
      expect(ran.results).toEqual([{ data: { __typename: 'Query' } }]);
      await client.dispose();
    }
  });

  it('multipart and SSE: no key is 401 UNAUTHENTICATED before any stream; the key in a header opens one', async () => {
    const multipart = multipartSubscribe(guarded.url, { query: SUBSCRIPTION });
    await multipart.until((s) => s.completed);
    expect(multipart.status).toBe(401);
    expect(codesOf((multipart.refusal as { errors: unknown }).errors)).toEqual(['UNAUTHENTICATED']);
    const sse = sseSubscribe(guarded.url, { query: SUBSCRIPTION });
    await sse.until((s) => s.error !== undefined);
    expect((sse.error as { response?: { status: number } }).response?.status).toBe(401);

    const allowed = multipartSubscribe(guarded.url, { query: SUBSCRIPTION }, { 'x-api-key': KEY });
    const allowedSse = sseSubscribe(guarded.url, { query: SUBSCRIPTION }, { authorization: `Bearer ${KEY}` });
    await until(() => guarded.gateway.subscriptions().open === 2, 'two streams');
    await guarded.gateway.changeLog.append([changeOf(null, planstoneSession('401'))]);
    await allowed.until((s) => s.results.length === 1);
    await allowedSse.until((s) => s.results.length === 1);
    allowed.dispose();
    allowedSse.dispose();
    await until(() => guarded.gateway.subscriptions().open === 0, 'the streams to close');
  });
});

describe('limits', () => {
  it('a third subscription on one connection is TOO_MANY_SUBSCRIPTIONS (limit 2); a fourth on the gateway is 429 over multipart and SSE (limit 3)', async () => {
    const client = wsClient(guarded.url, { 'x-api-key': KEY });
    const held = [wsSubscribe(client, { query: SUBSCRIPTION }), wsSubscribe(client, { query: SUBSCRIPTION })];
    const third = wsSubscribe(client, { query: SUBSCRIPTION });
    await third.until((s) => s.error !== undefined);
    expect(codesOf(third.error)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    expect((third.error as Array<{ extensions: Record<string, unknown> }>)[0]!.extensions).toMatchObject({ limit: 2, measured: 2 });
    const stream = multipartSubscribe(guarded.url, { query: SUBSCRIPTION }, { 'x-api-key': KEY });
    await until(() => guarded.gateway.subscriptions().open === 3, 'three open');
    const over = multipartSubscribe(guarded.url, { query: SUBSCRIPTION }, { 'x-api-key': KEY });
    await over.until((s) => s.completed);
    expect(over.status).toBe(429);
    expect(codesOf((over.refusal as { errors: unknown }).errors)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    const overSse = sseSubscribe(guarded.url, { query: SUBSCRIPTION }, { 'x-api-key': KEY });
    await overSse.until((s) => s.error !== undefined);
    expect((overSse.error as { response?: { status: number } }).response?.status).toBe(429);
    // One ends: its slot is free again.
    held[0]!.dispose();
    await until(() => guarded.gateway.subscriptions().open === 2, 'a slot back');
    const fits = multipartSubscribe(guarded.url, { query: SUBSCRIPTION }, { 'x-api-key': KEY });
    await until(() => guarded.gateway.subscriptions().open === 3, 'the slot taken');
    for (const subscriber of [...held, stream, fits]) subscriber.dispose();
    await client.dispose();
    await until(() => guarded.gateway.subscriptions().open === 0, 'all closed');
  });

  it('the operation limits apply as for queries: QUERY_TOO_DEEP over graphql-ws (an error message) and multipart (HTTP 400), nothing opened', async () => {
    const deep = 'subscription { sessionChanged { session { speakers { speaker { displayName } } } } }';
    const client = wsClient(guarded.url, { 'x-api-key': KEY });
    const ws = wsSubscribe(client, { query: deep });
    await ws.until((s) => s.error !== undefined);
    expect(codesOf(ws.error)).toEqual(['QUERY_TOO_DEEP']);
    const multipart = multipartSubscribe(guarded.url, { query: deep }, { 'x-api-key': KEY });
    await multipart.until((s) => s.completed);
    expect(multipart.status).toBe(400);
    expect(codesOf((multipart.refusal as { errors: unknown }).errors)).toEqual(['QUERY_TOO_DEEP']);
    // A validation error over graphql-ws keeps its code through the masking boundary.
    const invalid = wsSubscribe(client, { query: 'subscription { sessionChanged { nope } }' });
    await invalid.until((s) => s.error !== undefined);
    expect(codesOf(invalid.error)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    // graphql-js's SingleFieldSubscriptionsRule throws on this one; it is a validation error all the same.
    const conditional = wsSubscribe(client, {
      query: 'subscription ($on: Boolean!) { ... on Subscription @include(if: $on) { sessionChanged { token } } }',
      variables: { on: true },
    });
    await conditional.until((s) => s.error !== undefined);
    expect(codesOf(conditional.error)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(guarded.gateway.subscriptions().open).toBe(0);
    await client.dispose();
  });

  it('multipart streams carry `{}` heartbeats while idle', async () => {
    const idle = multipartSubscribe(guarded.url, { query: SUBSCRIPTION }, { 'x-api-key': KEY });
    await idle.until(() => idle.parts.filter((part) => JSON.stringify(part) === '{}').length >= 3, 'three heartbeats');
    expect(idle.results).toEqual([]);
    idle.dispose();
    await until(() => guarded.gateway.subscriptions().open === 0, 'closed');
  });
});

describe('trusted documents (PERSISTED_OPERATIONS_ONLY=true) over graphql-ws', () => {
  it('refuses a bare document with PERSISTED_OPERATION_REQUIRED and an unknown id with PERSISTED_OPERATION_NOT_FOUND; runs a manifest operation by documentId', async () => {
    const only = await startHarness({ env: { PERSISTED_OPERATIONS_ONLY: 'true' }, emulatorSet: guarded.emulators });
    const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'examples', 'generated', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    const [homeId] = Object.entries(manifest).find(([, document]) => document.includes('query HomeSchedule'))!;
    const client = wsClient(only.url);
    try {
      const bare = wsSubscribe(client, { query: SUBSCRIPTION });
      await bare.until((s) => s.error !== undefined);
      expect(codesOf(bare.error)).toEqual(['PERSISTED_OPERATION_REQUIRED']);
      const unknown = wsSubscribe(client, { query: '', documentId: 'sha256:0000' } as never);
      await unknown.until((s) => s.error !== undefined);
      expect(codesOf(unknown.error)).toEqual(['PERSISTED_OPERATION_NOT_FOUND']);
      const known = wsSubscribe(client, { query: '', documentId: homeId, variables: { first: 2 } } as never);
      await known.until((s) => s.completed);
      expect(known.results[0]!.errors).toBeUndefined();
      expect((known.results[0]!.data as { sessions: { edges: unknown[] } }).sessions.edges).toHaveLength(2);
    } finally {
      await client.dispose();
      await only.close();
    }
  });
});

describe('Apollo Client (HttpLink, multipart subscriptions)', () => {
  it('receives sessionChanged events from the gateway as from the GraphOS Router', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: guarded.url, headers: { 'x-api-key': KEY } }), cache: new InMemoryCache() });
    const received: unknown[] = [];
    const subscription = client.subscribe({ query: gql(SUBSCRIPTION), fetchPolicy: 'no-cache' }).subscribe({ next: (result) => received.push(result.data) });
    try {
      await until(() => guarded.gateway.subscriptions().open === 1, 'the subscription');
      await guarded.gateway.changeLog.append([changeOf(null, planstoneSession('501')), changeOf(null, planstoneSession('502'))]);
      await until(() => received.length === 2, 'two events');
      expect(received.map((data) => (data as { sessionChanged: { kind: string } }).sessionChanged.kind)).toEqual(['CREATED', 'CREATED']);
    } finally {
      subscription.unsubscribe();
      client.stop();
    }
    await until(() => guarded.gateway.subscriptions().open === 0, 'closed');
  });
});

describe('stop()', () => {
  it('closes graphql-ws connections with 1012 (Service Restart), ends multipart streams with GATEWAY_RESTARTING and SSE streams without `complete`', async () => {
    const stopping = await startHarness({ emulatorSet: guarded.emulators });
    const client = wsClient(stopping.url);
    const subscribers: Subscriber[] = [wsSubscribe(client, { query: SUBSCRIPTION })];
    const multipart = multipartSubscribe(stopping.url, { query: SUBSCRIPTION });
    const sse = sseSubscribe(stopping.url, { query: SUBSCRIPTION });
    subscribers.push(multipart, sse);
    await until(() => stopping.gateway.subscriptions().open === 3, 'three subscriptions');
    await stopping.close();
    await until(() => client.closes.length === 1, 'the WebSocket close');
    expect(client.closes[0]!.code).toBe(1012);
    await multipart.until((s) => s.completed);
    expect(codesOf(multipart.error)).toEqual(['GATEWAY_RESTARTING']);
    await sse.until((s) => s.error !== undefined);
    expect(sse.completed).toBe(false);
    await client.dispose();
    for (const subscriber of subscribers) subscriber.dispose();
  });
});
