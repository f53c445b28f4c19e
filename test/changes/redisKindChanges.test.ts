import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { changeKeys } from '../../src/changes/redisChangeLog.js';
import { kindChangeKeys } from '../../src/changes/redisKindStore.js';
import {
  attendeeId,
  CLIENT_SESSION_CHANGES,
  CLIENT_SESSION_SUBSCRIPTION,
  clientSessionChanges,
  clientSessionId,
  guidebookRest,
  guidebookSessionId,
  SCHEDULE_SUBSCRIPTION,
  scheduleChanges,
  scheduleId,
  startRoundwareSession,
  type ScheduleWire,
} from '../support/changeKinds.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { redisAvailability, startRedisServer, type RedisServer } from '../support/redisServer.js';
import { multipartSubscribe, wsClient, wsSubscribe, type Subscriber } from '../support/subscriptionClients.js';

// Personalized schedule and client session changes across replicas on a real redis-server
// (REQUIRE_REDIS=1 in CI): the sessions' lease, a stream per kind, detection state in Redis.
// Replicas are gateways in this process sharing the emulators; A polls, B reads and serves.

const redisCheck = redisAvailability();
const PREFIX = 'kinds20:';

let server: RedisServer;
let emulators: EmulatorSet;
let a: Harness;
let b: Harness;

function replica(env: Record<string, string> = {}): Promise<Harness> {
  return startHarness({
    emulatorSet: emulators,
    env: {
      ...NO_CACHE_ENV,
      GUIDEBOOK_QUOTA_PER_DAY: '0',
      ROUNDWARE_QUOTA_PER_DAY: '0',
      PLANSTONE_API_URL: 'off',
      REDIS_URL: server.url,
      REDIS_KEY_PREFIX: PREFIX,
      ...env,
    },
  });
}

const received = <T>(subscriber: Subscriber, field: string): T[] => subscriber.results.map((r) => (r.data as Record<string, T> | null)?.[field] as T);

async function openSubscriptions(harness: Harness, count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (harness.gateway.subscriptions().open !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} open subscriptions, have ${harness.gateway.subscriptions().open}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function firstSchedule(index: number): Promise<ScheduleWire> {
  return ((await guidebookRest(emulators, 'GET', 'personalized-schedules/')) as { results: ScheduleWire[] }).results[index]!;
}

beforeAll(async () => {
  if (!redisCheck.available) return;
  server = await startRedisServer();
  emulators = await startEmulators();
  a = await replica();
  b = await replica();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await emulators?.close();
  await server?.stop();
});

describe('personalized schedule and client session changes on Redis', redisCheck.suite, () => {
  it('the baseline is taken once, by the lease holder; the other replica does not poll', async () => {
    expect(await a.gateway.changePoller.pollOnce()).toEqual([]);
    expect(await b.gateway.changePoller.pollOnce()).toBeNull();
    const redis = new Redis(server.url);
    try {
      // The baselines are in Redis (the snapshot of the schedules, the Roundware cursor), and no stream has an event.
      const meta = await redis.hgetall(changeKeys(PREFIX).meta);
      expect(Object.keys(meta).sort()).toEqual(expect.arrayContaining(['client-sessions:roundware', 'personalized-schedules:guidebook']));
      expect(await redis.hlen(changeKeys(PREFIX).snapshot('personalized-schedules:guidebook'))).toBeGreaterThan(0);
      expect(await redis.exists(kindChangeKeys(PREFIX, 'personalized-schedules').stream)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('a schedule change found by A reaches a multipart subscriber on B once and reads the same on both replicas; its stream is its own', async () => {
    const schedule = await firstSchedule(0);
    const start = (await scheduleChanges(a, {})).token;
    const onB = multipartSubscribe(b.url, { query: SCHEDULE_SUBSCRIPTION, variables: { attendeeId: attendeeId(schedule.attendees[0]!) } });
    try {
      await openSubscriptions(b, 1);
      const removed = schedule.sessions.at(-1)!;
      await guidebookRest(emulators, 'PATCH', `personalized-schedules/${schedule.id}/`, { sessions: schedule.sessions.slice(0, -1) });
      await a.gateway.changePoller.pollOnce();
      await a.gateway.changePoller.pollOnce();

      const pageB = await scheduleChanges(b, { since: start });
      expect(pageB.changes.map((c) => [c.kind, c.personalizedScheduleId, c.changedFields, c.addedSessionIds, c.removedSessionIds])).toEqual([
        ['UPDATED', scheduleId(schedule.id), ['SESSIONS'], [], [guidebookSessionId(removed)]],
      ]);
      expect(await scheduleChanges(a, { since: start })).toEqual(pageB);

      await onB.until((s) => s.results.length >= 1, 'B: the schedule change');
      // A sentinel after it: nothing in between, so the first was delivered once.
      await guidebookRest(emulators, 'PATCH', `personalized-schedules/${schedule.id}/`, { sessions: schedule.sessions });
      await a.gateway.changePoller.pollOnce();
      await onB.until((s) => s.results.length >= 2, 'B: the sentinel');
      const delivered = received<{ token: string; kind: string; addedSessionIds: string[] }>(onB, 'personalizedScheduleChanged');
      expect(delivered.map((c) => [c.kind, c.addedSessionIds])).toEqual([
        ['UPDATED', []],
        ['UPDATED', [guidebookSessionId(removed)]],
      ]);
      expect(delivered[0]!.token).toBe(pageB.changes[0]!.token);

      const redis = new Redis(server.url);
      try {
        expect(await redis.xlen(kindChangeKeys(PREFIX, 'personalized-schedules').stream)).toBe(2);
        expect(await redis.exists(changeKeys(PREFIX).stream)).toBe(0); // the sessions' stream holds none of them
      } finally {
        redis.disconnect();
      }
    } finally {
      onB.dispose();
    }
    await openSubscriptions(b, 0);
  });

  it('a client session POSTed to Roundware reaches a graphql-ws subscriber on B once (its project only)', async () => {
    const start = (await clientSessionChanges(b, {})).token;
    const client = wsClient(b.url);
    const project5 = wsSubscribe(client, { query: CLIENT_SESSION_SUBSCRIPTION, variables: { projectId: 5 } });
    try {
      await openSubscriptions(b, 1);
      const other = await startRoundwareSession(emulators, 1, 'kinds20 redis other');
      const mine = await startRoundwareSession(emulators, 5, 'kinds20 redis mine');
      await a.gateway.changePoller.pollOnce();
      await a.gateway.changePoller.pollOnce();
      const page = await clientSessionChanges(b, { since: start });
      expect(page.changes.map((c) => [c.kind, c.clientSessionId, c.projectId])).toEqual([
        ['CREATED', clientSessionId(other.id), 1],
        ['CREATED', clientSessionId(mine.id), 5],
      ]);
      await project5.until((s) => s.results.length >= 1, 'B: project 5');
      const sentinel = await startRoundwareSession(emulators, 5, 'kinds20 redis sentinel');
      await a.gateway.changePoller.pollOnce();
      await project5.until((s) => s.results.length >= 2, 'B: the sentinel');
      expect(received<{ clientSessionId: string }>(project5, 'clientSessionStarted').map((c) => c.clientSessionId)).toEqual([
        clientSessionId(mine.id),
        clientSessionId(sentinel.id),
      ]);
    } finally {
      project5.dispose();
      await client.dispose();
    }
  });

  it('the polling replica stops; the other continues from the state in Redis: nothing lost, nothing doubled, no new baseline', async () => {
    const schedule = await firstSchedule(1);
    const [scheduleStart, sessionStart] = [(await scheduleChanges(b, {})).token, (await clientSessionChanges(b, {})).token];
    await guidebookRest(emulators, 'PATCH', `personalized-schedules/${schedule.id}/`, { attendees: schedule.attendees.slice(1) });
    const started = await startRoundwareSession(emulators, 2, 'kinds20 while A goes away');
    await a.close(); // gives the lease up without having polled these changes
    await b.gateway.changePoller.pollOnce();
    await b.gateway.changePoller.pollOnce();
    const schedules = await scheduleChanges(b, { since: scheduleStart });
    expect(schedules.changes.map((c) => [c.kind, c.personalizedScheduleId, c.changedFields])).toEqual([['UPDATED', scheduleId(schedule.id), ['ATTENDEES']]]);
    const sessions = await clientSessionChanges(b, { since: sessionStart });
    expect(sessions.changes.map((c) => c.clientSessionId)).toEqual([clientSessionId(started.id)]);
    a = await replica();
    expect(await a.gateway.changePoller.pollOnce()).toBeNull();
  });

  it('a token past the retention (by length) is SYNC_TOKEN_EXPIRED on every replica', async () => {
    const prefix = 'kinds20-short:';
    const short = [
      await replica({ REDIS_KEY_PREFIX: prefix, CHANGE_LOG_MAX_LENGTH: '3' }),
      await replica({ REDIS_KEY_PREFIX: prefix, CHANGE_LOG_MAX_LENGTH: '3' }),
    ];
    try {
      await short[0]!.gateway.changePoller.pollOnce(); // its baseline
      const { token } = await clientSessionChanges(short[1]!, {});
      for (let i = 0; i < 4; i += 1) await startRoundwareSession(emulators, 3, `kinds20 short ${i}`);
      await short[0]!.gateway.changePoller.pollOnce();
      for (const replicaOf of short) {
        const answer = await replicaOf.query(CLIENT_SESSION_CHANGES, { since: token });
        expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['SYNC_TOKEN_EXPIRED']);
      }
      const recent = await clientSessionChanges(short[1]!, { since: (await clientSessionChanges(short[1]!, {})).token });
      expect(recent.changes).toEqual([]);
    } finally {
      for (const harness of short) await harness.close();
    }
  });
});
