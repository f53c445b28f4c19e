import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import type { Harness } from '../support/gatewayHarness.js';
import { describeUpstreamFailures, payloadOf, refusedWithoutUpstreamCall, startMutationHarness, userErrorFields, type PayloadShape } from './support.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startMutationHarness();
});
afterAll(() => harness?.close());

const guide = (id: string) => toGlobalId('Guide', 'guidebook', id);
const session = (id: string) => toGlobalId('Session', 'guidebook', id);
const attendee = (id: string) => toGlobalId('Attendee', 'guidebook', id);
const schedule = (id: string) => toGlobalId('PersonalizedSchedule', 'guidebook', id);

const FIELDS = 'id sourceId name guide { sourceId } sessions { totalCount edges { node { sourceId } } } attendees { totalCount edges { node { sourceId } } }';
const CREATE = `mutation($input: CreatePersonalizedScheduleInput!) { createPersonalizedSchedule(input: $input) { clientMutationId personalizedSchedule { ${FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdatePersonalizedScheduleInput!) { updatePersonalizedSchedule(input: $input) { clientMutationId personalizedSchedule { ${FIELDS} } userErrors { field message code } } }`;
const DELETE = `mutation($input: DeletePersonalizedScheduleInput!) { deletePersonalizedSchedule(input: $input) { clientMutationId deletedPersonalizedScheduleId userErrors { field message code } } }`;
const ATTENDEE_SCHEDULES = `query($id: ID!) { node(id: $id) { ... on Attendee { personalizedSchedules(first: 100) { totalCount edges { node { sourceId } } } } } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on PersonalizedSchedule { ${FIELDS} } } }`;

interface Schedule {
  id: string;
  sourceId: string;
  name: string;
  sessions: { totalCount: number; edges: Array<{ node: { sourceId: string } }> };
  attendees: { totalCount: number; edges: Array<{ node: { sourceId: string } }> };
}
type AttendeeSchedules = { node: { personalizedSchedules: { totalCount: number; edges: Array<{ node: { sourceId: string } }> } } };
const ids = (connection: { edges: Array<{ node: { sourceId: string } }> }) => connection.edges.map((e) => e.node.sourceId).sort();

describe('createPersonalizedSchedule', () => {
  it('creates the schedule; the attendee’s cached schedule list afterwards includes it', async () => {
    const before = await harness.query<AttendeeSchedules>(ATTENDEE_SCHEDULES, { id: attendee('6') });
    const input = {
      clientMutationId: 'p1',
      guideId: guide('18'),
      name: 'VIP track',
      sessionIds: [session('2'), session('3')],
      attendeeIds: [attendee('6'), attendee('7')],
    };
    const payload = payloadOf<PayloadShape & { personalizedSchedule: Schedule }>(await harness.query(CREATE, { input }), 'createPersonalizedSchedule');
    expect(payload.clientMutationId).toBe('p1');
    expect(payload.personalizedSchedule).toMatchObject({ name: 'VIP track', guide: { sourceId: '18' } });
    expect(ids(payload.personalizedSchedule.sessions)).toEqual(['2', '3']);
    expect(ids(payload.personalizedSchedule.attendees)).toEqual(['6', '7']);

    const after = await harness.query<AttendeeSchedules>(ATTENDEE_SCHEDULES, { id: attendee('6') });
    expect(after.data!.node.personalizedSchedules.totalCount).toBe(before.data!.node.personalizedSchedules.totalCount + 1);
    expect(ids(after.data!.node.personalizedSchedules)).toContain(payload.personalizedSchedule.sourceId);
  });

  it.each([
    ['a blank name', { name: '' }, [['input.name', 'BAD_USER_INPUT']]],
    ['a Planstone session', { sessionIds: [session('2'), toGlobalId('Session', 'planstone', 'abc')] }, [['input.sessionIds.1', 'BAD_USER_INPUT']]],
    ['a session ID among the attendees', { attendeeIds: [session('2')] }, [['input.attendeeIds.0', 'BAD_USER_INPUT']]],
  ])('refuses %s before any upstream call', async (_name, change, fields) => {
    const input = { guideId: guide('18'), name: 'Valid', sessionIds: [], attendeeIds: [], ...change };
    const payload = await refusedWithoutUpstreamCall(harness, CREATE, { input }, 'createPersonalizedSchedule');
    expect(userErrorFields(payload)).toEqual(fields);
  });

  it('a session of another guide is refused by Guidebook, at input.sessionIds', async () => {
    const input = { guideId: guide('18'), name: 'Mixed', sessionIds: [session('4')], attendeeIds: [] };
    const payload = payloadOf(await harness.query(CREATE, { input }), 'createPersonalizedSchedule');
    expect(userErrorFields(payload)).toEqual([['input.sessionIds', 'UPSTREAM_REJECTED']]);
  });
});

describe('updatePersonalizedSchedule', () => {
  it('replaces the sessions, keeps the attendees; a cached read afterwards sees it', async () => {
    const before = await harness.query<{ node: Schedule }>(READ, { id: schedule('2') });
    expect(ids(before.data!.node.sessions)).toEqual(['4', '5', '6']);
    const payload = payloadOf<PayloadShape & { personalizedSchedule: Schedule }>(
      await harness.query(UPDATE, { input: { id: schedule('2'), sessionIds: [session('6')] } }),
      'updatePersonalizedSchedule',
    );
    expect(ids(payload.personalizedSchedule.sessions)).toEqual(['6']);
    expect(ids(payload.personalizedSchedule.attendees)).toEqual(ids(before.data!.node.attendees));
    const after = await harness.query<{ node: Schedule }>(READ, { id: schedule('2') });
    expect(after.data!.node).toEqual(payload.personalizedSchedule);
  });

  it('removing an attendee takes the schedule off that attendee’s cached list', async () => {
    const before = await harness.query<AttendeeSchedules>(ATTENDEE_SCHEDULES, { id: attendee('9') });
    expect(ids(before.data!.node.personalizedSchedules)).toContain('2');
    payloadOf(await harness.query(UPDATE, { input: { id: schedule('2'), attendeeIds: [attendee('10')] } }), 'updatePersonalizedSchedule');
    const after = await harness.query<AttendeeSchedules>(ATTENDEE_SCHEDULES, { id: attendee('9') });
    expect(ids(after.data!.node.personalizedSchedules)).not.toContain('2');
  });

  it.each([
    ['nothing to change', {}, [['input', 'BAD_USER_INPUT']]],
    ['a null session list', { sessionIds: null }, [['input.sessionIds', 'BAD_USER_INPUT']]],
    ['the ID of an Attendee as the schedule', { id: attendee('9'), sessionIds: [] }, [['input.id', 'BAD_USER_INPUT']]],
  ])('refuses %s before any upstream call', async (_name, change, fields) => {
    const payload = await refusedWithoutUpstreamCall(harness, UPDATE, { input: { id: schedule('2'), ...change } }, 'updatePersonalizedSchedule');
    expect(userErrorFields(payload)).toEqual(fields);
  });
});

describe('deletePersonalizedSchedule', () => {
  it('deletes the schedule; cached reads of it and of its attendees lose it', async () => {
    await harness.query(READ, { id: schedule('1') });
    const before = await harness.query<AttendeeSchedules>(ATTENDEE_SCHEDULES, { id: attendee('8') });
    expect(ids(before.data!.node.personalizedSchedules)).toContain('1');
    const payload = payloadOf(await harness.query(DELETE, { input: { id: schedule('1') } }), 'deletePersonalizedSchedule');
    expect(payload).toEqual({ clientMutationId: null, deletedPersonalizedScheduleId: schedule('1'), userErrors: [] });
    const gone = await harness.query(READ, { id: schedule('1') });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const after = await harness.query<AttendeeSchedules>(ATTENDEE_SCHEDULES, { id: attendee('8') });
    expect(ids(after.data!.node.personalizedSchedules)).not.toContain('1');
  });

  it('refuses a Planstone ID before any upstream call', async () => {
    const payload = await refusedWithoutUpstreamCall(
      harness,
      DELETE,
      { input: { id: toGlobalId('PersonalizedSchedule', 'planstone', '1') } },
      'deletePersonalizedSchedule',
    );
    expect(userErrorFields(payload)).toEqual([['input.id', 'BAD_USER_INPUT']]);
  });
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/personalized-schedules/',
  method: 'POST',
  field: 'createPersonalizedSchedule',
  document: CREATE,
  variables: () => ({ input: { guideId: guide('19'), name: 'Failing', sessionIds: [session('4')], attendeeIds: [attendee('9')] } }),
  rejected: {
    body: { attendees: ['Invalid pk "9" - object does not exist.'], name: ['This field is required.'] },
    fields: [
      ['input.attendeeIds', 'UPSTREAM_REJECTED'],
      ['input.name', 'UPSTREAM_REJECTED'],
    ],
  },
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/personalized-schedules/:id/',
  method: 'PATCH',
  field: 'updatePersonalizedSchedule',
  document: UPDATE,
  variables: () => ({ input: { id: schedule('3'), sessionIds: [] } }),
  rejected: { body: { sessions: ['Expected a list of items but got type "str".'] }, fields: [['input.sessionIds', 'UPSTREAM_REJECTED']] },
  notFoundField: 'input.id',
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/personalized-schedules/:id/',
  method: 'DELETE',
  field: 'deletePersonalizedSchedule',
  document: DELETE,
  variables: () => ({ input: { id: schedule('3') } }),
  rejected: { body: { non_field_errors: ['Published schedules cannot be deleted.'] }, fields: [['input', 'UPSTREAM_REJECTED']] },
  notFoundField: 'input.id',
});
