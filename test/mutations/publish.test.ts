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
const attendee = (id: string) => toGlobalId('Attendee', 'guidebook', id);

const REQUEST = 'publishRequest { scope acceptedAt guide { sourceId } attendee { sourceId } }';
const PUBLISH_GUIDE = `mutation($input: PublishGuideInput!) { publishGuide(input: $input) { clientMutationId ${REQUEST} userErrors { field message code } } }`;
const PUBLISH_SCHEDULES = `mutation($input: PublishPersonalizedSchedulesInput!) { publishPersonalizedSchedules(input: $input) { clientMutationId ${REQUEST} userErrors { field message code } } }`;
const PUBLISH_ATTENDEE = `mutation($input: PublishAttendeePersonalizedSchedulesInput!) {
  publishAttendeePersonalizedSchedules(input: $input) { clientMutationId ${REQUEST} userErrors { field message code } }
}`;

type PublishPayload = PayloadShape & {
  publishRequest: { scope: string; acceptedAt: string; guide: { sourceId: string } | null; attendee: { sourceId: string } | null };
};

describe('publishGuide', () => {
  it('Guidebook accepts (202): a typed publish request', async () => {
    harness.resetLogs();
    const started = Date.now();
    const payload = payloadOf<PublishPayload>(await harness.query(PUBLISH_GUIDE, { input: { clientMutationId: 'pub', guideId: guide('42') } }), 'publishGuide');
    expect(harness.emulators.guidebook.log.count({ method: 'POST', route: '/guides/:id/publish/' })).toBe(1);
    expect(payload).toMatchObject({ clientMutationId: 'pub', userErrors: [], publishRequest: { scope: 'GUIDE', guide: { sourceId: '42' }, attendee: null } });
    expect(Date.parse(payload.publishRequest.acceptedAt)).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
  });

  it('a third publish of one guide within a minute: Guidebook’s 429, as UPSTREAM_RATE_LIMITED with retryAfter', async () => {
    for (const _ of [1, 2]) payloadOf(await harness.query(PUBLISH_GUIDE, { input: { guideId: guide('43') } }), 'publishGuide');
    harness.resetLogs();
    const error = errorOf(await harness.query(PUBLISH_GUIDE, { input: { guideId: guide('43') } }), 'publishGuide');
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', provider: 'guidebook', upstreamStatus: 429 });
    expect(error.extensions.retryAfter).toBeGreaterThan(0);
    expect(harness.upstreamCalls().guidebook).toBe(1);
  });

  it('a guide Guidebook does not have: NOT_FOUND at input.guideId', async () => {
    const payload = payloadOf<PublishPayload>(await harness.query(PUBLISH_GUIDE, { input: { guideId: guide('999') } }), 'publishGuide');
    expect(payload.publishRequest).toBeNull();
    expect(userErrorFields(payload)).toEqual([['input.guideId', 'NOT_FOUND']]);
  });

  it.each([
    ['the ID of an Attendee', attendee('1')],
    ['a Planstone guide', toGlobalId('Guide', 'planstone', '1')],
    ['an ID that is not one', 'Z3VpZGU6'],
  ])('refuses %s before any upstream call', async (_name, guideId) => {
    const payload = await refusedWithoutUpstreamCall(harness, PUBLISH_GUIDE, { input: { guideId } }, 'publishGuide');
    expect(userErrorFields(payload)).toEqual([['input.guideId', 'BAD_USER_INPUT']]);
  });
});

describe('publishPersonalizedSchedules', () => {
  it('Guidebook accepts (202) for the whole guide', async () => {
    const payload = payloadOf<PublishPayload>(await harness.query(PUBLISH_SCHEDULES, { input: { guideId: guide('18') } }), 'publishPersonalizedSchedules');
    expect(payload.publishRequest).toMatchObject({ scope: 'GUIDE_PERSONALIZED_SCHEDULES', guide: { sourceId: '18' }, attendee: null });
  });

  it('refuses the ID of a schedule before any upstream call', async () => {
    const payload = await refusedWithoutUpstreamCall(
      harness,
      PUBLISH_SCHEDULES,
      { input: { guideId: toGlobalId('PersonalizedSchedule', 'guidebook', '1') } },
      'publishPersonalizedSchedules',
    );
    expect(userErrorFields(payload)).toEqual([['input.guideId', 'BAD_USER_INPUT']]);
  });
});

describe('publishAttendeePersonalizedSchedules', () => {
  it('Guidebook accepts (202) for one attendee; the request names the attendee and their guide', async () => {
    const payload = payloadOf<PublishPayload>(
      await harness.query(PUBLISH_ATTENDEE, { input: { attendeeId: attendee('6') } }),
      'publishAttendeePersonalizedSchedules',
    );
    expect(payload.publishRequest).toMatchObject({ scope: 'ATTENDEE_PERSONALIZED_SCHEDULES', attendee: { sourceId: '6' }, guide: { sourceId: '18' } });
  });

  it('an attendee Guidebook does not have: NOT_FOUND at input.attendeeId', async () => {
    const payload = payloadOf<PublishPayload>(
      await harness.query(PUBLISH_ATTENDEE, { input: { attendeeId: attendee('99999') } }),
      'publishAttendeePersonalizedSchedules',
    );
    expect(userErrorFields(payload)).toEqual([['input.attendeeId', 'NOT_FOUND']]);
  });

  it('refuses a guide ID before any upstream call', async () => {
    const payload = await refusedWithoutUpstreamCall(harness, PUBLISH_ATTENDEE, { input: { attendeeId: guide('1') } }, 'publishAttendeePersonalizedSchedules');
    expect(userErrorFields(payload)).toEqual([['input.attendeeId', 'BAD_USER_INPUT']]);
  });
});

const notPremium = {
  body: { non_field_errors: ['This feature requires a published Premium guide.'] },
  fields: [['input', 'UPSTREAM_REJECTED']] as Array<[string, string]>,
};

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/guides/:id/publish/',
  method: 'POST',
  field: 'publishGuide',
  document: PUBLISH_GUIDE,
  variables: () => ({ input: { guideId: guide('19') } }),
  rejected: notPremium,
  notFoundField: 'input.guideId',
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/guides/:id/publish-personalized-schedules/',
  method: 'POST',
  field: 'publishPersonalizedSchedules',
  document: PUBLISH_SCHEDULES,
  variables: () => ({ input: { guideId: guide('19') } }),
  rejected: notPremium,
  notFoundField: 'input.guideId',
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/attendees/:id/publish-personalized-schedules/',
  method: 'POST',
  field: 'publishAttendeePersonalizedSchedules',
  document: PUBLISH_ATTENDEE,
  variables: () => ({ input: { attendeeId: attendee('9') } }),
  rejected: notPremium,
  notFoundField: 'input.attendeeId',
});
