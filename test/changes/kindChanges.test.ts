import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  attendeeId,
  CLIENT_SESSION_CHANGES,
  CLIENT_SESSION_SUBSCRIPTION,
  clientSessionChanges,
  clientSessionId,
  guidebookRest,
  guidebookSessionId,
  SCHEDULE_CHANGES,
  SCHEDULE_SUBSCRIPTION,
  scheduleChanges,
  scheduleId,
  startRoundwareSession,
  type ScheduleWire,
} from '../support/changeKinds.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { multipartSubscribe, wsClient, wsSubscribe, type Subscriber } from '../support/subscriptionClients.js';

// Personalized schedules and Roundware client sessions get events too (issue 20, item 1), in
// one process (in-memory logs): a change made through an emulator's own REST API is found by
// the next poll and shows once in the kind's delta query and once on each subscription.

let harness: Harness;

const received = <T>(subscriber: Subscriber, field: string): T[] => subscriber.results.map((r) => (r.data as Record<string, T> | null)?.[field] as T);

async function openSubscriptions(count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (harness.gateway.subscriptions().open !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} open subscriptions, have ${harness.gateway.subscriptions().open}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  // No daily budget (polls are not spaced out), no Planstone (not what this file tests), and a
  // log of 5 events per kind so that a token can be pushed past retention.
  harness = await startHarness({
    env: { ...NO_CACHE_ENV, GUIDEBOOK_QUOTA_PER_DAY: '0', ROUNDWARE_QUOTA_PER_DAY: '0', PLANSTONE_API_URL: 'off', CHANGE_LOG_MAX_LENGTH: '5' },
  });
  // The baseline: what is there before detection starts is no change.
  expect(await harness.gateway.changePoller.pollOnce()).toEqual([]);
});
afterAll(() => harness?.close());

describe('personalized schedule changes (Guidebook)', () => {
  it('a PATCH of a schedule’s sessions is one UPDATED (SESSIONS, added and removed ids), in the query and on each subscription; a DELETE is one DELETED', async () => {
    const { token } = await scheduleChanges(harness, {});
    const schedule = ((await guidebookRest(harness.emulators, 'GET', 'personalized-schedules/')) as { results: ScheduleWire[] }).results[0]!;
    const guideSessions = (await guidebookRest(harness.emulators, 'GET', `sessions/?guide=${schedule.guide}`)) as { results: Array<{ id: number }> };
    const added = guideSessions.results.map((s) => s.id).find((id) => !schedule.sessions.includes(id))!;
    const removed = schedule.sessions[0]!;
    const attendee = attendeeId(schedule.attendees[0]!);

    const client = wsClient(harness.url);
    const mine = wsSubscribe(client, { query: SCHEDULE_SUBSCRIPTION, variables: { attendeeId: attendee } });
    const all = multipartSubscribe(harness.url, { query: SCHEDULE_SUBSCRIPTION, variables: {} });
    const nobody = wsSubscribe(client, { query: SCHEDULE_SUBSCRIPTION, variables: { attendeeId: attendeeId(987654321) } });
    try {
      await openSubscriptions(3);
      await guidebookRest(harness.emulators, 'PATCH', `personalized-schedules/${schedule.id}/`, { sessions: [...schedule.sessions.slice(1), added] });
      await harness.gateway.changePoller.pollOnce();
      await harness.gateway.changePoller.pollOnce(); // nothing new: no second event

      const page = await scheduleChanges(harness, { since: token });
      expect(page.changes.map((c) => [c.kind, c.personalizedScheduleId, c.changedFields, c.addedSessionIds, c.removedSessionIds])).toEqual([
        ['UPDATED', scheduleId(schedule.id), ['SESSIONS'], [guidebookSessionId(added)], [guidebookSessionId(removed)]],
      ]);
      // The schedule as it is now.
      const now = page.changes[0]!.personalizedSchedule!.sessions.edges.map((e) => e.node.id);
      expect(now).toContain(guidebookSessionId(added));
      expect(now).not.toContain(guidebookSessionId(removed));
      expect(page.token).toBe(page.changes[0]!.token);

      // Deleted: one more event, the schedule null, all its sessions removed.
      await guidebookRest(harness.emulators, 'DELETE', `personalized-schedules/${schedule.id}/`);
      await harness.gateway.changePoller.pollOnce();
      const deleted = await scheduleChanges(harness, { since: page.token });
      expect(deleted.changes.map((c) => [c.kind, c.personalizedScheduleId, c.personalizedSchedule, c.removedSessionIds.length])).toEqual([
        ['DELETED', scheduleId(schedule.id), null, new Set([...schedule.sessions.slice(1), added]).size],
      ]);

      for (const [name, subscriber] of [
        ['graphql-ws, the attendee', mine],
        ['multipart, every schedule', all],
      ] as const) {
        await subscriber.until((s) => s.results.length >= 2, `${name}: two changes`);
        const changes = received<{ kind: string; personalizedScheduleId: string; token: string }>(subscriber, 'personalizedScheduleChanged');
        expect(
          changes.map((c) => [c.kind, c.personalizedScheduleId]),
          name,
        ).toEqual([
          ['UPDATED', scheduleId(schedule.id)],
          ['DELETED', scheduleId(schedule.id)],
        ]);
        expect(changes.map((c) => c.token)).toEqual([page.changes[0]!.token, deleted.changes[0]!.token]);
        expect(subscriber.results.every((r) => r.errors === undefined)).toBe(true);
      }
      expect(nobody.results).toEqual([]);
    } finally {
      for (const subscriber of [mine, all, nobody]) subscriber.dispose();
      await client.dispose();
    }
    await openSubscriptions(0);
  });

  it('a new schedule is one CREATED with all its sessions; `attendeeId` keeps only the attendee’s schedules and moves the token past the others', async () => {
    const { token } = await scheduleChanges(harness, {});
    const existing = ((await guidebookRest(harness.emulators, 'GET', 'personalized-schedules/')) as { results: ScheduleWire[] }).results[1]!;
    const created = (await guidebookRest(harness.emulators, 'POST', 'personalized-schedules/', {
      guide: existing.guide,
      name: 'Made through the REST API',
      sessions: existing.sessions,
      attendees: [existing.attendees[0]],
    })) as ScheduleWire;
    await harness.gateway.changePoller.pollOnce();

    const page = await scheduleChanges(harness, { since: token });
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({
      kind: 'CREATED',
      personalizedScheduleId: scheduleId(created.id),
      changedFields: [],
      removedSessionIds: [],
      personalizedSchedule: { id: scheduleId(created.id), name: 'Made through the REST API' },
    });
    expect([...page.changes[0]!.addedSessionIds].sort()).toEqual([...new Set(existing.sessions)].map(guidebookSessionId).sort());

    const forAttendee = await scheduleChanges(harness, { since: token, attendeeId: attendeeId(existing.attendees[0]!) });
    expect(forAttendee.changes.map((c) => c.personalizedScheduleId)).toEqual([scheduleId(created.id)]);
    const forNobody = await scheduleChanges(harness, { since: token, attendeeId: attendeeId(987654321) });
    expect(forNobody.changes).toEqual([]);
    expect(forNobody.token).toBe(page.token);
    expect(forNobody.hasMore).toBe(false);
  });

  it('refuses an `attendeeId` that is not an attendee’s ID (BAD_USER_INPUT naming it)', async () => {
    const response = await harness.query(SCHEDULE_CHANGES, { attendeeId: scheduleId(1) });
    expect(response.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', expect.stringContaining('attendeeId')]]);
  });
});

describe('Roundware client session changes', () => {
  it('a session POSTed to Roundware is one CREATED, in the query and on each subscription; `projectId` filters', async () => {
    const { token } = await clientSessionChanges(harness, {});
    const client = wsClient(harness.url);
    const project2 = wsSubscribe(client, { query: CLIENT_SESSION_SUBSCRIPTION, variables: { projectId: 2 } });
    const every = multipartSubscribe(harness.url, { query: CLIENT_SESSION_SUBSCRIPTION, variables: {} });
    try {
      await openSubscriptions(2);
      const first = await startRoundwareSession(harness.emulators, 2, 'kinds20 A');
      await harness.gateway.changePoller.pollOnce();
      await harness.gateway.changePoller.pollOnce(); // nothing new: no second event
      const second = await startRoundwareSession(harness.emulators, 3, 'kinds20 B');
      await harness.gateway.changePoller.pollOnce();

      const page = await clientSessionChanges(harness, { since: token });
      expect(page.changes.map((c) => [c.kind, c.clientSessionId, c.projectId, c.clientSession])).toEqual([
        ['CREATED', clientSessionId(first.id), 2, { id: clientSessionId(first.id), sourceId: String(first.id), projectId: 2, clientSystem: 'kinds20 A' }],
        ['CREATED', clientSessionId(second.id), 3, { id: clientSessionId(second.id), sourceId: String(second.id), projectId: 3, clientSystem: 'kinds20 B' }],
      ]);
      const onlyProject2 = await clientSessionChanges(harness, { since: token, projectId: 2 });
      expect(onlyProject2.changes.map((c) => c.clientSessionId)).toEqual([clientSessionId(first.id)]);
      expect(onlyProject2.token).toBe(page.token);

      await every.until((s) => s.results.length >= 2, 'multipart: two sessions');
      await project2.until((s) => s.results.length >= 1, 'graphql-ws: project 2');
      type Started = { kind: string; clientSessionId: string; clientSession: { clientSystem: string } };
      expect(received<Started>(every, 'clientSessionStarted').map((c) => [c.kind, c.clientSessionId, c.clientSession.clientSystem])).toEqual([
        ['CREATED', clientSessionId(first.id), 'kinds20 A'],
        ['CREATED', clientSessionId(second.id), 'kinds20 B'],
      ]);
      expect(received<Started>(project2, 'clientSessionStarted').map((c) => c.clientSessionId)).toEqual([clientSessionId(first.id)]);
    } finally {
      project2.dispose();
      every.dispose();
      await client.dispose();
    }
    await openSubscriptions(0);
  });

  it('a poll with no new session costs one small Roundware request (sessions/count/), the list is read only when the count moved', async () => {
    await harness.gateway.changePoller.pollOnce();
    const roundwareRoutes = () => harness.emulators.roundware.log.entries().map((entry) => `${entry.method} ${entry.route}`);
    harness.resetLogs();
    await harness.gateway.changePoller.pollOnce();
    expect(roundwareRoutes()).toEqual(['GET /sessions/count/']);
    await startRoundwareSession(harness.emulators, 1, 'kinds20 C');
    harness.resetLogs();
    await harness.gateway.changePoller.pollOnce();
    expect(roundwareRoutes()).toEqual(['GET /sessions/count/', 'GET /sessions/']);
  });

  it('a token pushed past the retention (5 events) answers SYNC_TOKEN_EXPIRED, in the query and on subscribing', async () => {
    const { token } = await clientSessionChanges(harness, {});
    for (let i = 0; i < 6; i += 1) await startRoundwareSession(harness.emulators, 4, `kinds20 burst ${i}`);
    await harness.gateway.changePoller.pollOnce();
    const query = await harness.query(CLIENT_SESSION_CHANGES, { since: token });
    expect(query.errors?.map((e) => e.extensions?.code)).toEqual(['SYNC_TOKEN_EXPIRED']);
    const client = wsClient(harness.url);
    const late = wsSubscribe(client, { query: CLIENT_SESSION_SUBSCRIPTION, variables: { since: token } });
    try {
      await late.until((s) => s.results.length > 0 || s.error !== undefined || s.completed, 'an answer');
      expect(late.results.flatMap((r) => r.errors?.map((e) => e.extensions?.code) ?? [])).toEqual(['SYNC_TOKEN_EXPIRED']);
    } finally {
      late.dispose();
      await client.dispose();
    }
    // The schedules' log is another log: its tokens are untouched by the client sessions' burst.
    expect((await scheduleChanges(harness, { since: (await scheduleChanges(harness, {})).token })).changes).toEqual([]);
  });
});

describe('client access control (personalized schedules are attendee data)', () => {
  it('with GATEWAY_API_KEYS, the delta query and a multipart subscription need the key; with it, a schedule change is delivered', async () => {
    const KEY = 'kinds20-test-key';
    const guarded = await startHarness({
      emulatorSet: harness.emulators,
      env: { ...NO_CACHE_ENV, GUIDEBOOK_QUOTA_PER_DAY: '0', ROUNDWARE_API_URL: 'off', PLANSTONE_API_URL: 'off', GATEWAY_API_KEYS: KEY },
    });
    try {
      const refused = await guarded.query(SCHEDULE_CHANGES, {});
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      const refusedStream = multipartSubscribe(guarded.url, { query: SCHEDULE_SUBSCRIPTION, variables: {} });
      await refusedStream.until((s) => s.completed, 'the refusal');
      expect(refusedStream.status).toBe(401);

      expect(await guarded.gateway.changePoller.pollOnce()).toEqual([]); // its baseline
      const allowed = multipartSubscribe(guarded.url, { query: SCHEDULE_SUBSCRIPTION, variables: {} }, { 'x-api-key': KEY });
      try {
        const deadline = Date.now() + 15_000;
        while (guarded.gateway.subscriptions().open !== 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
        const schedule = ((await guidebookRest(harness.emulators, 'GET', 'personalized-schedules/')) as { results: ScheduleWire[] }).results[2]!;
        await guidebookRest(harness.emulators, 'PATCH', `personalized-schedules/${schedule.id}/`, { attendees: schedule.attendees.slice(1) });
        await guarded.gateway.changePoller.pollOnce();
        await allowed.until((s) => s.results.length >= 1, 'the change');
        expect(received<{ personalizedScheduleId: string; changedFields: string[] }>(allowed, 'personalizedScheduleChanged')).toEqual([
          expect.objectContaining({ personalizedScheduleId: scheduleId(schedule.id), changedFields: ['ATTENDEES'] }),
        ]);
        const page = await guarded.query<{ personalizedScheduleChanges: { changes: unknown[] } }>(SCHEDULE_CHANGES, {}, { 'x-api-key': KEY });
        expect(page.errors).toBeUndefined();
      } finally {
        allowed.dispose();
      }
    } finally {
      await guarded.close();
    }
  });
});
