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
const attendee = (id: string) => toGlobalId('Attendee', 'guidebook', id);

const FIELDS = 'id sourceId email firstName lastName importId revoked emailOptOut status profile { company position } guide { sourceId }';
const CREATE = `mutation($input: CreateAttendeeInput!) { createAttendee(input: $input) { clientMutationId attendee { ${FIELDS} } created userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateAttendeeInput!) { updateAttendee(input: $input) { clientMutationId attendee { ${FIELDS} } userErrors { field message code } } }`;
const BY_EMAIL = `query($guide: ID!, $email: String!) { attendees(filter: { guideId: $guide, email: $email }) { totalCount edges { node { ${FIELDS} } } } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on Attendee { ${FIELDS} } } }`;

interface Attendee {
  id: string;
  sourceId: string;
  email: string;
  firstName: string;
  importId: string | null;
  revoked: boolean;
  emailOptOut: boolean;
  status: string;
}
type CreatePayload = PayloadShape & { attendee: Attendee; created: boolean };

describe('createAttendee', () => {
  it('a new email: created, and the cached attendee list afterwards has it', async () => {
    const email = 'new.person@example.org';
    const before = await harness.query<{ attendees: { totalCount: number } }>(BY_EMAIL, { guide: guide('1'), email });
    expect(before.data!.attendees.totalCount).toBe(0);
    const input = {
      clientMutationId: 'a1',
      guideId: guide('1'),
      email,
      firstName: 'New',
      lastName: 'Person',
      importId: 'np-1',
      profile: { company: 'ACME', position: 'CTO' },
    };
    const payload = payloadOf<CreatePayload>(await harness.query(CREATE, { input }), 'createAttendee');
    expect(payload).toMatchObject({ clientMutationId: 'a1', created: true, userErrors: [] });
    expect(payload.attendee).toMatchObject({
      email,
      firstName: 'New',
      lastName: 'Person',
      importId: 'np-1',
      revoked: false,
      emailOptOut: false,
      status: 'CREATED',
      profile: { company: 'ACME', position: 'CTO' },
      guide: { sourceId: '1' },
    });
    const after = await harness.query<{ attendees: { totalCount: number; edges: Array<{ node: Attendee }> } }>(BY_EMAIL, { guide: guide('1'), email });
    expect(after.data!.attendees.totalCount).toBe(1);
    expect(after.data!.attendees.edges[0]!.node).toEqual(payload.attendee);
  });

  it('an email the guide already has: the existing attendee, unchanged, with created false', async () => {
    const existing = (await harness.query<{ node: Attendee }>(READ, { id: attendee('5') })).data!.node;
    const input = { guideId: guide('1'), email: existing.email, firstName: 'Someone Else', importId: 'other-import-id', revoked: !existing.revoked };
    const payload = payloadOf<CreatePayload>(await harness.query(CREATE, { input }), 'createAttendee');
    expect(payload.created).toBe(false);
    expect(payload.attendee).toEqual(existing);
  });

  it('the same attendee posted twice: created, then not', async () => {
    const input = { guideId: guide('42'), email: 'twice@example.org', importId: 'tw' };
    const first = payloadOf<CreatePayload>(await harness.query(CREATE, { input }), 'createAttendee');
    const second = payloadOf<CreatePayload>(
      await harness.query(CREATE, { input: { ...input, email: 'TWICE@example.org', importId: 'changed' } }),
      'createAttendee',
    );
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.attendee).toEqual(first.attendee);
  });

  it('the identical attendee posted twice: the second is not created (Guidebook answers 200, not 201)', async () => {
    // Regression: with nothing in the answer differing from what was sent, only the status
    // tells an existing attendee apart, and send() used to drop it.
    const input = { guideId: guide('42'), email: 'identical@example.org' };
    const first = payloadOf<CreatePayload>(await harness.query(CREATE, { input }), 'createAttendee');
    const second = payloadOf<CreatePayload>(await harness.query(CREATE, { input }), 'createAttendee');
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.attendee).toEqual(first.attendee);
  });

  it.each([
    ['an invalid email', { email: 'not an email' }, [['input.email', 'BAD_USER_INPUT']]],
    ['a Planstone guide', { guideId: toGlobalId('Guide', 'planstone', '1') }, [['input.guideId', 'BAD_USER_INPUT']]],
    ['an attendee ID as guideId', { guideId: attendee('1') }, [['input.guideId', 'BAD_USER_INPUT']]],
  ])('refuses %s before any upstream call', async (_name, change, fields) => {
    const payload = await refusedWithoutUpstreamCall(harness, CREATE, { input: { guideId: guide('1'), email: 'ok@example.org', ...change } }, 'createAttendee');
    expect(userErrorFields(payload)).toEqual(fields);
    expect(payload.created).toBe(false);
  });

  it('a guide Guidebook does not have: its 400 comes back at input.guideId', async () => {
    const payload = payloadOf<CreatePayload>(await harness.query(CREATE, { input: { guideId: guide('999'), email: 'x@example.org' } }), 'createAttendee');
    expect(userErrorFields(payload)).toEqual([['input.guideId', 'UPSTREAM_REJECTED']]);
    expect(payload.created).toBe(false);
  });
});

describe('updateAttendee', () => {
  it('revokes, opts out and re-imports; cached reads of the attendee and of schedules by import id see it', async () => {
    const SCHEDULES_BY_IMPORT_ID = `query($importId: String!) { personalizedSchedules(filter: { attendeeImportId: $importId }) { totalCount } }`;
    await harness.query(READ, { id: attendee('7') });
    const byNewId = await harness.query<{ personalizedSchedules: { totalCount: number } }>(SCHEDULES_BY_IMPORT_ID, { importId: 'reimported-7' });
    expect(byNewId.data!.personalizedSchedules.totalCount).toBe(0);

    const input = { clientMutationId: 'u', id: attendee('7'), revoked: true, emailOptOut: true, importId: 'reimported-7' };
    const payload = payloadOf<PayloadShape & { attendee: Attendee }>(await harness.query(UPDATE, { input }), 'updateAttendee');
    expect(payload.attendee).toMatchObject({ sourceId: '7', revoked: true, emailOptOut: true, importId: 'reimported-7' });

    const after = await harness.query<{ node: Attendee }>(READ, { id: attendee('7') });
    expect(after.data!.node).toEqual(payload.attendee);
    const schedules = await harness.query<{ personalizedSchedules: { totalCount: number } }>(SCHEDULES_BY_IMPORT_ID, { importId: 'reimported-7' });
    expect(schedules.data!.personalizedSchedules.totalCount).toBeGreaterThan(0);
  });

  it('null clears the import id', async () => {
    const payload = payloadOf<PayloadShape & { attendee: Attendee }>(
      await harness.query(UPDATE, { input: { id: attendee('7'), importId: null } }),
      'updateAttendee',
    );
    expect(payload.attendee.importId).toBeNull();
  });

  it.each([
    ['nothing to change', { id: attendee('7') }, [['input', 'BAD_USER_INPUT']]],
    ['a null revoked flag', { id: attendee('7'), revoked: null }, [['input.revoked', 'BAD_USER_INPUT']]],
    ['the ID of a Guide', { id: guide('1'), revoked: true }, [['input.id', 'BAD_USER_INPUT']]],
  ])('refuses %s before any upstream call', async (_name, input, fields) => {
    const payload = await refusedWithoutUpstreamCall(harness, UPDATE, { input }, 'updateAttendee');
    expect(userErrorFields(payload)).toEqual(fields);
  });
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/attendees/',
  method: 'POST',
  field: 'createAttendee',
  document: CREATE,
  variables: () => ({ input: { guideId: guide('1'), email: 'failing@example.org' } }),
  rejected: {
    body: { email: ['Enter a valid email address.'], app_profile: { contact_email: ['Enter a valid email address.'] } },
    fields: [
      ['input.email', 'UPSTREAM_REJECTED'],
      ['input.profile.contactEmail', 'UPSTREAM_REJECTED'],
    ],
  },
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/attendees/:id/',
  method: 'PATCH',
  field: 'updateAttendee',
  document: UPDATE,
  variables: () => ({ input: { id: attendee('2'), revoked: false } }),
  rejected: { body: { email_opt_out: ['Must be a valid boolean.'] }, fields: [['input.emailOptOut', 'UPSTREAM_REJECTED']] },
  notFoundField: 'input.id',
});
