import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { changeOf, PLANSTONE_CONFERENCE, planstoneSession } from '../support/sessionChanges.js';
import { multipartSubscribe, sseSubscribe, wsClient, wsSubscribe, type Received, type Subscriber } from '../support/subscriptionClients.js';

// Subscription.sessionChanged over graphql-ws, Apollo's HTTP multipart protocol and SSE, on
// one gateway over loopback. Changes are appended to the gateway's change log (its public
// API: what change detection does) and each subscriber must get exactly the matching ones.

const SUBSCRIPTION = `subscription Changed($filter: SessionFilter, $since: String) {
  sessionChanged(filter: $filter, since: $since) { token kind sessionId changedFields session { id name } }
}`;

const trackId = (name: string) => toGlobalId('Track', 'planstone', name);
const roomId = (room: string) => toGlobalId('Location', 'planstone', `${PLANSTONE_CONFERENCE.key}#roomid:${room}`);
const changes = (subscriber: Subscriber) =>
  subscriber.results.map((r) => (r.data as { sessionChanged: { kind: string; sessionId: string; token: string } } | null)?.sessionChanged);
const sessionIds = (subscriber: Subscriber) => changes(subscriber).map((c) => c?.sessionId);
const codes = (result: Received | undefined) => result?.errors?.map((e) => e.extensions?.code);
const sid = (sourceId: string) => toGlobalId('Session', 'planstone', sourceId);

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Waits until the gateway holds `count` open subscriptions (a subscriber is live before changes are appended). */
async function openSubscriptions(count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (harness.gateway.subscriptions().open !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} open subscriptions, have ${harness.gateway.subscriptions().open}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('sessionChanged over graphql-ws, multipart and SSE', () => {
  it('each subscriber gets exactly the changes that match its filter (before or after), once, in order; a filter matching nothing gets nothing', async () => {
    const filter = { trackId: trackId('Keynotes') };
    const client = wsClient(harness.url);
    const ws = wsSubscribe(client, { query: SUBSCRIPTION, variables: { filter } });
    const multipart = multipartSubscribe(harness.url, { query: SUBSCRIPTION, variables: { filter } });
    const sse = sseSubscribe(harness.url, { query: SUBSCRIPTION, variables: { filter } });
    const nothing = wsSubscribe(client, { query: SUBSCRIPTION, variables: { filter: { trackId: trackId('No Such Track') } } });
    try {
      await openSubscriptions(4);
      const keynote = planstoneSession('101');
      const workshop = planstoneSession('102', { track: 'Workshops' });
      await harness.gateway.changeLog.append([
        changeOf(null, keynote), // created in the track: matches
        changeOf(null, workshop), // another track: no
        changeOf(planstoneSession('103'), planstoneSession('103', { track: 'Workshops' })), // moved out of the track: matches by `before`
        changeOf(workshop, planstoneSession('102', { room: '2', track: 'Workshops' })), // no
        changeOf(keynote, null), // deleted from the track: matches
      ]);
      const expected = [sid('101'), sid('103'), sid('101')];
      for (const [name, subscriber] of [
        ['graphql-ws', ws],
        ['multipart', multipart],
        ['sse', sse],
      ] as const) {
        await subscriber.until((s) => s.results.length >= 3, `${name}: three changes`);
        expect(sessionIds(subscriber), name).toEqual(expected);
        expect(
          changes(subscriber).map((c) => c?.kind),
          name,
        ).toEqual(['CREATED', 'UPDATED', 'DELETED']);
        expect(
          subscriber.results.every((r) => r.errors === undefined),
          name,
        ).toBe(true);
      }
      // One more matching change: each gets it, and only it (nothing was doubled in between).
      await harness.gateway.changeLog.append([changeOf(null, planstoneSession('104'))]);
      for (const subscriber of [ws, multipart, sse]) await subscriber.until((s) => s.results.length >= 4);
      for (const subscriber of [ws, multipart, sse]) expect(sessionIds(subscriber)).toEqual([...expected, sid('104')]);
      expect(nothing.results).toEqual([]);
      // The session is the one after the change, and null once deleted.
      expect((ws.results[0]!.data as { sessionChanged: { session: unknown } }).sessionChanged.session).toEqual({ id: sid('101'), name: 'Session 101' });
      expect((ws.results[2]!.data as { sessionChanged: { session: unknown } }).sessionChanged.session).toBeNull();
      // Multipart: Apollo's framing, with `{}` heartbeats.
      expect(multipart.contentType).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
      expect(multipart.parts[0]).toEqual({});
    } finally {
      for (const subscriber of [ws, multipart, sse, nothing]) subscriber.dispose();
      await client.dispose();
    }
    // Every slot is given back when the subscribers go.
    await openSubscriptions(0);
  });

  it('filters by room, speaker, conference and source, each matched before or after the change', async () => {
    const client = wsClient(harness.url);
    const byRoom = wsSubscribe(client, { query: SUBSCRIPTION, variables: { filter: { locationId: roomId('7') } } });
    const bySpeaker = wsSubscribe(client, { query: SUBSCRIPTION, variables: { filter: { speakerId: toGlobalId('Speaker', 'planstone', '555') } } });
    const byConference = wsSubscribe(client, {
      query: SUBSCRIPTION,
      variables: { filter: { conferenceId: toGlobalId('Conference', 'planstone', PLANSTONE_CONFERENCE.key) } },
    });
    const guidebookOnly = wsSubscribe(client, { query: SUBSCRIPTION, variables: { filter: { sources: ['GUIDEBOOK'] } } });
    try {
      await openSubscriptions(4);
      await harness.gateway.changeLog.append([
        changeOf(planstoneSession('201', { room: '7' }), planstoneSession('201', { room: '8' })), // moved out of room 7
        changeOf(null, planstoneSession('202', { speaker: '555' })),
        changeOf(null, planstoneSession('203')),
      ]);
      await byConference.until((s) => s.results.length >= 3);
      expect(sessionIds(byConference)).toEqual([sid('201'), sid('202'), sid('203')]);
      await byRoom.until((s) => s.results.length >= 1);
      await bySpeaker.until((s) => s.results.length >= 1);
      expect(sessionIds(byRoom)).toEqual([sid('201')]);
      expect(sessionIds(bySpeaker)).toEqual([sid('202')]);
      expect(guidebookOnly.results).toEqual([]);
    } finally {
      for (const subscriber of [byRoom, bySpeaker, byConference, guidebookOnly]) subscriber.dispose();
      await client.dispose();
    }
    await openSubscriptions(0);
  });

  it('a subscriber that reconnects with its last token misses nothing, over each transport', async () => {
    for (const transport of ['graphql-ws', 'multipart', 'sse'] as const) {
      const subscribe = (variables: Record<string, unknown>) => {
        if (transport === 'multipart') return { subscriber: multipartSubscribe(harness.url, { query: SUBSCRIPTION, variables }), close: async () => undefined };
        if (transport === 'sse') return { subscriber: sseSubscribe(harness.url, { query: SUBSCRIPTION, variables }), close: async () => undefined };
        const client = wsClient(harness.url);
        return { subscriber: wsSubscribe(client, { query: SUBSCRIPTION, variables }), close: () => client.dispose() };
      };
      const first = subscribe({});
      await openSubscriptions(1);
      await harness.gateway.changeLog.append([changeOf(null, planstoneSession('301'))]);
      await first.subscriber.until((s) => s.results.length === 1, `${transport}: first change`);
      const token = changes(first.subscriber)[0]!.token;
      first.subscriber.dispose();
      await first.close();
      await openSubscriptions(0);
      // Changes while it was away, then it comes back with its token.
      await harness.gateway.changeLog.append([changeOf(null, planstoneSession('302')), changeOf(null, planstoneSession('303'))]);
      const again = subscribe({ since: token });
      await again.subscriber.until((s) => s.results.length >= 2, `${transport}: the missed changes`);
      await harness.gateway.changeLog.append([changeOf(null, planstoneSession('304'))]);
      await again.subscriber.until((s) => s.results.length >= 3, `${transport}: the live change`);
      expect(sessionIds(again.subscriber), transport).toEqual([sid('302'), sid('303'), sid('304')]);
      again.subscriber.dispose();
      await again.close();
      await openSubscriptions(0);
    }
  });

  it('an expired or malformed `since` is an error result (SYNC_TOKEN_EXPIRED / BAD_USER_INPUT), and the subscription ends', async () => {
    const client = wsClient(harness.url);
    const expired = wsSubscribe(client, { query: SUBSCRIPTION, variables: { since: '1-0' } });
    const malformed = multipartSubscribe(harness.url, { query: SUBSCRIPTION, variables: { since: 'yesterday' } });
    const expiredSse = sseSubscribe(harness.url, { query: SUBSCRIPTION, variables: { since: '1-0' } });
    try {
      for (const subscriber of [expired, malformed, expiredSse]) await subscriber.until((s) => s.completed, 'the end of the subscription');
      expect(codes(expired.results[0])).toEqual(['SYNC_TOKEN_EXPIRED']);
      expect(codes(expiredSse.results[0])).toEqual(['SYNC_TOKEN_EXPIRED']);
      expect(codes(malformed.results[0])).toEqual(['BAD_USER_INPUT']);
      expect(expired.results[0]!.errors![0]!.message).toMatch(/re|full/);
    } finally {
      await client.dispose();
    }
    await openSubscriptions(0);
  });

  it('a subscription sent as a plain JSON POST is refused with SUBSCRIPTIONS_NOT_SUPPORTED naming the three transports', async () => {
    const answer = await harness.query(SUBSCRIPTION);
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['SUBSCRIPTIONS_NOT_SUPPORTED']);
    expect(answer.errors?.[0]?.message).toMatch(/graphql-transport-ws.*multipart.*graphql-sse/s);
    expect((answer.errors?.[0]?.extensions?.subscriptionTransports as Array<{ protocol: string }>).map((t) => t.protocol)).toEqual([
      'graphql-transport-ws',
      'multipart-subscription',
      'graphql-sse',
    ]);
  });

  it('queries run over graphql-ws and SSE too; over the multipart Accept a query is answered by Apollo Server as JSON', async () => {
    const client = wsClient(harness.url);
    const query = { query: '{ __typename }' };
    const ws = wsSubscribe(client, query);
    const sse = sseSubscribe(harness.url, query);
    try {
      await ws.until((s) => s.completed);
      await sse.until((s) => s.completed);
      expect(ws.results).toEqual([{ data: { __typename: 'Query' } }]);
      expect(sse.results).toEqual([{ data: { __typename: 'Query' } }]);
    } finally {
      await client.dispose();
    }
  });
});
