import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

const FIELDS = 'id sourceId projectId languageId deviceId clientType clientSystem demoStreamEnabled geoListenEnabled timeZone startTime stopTime';
const START = `mutation($input: StartClientSessionInput!) { startClientSession(input: $input) { clientMutationId clientSession { ${FIELDS} } userErrors { field message code } } }`;

interface ClientSession {
  id: string;
  sourceId: string;
  projectId: number;
  languageId: number | null;
  deviceId: string | null;
  clientType: string | null;
  clientSystem: string | null;
  demoStreamEnabled: boolean;
  geoListenEnabled: boolean;
  timeZone: string;
  startTime: string | null;
  stopTime: string | null;
}
type StartPayload = PayloadShape & { clientSession: ClientSession };

describe('startClientSession', () => {
  it('with only the required fields: Roundware’s defaults; the cached session list afterwards has it', async () => {
    const COUNT = '{ clientSessions(filter: { projectId: 2 }) { totalCount } }';
    const before = await harness.query<{ clientSessions: { totalCount: number } }>(COUNT);
    harness.resetLogs();
    const started = Date.now();
    const payload = payloadOf<StartPayload>(
      await harness.query(START, { input: { clientMutationId: 'rw', projectId: 2, clientSystem: 'iOS 10.2' } }),
      'startClientSession',
    );
    expect(harness.emulators.roundware.log.count({ method: 'POST', route: '/sessions/' })).toBe(1);
    expect(payload.clientMutationId).toBe('rw');
    expect(payload.clientSession).toMatchObject({
      projectId: 2,
      clientSystem: 'iOS 10.2',
      languageId: 1,
      timeZone: '0000',
      demoStreamEnabled: false,
      // project 2's own default, and the token user's client type
      geoListenEnabled: false,
      clientType: 'web',
      stopTime: null,
    });
    expect(payload.clientSession.deviceId).toBeTruthy();
    expect(Date.parse(payload.clientSession.startTime!)).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 - 1000);

    const after = await harness.query<{ clientSessions: { totalCount: number } }>(COUNT);
    expect(after.data!.clientSessions.totalCount).toBe(before.data!.clientSessions.totalCount + 1);
    const node = await harness.query<{ node: ClientSession }>(`{ node(id: "${payload.clientSession.id}") { ... on ClientSession { ${FIELDS} } } }`);
    expect(node.data!.node).toEqual(payload.clientSession);
  });

  it('sends what is given: a language code beats the default, the time zone and flags are kept', async () => {
    const input = {
      projectId: 1,
      clientSystem: 'Android 13',
      clientType: 'Android',
      languageCode: 'es',
      demoStreamEnabled: true,
      geoListenEnabled: false,
      timeZone: '+0530',
    };
    const payload = payloadOf<StartPayload>(await harness.query(START, { input }), 'startClientSession');
    expect(payload.clientSession).toMatchObject({
      projectId: 1,
      clientType: 'Android',
      languageId: 2,
      demoStreamEnabled: true,
      geoListenEnabled: false,
      timeZone: '+0530',
    });
  });

  it('a regional code is cut to its language, and a language id is used as given', async () => {
    const regional = payloadOf<StartPayload>(
      await harness.query(START, { input: { projectId: 1, clientSystem: 'x', languageCode: 'fr-CA' } }),
      'startClientSession',
    );
    const byId = payloadOf<StartPayload>(await harness.query(START, { input: { projectId: 1, clientSystem: 'x', languageId: 4 } }), 'startClientSession');
    expect([regional.clientSession.languageId, byId.clientSession.languageId]).toEqual([3, 4]);
  });

  it.each([
    ['a time zone longer than 5 characters', { timeZone: '-08:00' }, [['input.timeZone', 'BAD_USER_INPUT']], /5 characters/],
    ['a time zone not in RFC 822 form', { timeZone: '8:00' }, [['input.timeZone', 'BAD_USER_INPUT']], /RFC 822/],
    ['a time zone of 5 characters that is no offset', { timeZone: '08000' }, [['input.timeZone', 'BAD_USER_INPUT']], /RFC 822/],
    ['project 0', { projectId: 0 }, [['input.projectId', 'BAD_USER_INPUT']], /positive/],
    ['a blank client system', { clientSystem: '  ' }, [['input.clientSystem', 'BAD_USER_INPUT']], /blank/],
    ['a client system over 128 characters', { clientSystem: 'x'.repeat(129) }, [['input.clientSystem', 'BAD_USER_INPUT']], /128/],
    ['both a language code and a language id', { languageCode: 'en', languageId: 2 }, [['input.languageId', 'BAD_USER_INPUT']], /not both/],
    ['a language code that is none', { languageCode: '12' }, [['input.languageCode', 'BAD_USER_INPUT']], /language code/],
  ])('refuses %s before any upstream call', async (_name, change, fields, message) => {
    const payload = await refusedWithoutUpstreamCall(harness, START, { input: { projectId: 1, clientSystem: 'iOS', ...change } }, 'startClientSession');
    expect(userErrorFields(payload)).toEqual(fields);
    expect(payload.userErrors[0]!.message).toMatch(message);
  });

  it('Roundware’s 400s keyed by model field come back at the input fields (project → projectId, language → languageId)', async () => {
    const project = payloadOf(await harness.query(START, { input: { projectId: 99, clientSystem: 'iOS', geoListenEnabled: true } }), 'startClientSession');
    expect(userErrorFields(project)).toEqual([['input.projectId', 'UPSTREAM_REJECTED']]);
    const language = payloadOf(await harness.query(START, { input: { projectId: 1, clientSystem: 'iOS', languageId: 99 } }), 'startClientSession');
    expect(userErrorFields(language)).toEqual([['input.languageId', 'UPSTREAM_REJECTED']]);
    expect(language.userErrors[0]!.message).toMatch(/Invalid pk "99"/);
  });

  it('an unknown project without geoListenEnabled makes Roundware crash: UPSTREAM_UNAVAILABLE, nothing created', async () => {
    const COUNT = '{ clientSessions { totalCount } }';
    const before = await harness.query<{ clientSessions: { totalCount: number } }>(COUNT);
    const error = errorOf(await harness.query(START, { input: { projectId: 99, clientSystem: 'iOS' } }), 'startClientSession');
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'roundware', upstreamStatus: 500 });
    const after = await harness.query<{ clientSessions: { totalCount: number } }>(COUNT);
    expect(after.data!.clientSessions.totalCount).toBe(before.data!.clientSessions.totalCount);
  });
});

describeUpstreamFailures(() => harness, {
  provider: 'roundware',
  route: '/sessions/',
  method: 'POST',
  field: 'startClientSession',
  document: START,
  variables: () => ({ input: { projectId: 1, clientSystem: 'iOS 8.1' } }),
  rejected: {
    body: { timezone: ["Timezone must be in RFC822 GMT format (e.g. '-0800')"], project: ['This field is required.'], starttime: ['Invalid.'] },
    fields: [
      ['input', 'UPSTREAM_REJECTED'],
      ['input.projectId', 'UPSTREAM_REJECTED'],
      ['input.timeZone', 'UPSTREAM_REJECTED'],
    ],
  },
});
