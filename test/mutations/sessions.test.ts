import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import type { Harness } from '../support/gatewayHarness.js';
import {
  describeUpstreamFailures,
  errorOf,
  payloadOf,
  refusedWithoutUpstreamCall,
  startMutationHarness,
  userErrorFields,
  type PayloadShape,
} from './support.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startMutationHarness();
});
afterAll(() => harness?.close());

const guide = (id: string) => toGlobalId('Guide', 'guidebook', id);
const session = (id: string) => toGlobalId('Session', 'guidebook', id);
const track = (id: string) => toGlobalId('Track', 'guidebook', id);
const schedule = (id: string) => toGlobalId('PersonalizedSchedule', 'guidebook', id);

const FIELDS = `id source sourceId name descriptionHtml startTime endTime allDay allowRating addToSchedule importId rank requireLogin maxCapacity
  waitlist registrationStartTime registrationEndTime tracks { sourceId } locations { sourceId } guide { sourceId }`;
const CREATE = `mutation($input: CreateSessionInput!) { createSession(input: $input) { clientMutationId session { ${FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateSessionInput!) { updateSession(input: $input) { clientMutationId session { ${FIELDS} } userErrors { field message code } } }`;
const DELETE = `mutation($input: DeleteSessionInput!) { deleteSession(input: $input) { clientMutationId deletedSessionId userErrors { field message code } } }`;
const READ = `query($id: ID!, $guide: ID!) { session(id: $id) { ${FIELDS} } sessions(filter: { guideId: $guide }, first: 1) { totalCount } }`;

type SessionShape = Record<string, unknown> & { id: string; sourceId: string; name: string };

describe('createSession', () => {
  it('creates the session with every field, and cached reads afterwards include it', async () => {
    const before = await harness.query<{ sessions: { totalCount: number } }>(`{ sessions(filter: { guideId: "${guide('1')}" }, first: 1) { totalCount } }`);
    const count = before.data!.sessions.totalCount;
    harness.resetLogs();
    const description = `<p>${'x'.repeat(20_000 - 7)}</p>`;
    const input = {
      clientMutationId: 'create-1',
      guideId: guide('1'),
      name: '  Keynote: the gateway  ',
      descriptionHtml: description,
      startTime: '2025-03-04T09:00:00.000Z',
      endTime: '2025-03-04T10:30:00.000Z',
      allowRating: false,
      importId: 'kn-1',
      trackIds: [track('3'), track('42')],
      locationSourceIds: ['3'],
      rank: 2.5,
      requireLogin: true,
      maxCapacity: 120,
      waitlist: true,
      registrationStartTime: '2025-02-01T00:00:00.000Z',
      registrationEndTime: '2025-03-03T00:00:00.000Z',
    };
    const payload = payloadOf<PayloadShape & { session: SessionShape }>(await harness.query(CREATE, { input }), 'createSession');
    expect(harness.emulators.guidebook.log.count({ method: 'POST', route: '/sessions/' })).toBe(1);
    expect(payload.clientMutationId).toBe('create-1');
    expect(payload.userErrors).toEqual([]);
    expect(payload.session).toMatchObject({
      source: 'GUIDEBOOK',
      name: 'Keynote: the gateway',
      descriptionHtml: description,
      startTime: '2025-03-04T09:00:00.000Z',
      endTime: '2025-03-04T10:30:00.000Z',
      allDay: false,
      allowRating: false,
      addToSchedule: true,
      importId: 'kn-1',
      rank: 2.5,
      requireLogin: true,
      maxCapacity: 120,
      waitlist: true,
      registrationStartTime: '2025-02-01T00:00:00.000Z',
      registrationEndTime: '2025-03-03T00:00:00.000Z',
      tracks: [{ sourceId: '3' }, { sourceId: '42' }],
      locations: [{ sourceId: '3' }],
      guide: { sourceId: '1' },
    });
    expect(payload.session.id).toBe(session(payload.session.sourceId));

    const after = await harness.query<{ session: SessionShape; sessions: { totalCount: number } }>(READ, { id: payload.session.id, guide: guide('1') });
    expect(after.errors).toBeUndefined();
    expect(after.data!.sessions.totalCount).toBe(count + 1);
    expect(after.data!.session).toEqual(payload.session);
  });

  it('leaves out what is not given, so Guidebook’s defaults apply', async () => {
    const input = { guideId: guide('47'), name: 'Minimal', startTime: '2025-05-01T12:00:00Z' };
    const payload = payloadOf<PayloadShape & { session: SessionShape }>(await harness.query(CREATE, { input }), 'createSession');
    expect(payload.clientMutationId).toBeNull();
    expect(payload.session).toMatchObject({
      name: 'Minimal',
      descriptionHtml: null,
      endTime: null,
      allDay: false,
      allowRating: true,
      addToSchedule: true,
      rank: 0,
      requireLogin: false,
      maxCapacity: null,
      waitlist: false,
      importId: null,
      tracks: [],
      locations: [],
    });
  });

  it.each([
    ['a blank name', { name: '   ' }, [['input.name', 'BAD_USER_INPUT']]],
    ['a description of 20,001 characters', { descriptionHtml: 'é'.repeat(20_001) }, [['input.descriptionHtml', 'BAD_USER_INPUT']]],
    ['an end before the start', { endTime: '2025-01-01T09:00:00Z' }, [['input.endTime', 'BAD_USER_INPUT']]],
    ['requireLogin without addToSchedule', { requireLogin: true, addToSchedule: false }, [['input.requireLogin', 'BAD_USER_INPUT']]],
    ['a waitlist without maxCapacity', { waitlist: true, requireLogin: true }, [['input.waitlist', 'BAD_USER_INPUT']]],
    [
      'registration dates without requireLogin',
      { registrationStartTime: '2024-12-01T00:00:00Z', registrationEndTime: '2024-12-02T00:00:00Z' },
      [
        ['input.registrationEndTime', 'BAD_USER_INPUT'],
        ['input.registrationStartTime', 'BAD_USER_INPUT'],
      ],
    ],
    [
      'a registration that closes before it opens',
      { requireLogin: true, registrationStartTime: '2024-12-02T00:00:00Z', registrationEndTime: '2024-12-01T00:00:00Z' },
      [['input.registrationEndTime', 'BAD_USER_INPUT']],
    ],
    ['a negative maxCapacity', { maxCapacity: -1, requireLogin: true }, [['input.maxCapacity', 'BAD_USER_INPUT']]],
    ['the ID of a Track as guideId', { guideId: track('3') }, [['input.guideId', 'BAD_USER_INPUT']]],
    ['a Planstone track', { trackIds: [track('3'), toGlobalId('Track', 'planstone', 'Cardiology')] }, [['input.trackIds.1', 'BAD_USER_INPUT']]],
    ['an ID that is not one', { trackIds: ['not-an-id'] }, [['input.trackIds.0', 'BAD_USER_INPUT']]],
    ['a location id that is not a number', { locationSourceIds: ['3', 'lobby'] }, [['input.locationSourceIds.1', 'BAD_USER_INPUT']]],
  ])('refuses %s before any upstream call', async (_name, change, fields) => {
    const input = { guideId: guide('1'), name: 'Valid', startTime: '2025-01-01T10:00:00Z', ...change };
    const payload = await refusedWithoutUpstreamCall(harness, CREATE, { input }, 'createSession');
    expect(userErrorFields(payload)).toEqual(fields);
  });

  it('names every refused field at once', async () => {
    const input = { guideId: schedule('1'), name: '', startTime: '2025-01-01T10:00:00Z', descriptionHtml: 'x'.repeat(20_001) };
    const payload = await refusedWithoutUpstreamCall(harness, CREATE, { input }, 'createSession');
    expect(payload.userErrors.map((e) => e.field)).toEqual([
      ['input', 'guideId'],
      ['input', 'name'],
      ['input', 'descriptionHtml'],
    ]);
    expect(payload.userErrors[2]!.message).toBe('At most 20,000 characters (this has 20,001).');
  });

  it('maps a rule only Guidebook checks back to the input field (its real 400)', async () => {
    harness.resetLogs();
    const input = { guideId: guide('1'), name: 'Capped', startTime: '2025-01-01T10:00:00Z', maxCapacity: 10, trackIds: [track('999')] };
    const payload = payloadOf(await harness.query(CREATE, { input }), 'createSession');
    expect(harness.upstreamCalls().guidebook).toBe(1);
    expect(userErrorFields(payload)).toEqual([['input.trackIds', 'UPSTREAM_REJECTED']]);
    expect(payload.userErrors[0]!.message).toMatch(/Invalid pk "999"/);
  });
});

describe('updateSession', () => {
  it('changes only the given fields, clears nulls, and a cached read afterwards sees it', async () => {
    const before = await harness.query<{ session: SessionShape }>(READ, { id: session('13'), guide: guide('1') });
    expect(before.data!.session.endTime).not.toBeNull();
    harness.resetLogs();
    const input = { clientMutationId: 'u1', id: session('13'), name: 'Renamed', endTime: null, importId: null, trackIds: [track('101')] };
    const payload = payloadOf<PayloadShape & { session: SessionShape }>(await harness.query(UPDATE, { input }), 'updateSession');
    expect(harness.emulators.guidebook.log.count({ method: 'PATCH', route: '/sessions/:id/' })).toBe(1);
    expect(payload.clientMutationId).toBe('u1');
    const expected = { ...before.data!.session, name: 'Renamed', endTime: null, importId: null, tracks: [{ sourceId: '101' }] };
    expect(payload.session).toEqual(expected);
    const after = await harness.query<{ session: SessionShape }>(READ, { id: session('13'), guide: guide('1') });
    expect(after.data!.session).toEqual(expected);
  });

  it('within one operation, fields after the write read the new session (per-request loaders)', async () => {
    const SCHEDULE_SESSIONS = 'personalizedSchedule { sessions { edges { node { sourceId name } } } }';
    const operation = `mutation {
      before: updatePersonalizedSchedule(input: { id: "${schedule('2')}", sessionIds: ["${session('4')}", "${session('5')}"] }) { ${SCHEDULE_SESSIONS} }
      rename: updateSession(input: { id: "${session('5')}", name: "Renamed mid-operation" }) { session { name } }
      after: updatePersonalizedSchedule(input: { id: "${schedule('2')}", attendeeIds: [] }) { ${SCHEDULE_SESSIONS} }
    }`;
    const response =
      await harness.query<Record<string, { personalizedSchedule: { sessions: { edges: Array<{ node: { sourceId: string; name: string } }> } } }>>(operation);
    expect(response.errors).toBeUndefined();
    const names = (key: string) => Object.fromEntries(response.data![key]!.personalizedSchedule.sessions.edges.map((e) => [e.node.sourceId, e.node.name]));
    expect(names('before')['5']).not.toBe('Renamed mid-operation');
    expect(names('after')['5']).toBe('Renamed mid-operation');
  });

  it.each([
    ['a Planstone session (read-only)', { id: toGlobalId('Session', 'planstone', '21899') }, [['input.id', 'BAD_USER_INPUT']], /Planstone is read-only/],
    ['nothing to change', {}, [['input', 'BAD_USER_INPUT']], /at least one field/],
    ['a null name', { name: null }, [['input.name', 'BAD_USER_INPUT']], /must not be null/i],
    ['requireLogin with addToSchedule false', { requireLogin: true, addToSchedule: false }, [['input.requireLogin', 'BAD_USER_INPUT']], /addToSchedule/],
    ['a waitlist while removing maxCapacity', { waitlist: true, maxCapacity: null }, [['input.waitlist', 'BAD_USER_INPUT']], /maxCapacity/],
    ['an end before the start', { startTime: '2025-01-02T00:00:00Z', endTime: '2025-01-01T00:00:00Z' }, [['input.endTime', 'BAD_USER_INPUT']], /startTime/],
    ['a description over 20,000 characters', { descriptionHtml: 'x'.repeat(20_001) }, [['input.descriptionHtml', 'BAD_USER_INPUT']], /20,000/],
  ])('refuses %s before any upstream call', async (_name, change, fields, message) => {
    const payload = await refusedWithoutUpstreamCall(harness, UPDATE, { input: { id: session('42'), ...change } }, 'updateSession');
    expect(userErrorFields(payload)).toEqual(fields);
    expect(payload.userErrors[0]!.message).toMatch(message);
  });

  it('a rule against the stored session comes back from Guidebook at the input field', async () => {
    const stored = await harness.query<{ session: SessionShape }>(READ, { id: session('42'), guide: guide('1') });
    const start = new Date(String(stored.data!.session.startTime));
    const input = { id: session('42'), endTime: new Date(start.getTime() - 3_600_000).toISOString() };
    const payload = payloadOf(await harness.query(UPDATE, { input }), 'updateSession');
    expect(userErrorFields(payload)).toEqual([['input.endTime', 'UPSTREAM_REJECTED']]);
  });
});

describe('deleteSession', () => {
  it('deletes the session: cached reads lose it, and so do the personalized schedules that listed it', async () => {
    const READ_SCHEDULE = `{ node(id: "${schedule('1')}") { ... on PersonalizedSchedule { sessions { totalCount edges { node { sourceId } } } } } }`;
    const before = await harness.query<{ node: { sessions: { totalCount: number } } }>(READ_SCHEDULE);
    expect(before.data!.node.sessions.totalCount).toBe(3);
    expect((await harness.query(READ, { id: session('1'), guide: guide('18') })).data?.session).toBeTruthy();

    const payload = payloadOf(await harness.query(DELETE, { input: { clientMutationId: 'd1', id: session('1') } }), 'deleteSession');
    expect(payload).toEqual({ clientMutationId: 'd1', deletedSessionId: session('1'), userErrors: [] });

    const gone = await harness.query(READ, { id: session('1'), guide: guide('18') });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const after = await harness.query<{ node: { sessions: { totalCount: number; edges: Array<{ node: { sourceId: string } }> } } }>(READ_SCHEDULE);
    expect(after.data!.node.sessions.totalCount).toBe(2);
    expect(after.data!.node.sessions.edges.map((e) => e.node.sourceId)).not.toContain('1');

    const again = payloadOf(await harness.query(DELETE, { input: { id: session('1') } }), 'deleteSession');
    expect(again.deletedSessionId).toBeNull();
    expect(userErrorFields(again)).toEqual([['input.id', 'NOT_FOUND']]);
  });

  it('refuses the ID of another type before any upstream call', async () => {
    const payload = await refusedWithoutUpstreamCall(harness, DELETE, { input: { id: toGlobalId('Attendee', 'guidebook', '1') } }, 'deleteSession');
    expect(userErrorFields(payload)).toEqual([['input.id', 'BAD_USER_INPUT']]);
    expect(payload.userErrors[0]!.message).toBe('Must be the ID of a Session, not of a Attendee.');
  });

  it('a session that never existed is NOT_FOUND (not an error of the operation)', async () => {
    const response = await harness.query(DELETE, { input: { id: session('999999') } });
    expect(userErrorFields(payloadOf(response, 'deleteSession'))).toEqual([['input.id', 'NOT_FOUND']]);
  });
});

describe('a write Guidebook accepted but whose answer cannot be read', () => {
  it('is UPSTREAM_OUTCOME_UNKNOWN, not a failure, and cached reads are dropped all the same', async () => {
    const COUNT = `{ sessions(filter: { guideId: "${guide('19')}" }, first: 1) { totalCount } }`;
    const before = await harness.query<{ sessions: { totalCount: number } }>(COUNT);
    harness.emulators.guidebook.faults.add({ kind: 'wrong-shape', route: '/sessions/', method: 'POST', times: 1 });
    const response = await harness.query(CREATE, { input: { guideId: guide('19'), name: 'Unreadable', startTime: '2025-01-01T10:00:00Z' } });
    const error = errorOf(response, 'createSession');
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: 'guidebook' });
    expect(error.message).toMatch(/read the object back/);
    // The fault replaced the provider's answer, so nothing was stored; the point is that the
    // next read goes to the provider instead of the cache.
    harness.resetLogs();
    const after = await harness.query<{ sessions: { totalCount: number } }>(COUNT);
    expect(after.data!.sessions.totalCount).toBe(before.data!.sessions.totalCount);
    expect(harness.emulators.guidebook.log.count({ method: 'GET', route: '/sessions/' })).toBe(1);
  });
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/sessions/',
  method: 'POST',
  field: 'createSession',
  document: CREATE,
  variables: () => ({ input: { guideId: guide('1'), name: 'Failing', startTime: '2025-01-01T10:00:00Z' } }),
  rejected: {
    body: {
      description_html: ['Ensure this field has no more than 20000 characters.'],
      schedule_tracks: ['Invalid pk "7" - object does not exist.'],
      non_field_errors: ['Duplicate.'],
    },
    fields: [
      ['input', 'UPSTREAM_REJECTED'],
      ['input.descriptionHtml', 'UPSTREAM_REJECTED'],
      ['input.trackIds', 'UPSTREAM_REJECTED'],
    ],
  },
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/sessions/:id/',
  method: 'PATCH',
  field: 'updateSession',
  document: UPDATE,
  variables: () => ({ input: { id: session('42'), name: 'Failing' } }),
  rejected: {
    body: { name: ['This field may not be blank.'], registration_end_date: ['Setting this field requires that require_login is true.'] },
    fields: [
      ['input.name', 'UPSTREAM_REJECTED'],
      ['input.registrationEndTime', 'UPSTREAM_REJECTED'],
    ],
  },
  notFoundField: 'input.id',
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/sessions/:id/',
  method: 'DELETE',
  field: 'deleteSession',
  document: DELETE,
  variables: () => ({ input: { id: session('42') } }),
  rejected: { body: { detail: 'Cannot delete a session that is in use.' }, fields: [['input', 'UPSTREAM_REJECTED']] },
  notFoundField: 'input.id',
});
