import { createRoundwareEmulator, ROUNDWARE_DEMO_TOKEN, ROUNDWARE_DOCS_TOKEN, type RoundwareSession } from '@sessions-gateway/emulators/roundware';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const emulator = createRoundwareEmulator();
let base: string;

beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

async function post(body: unknown, options: { token?: string; form?: boolean; contentType?: string } = {}): Promise<Answer> {
  const form = options.form === true;
  const res = await request(`${base}sessions/`, {
    method: 'POST',
    headers: {
      authorization: `token ${options.token ?? ROUNDWARE_DOCS_TOKEN}`,
      'content-type': options.contentType ?? (form ? 'application/x-www-form-urlencoded' : 'application/json'),
    },
    body: typeof body === 'string' ? body : form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
  const text = await res.body.text();
  const json = String(res.headers['content-type']).startsWith('application/json') ? (JSON.parse(text) as unknown) : undefined;
  return { status: res.statusCode, headers: res.headers, text, json };
}

async function created(body: unknown, options?: Parameters<typeof post>[1]): Promise<RoundwareSession> {
  const res = await post(body, options);
  expect(res.status, res.text).toBe(200);
  return res.json as RoundwareSession;
}

const KEY_ORDER = [
  'id',
  'device_id',
  'starttime',
  'stoptime',
  'client_type',
  'client_system',
  'demo_stream_enabled',
  'geo_listen_enabled',
  'timezone',
  'project_id',
  'language_id',
];

describe('POST sessions/', () => {
  it('accepts the docs request and answers 200 (not 201) with server-set fields', async () => {
    const before = Date.now();
    const res = await post({
      project_id: 1,
      client_system: 'iOS 8.1',
      geo_listen_enabled: true,
      demo_stream_enabled: false,
      language: 'fr',
      timezone: '-8000',
    });
    expect(res.status).toBe(200);
    const session = res.json as RoundwareSession;
    expect(Object.keys(session)).toEqual(KEY_ORDER);
    expect(session).toMatchObject({
      id: 616,
      device_id: '12891038109281',
      stoptime: null,
      client_type: 'iPhone',
      client_system: 'iOS 8.1',
      demo_stream_enabled: false,
      geo_listen_enabled: true,
      timezone: '-8000',
      project_id: 1,
      language_id: 3,
    });
    // str(datetime.utcnow()) stored, isoformat() sent: naive, 'T', microseconds, no offset.
    expect(session.starttime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/);
    const sent = Date.parse(`${session.starttime.slice(0, 23)}Z`);
    expect(sent).toBeGreaterThanOrEqual(before - 1000);
    expect(sent).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('stores the session: it is listed last, retrievable and counted', async () => {
    const session = await created({ project_id: 2, geo_listen_enabled: false });
    const one = await request(`${base}sessions/${session.id}/`, { headers: { authorization: `Token ${ROUNDWARE_DEMO_TOKEN}` } });
    expect(await one.body.json()).toEqual(session);
    const all = (await (await request(`${base}sessions/`, { headers: { authorization: `Token ${ROUNDWARE_DEMO_TOKEN}` } })).body.json()) as RoundwareSession[];
    expect(all).toHaveLength(601);
    expect(all.at(-1)).toEqual(session);
  });

  it('overwrites device_id and starttime whatever the client sends', async () => {
    const session = await created({ project_id: 1, geo_listen_enabled: true, device_id: 'mine', starttime: '2001-01-01T00:00:00', id: 5 });
    expect(session.device_id).toBe('12891038109281');
    expect(session.starttime.startsWith('2001')).toBe(false);
    expect(session.id).toBe(616);
    const demo = await created({ project_id: 1, geo_listen_enabled: true }, { token: ROUNDWARE_DEMO_TOKEN });
    expect(demo.device_id).toBe('5d0f7a2e-8c1b-4e3a-9f6d-2b7c4a1e0d93');
    expect(demo.client_type).toBe('web');
  });

  it('applies the defaults: language 1, timezone "0000", demo stream off, the profile client_type, the project geo flag', async () => {
    const onProject1 = await created({ project_id: 1 });
    expect(onProject1).toMatchObject({
      language_id: 1,
      timezone: '0000',
      demo_stream_enabled: false,
      client_type: 'iPhone',
      client_system: null,
      geo_listen_enabled: true,
    });
    const onProject2 = await created({ project_id: 2 });
    expect(onProject2.geo_listen_enabled).toBe(false);
    expect((await created({ project_id: 2, client_type: 'Android' })).client_type).toBe('Android');
    expect((await created({ project_id: 2, client_type: null })).client_type).toBeNull();
  });

  it('accepts project as well as project_id; project_id wins when both are sent', async () => {
    expect((await created({ project: 3 })).project_id).toBe(3);
    expect((await created({ project: 3, project_id: 4 })).project_id).toBe(4);
    expect((await created({ project_id: '5' })).project_id).toBe(5);
  });

  it('resolves the language: code over id, en-US cut to en, unknown code to pk 1', async () => {
    expect((await created({ project_id: 1, language: 'de' })).language_id).toBe(4);
    expect((await created({ project_id: 1, language: 'es', language_id: 4 })).language_id).toBe(2);
    expect((await created({ project_id: 1, language: 'fr-CA' })).language_id).toBe(3);
    expect((await created({ project_id: 1, language: 'es-MX' })).language_id).toBe(2);
    expect((await created({ project_id: 1, language: 'zz' })).language_id).toBe(1);
    expect((await created({ project_id: 1, language: 'zz', language_id: 4 })).language_id).toBe(1);
    expect((await created({ project_id: 1, language_id: 4 })).language_id).toBe(4);
    expect((await created({ project_id: 1, language_id: null })).language_id).toBeNull();
  });

  it('rejects an unknown language_id with DRF relation errors keyed by "language"', async () => {
    const res = await post({ project_id: 1, language_id: 99 });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ language: ['Invalid pk "99" - object does not exist.'] });
    expect((await post({ project_id: 1, language_id: 'abc' })).json).toEqual({ language: ['Incorrect type. Expected pk value, received str.'] });
  });

  it('validates the timezone: RFC822 regex (the docs "-8000" passes), 5 characters at most', async () => {
    for (const timezone of ['-0800', '+0530', '0100', '-8000']) expect((await created({ project_id: 1, timezone })).timezone).toBe(timezone);
    for (const timezone of ['PST', '-08:0', '8']) {
      const res = await post({ project_id: 1, timezone });
      expect(res.status, timezone).toBe(400);
      expect(res.json).toEqual({ timezone: ["Timezone must be in RFC822 GMT format (e.g. '-0800')"] });
    }
    expect((await post({ project_id: 1, timezone: '-08:00' })).json).toEqual({ timezone: ['Ensure this field has no more than 5 characters.'] });
    expect((await post({ project_id: 1, timezone: '' })).json).toEqual({ timezone: ['This field may not be blank.'] });
    expect((await post({ project_id: 1, timezone: null })).json).toEqual({ timezone: ['This field may not be null.'] });
  });

  it('validates the other fields with DRF messages, all errors at once', async () => {
    const res = await post({
      project_id: 1,
      geo_listen_enabled: 'maybe',
      demo_stream_enabled: null,
      client_system: 'x'.repeat(129),
      stoptime: 'soon',
      timezone: 'UTC',
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      stoptime: ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'],
      client_system: ['Ensure this field has no more than 128 characters.'],
      demo_stream_enabled: ['This field may not be null.'],
      geo_listen_enabled: ['Must be a valid boolean.'],
      // validate_timezone runs per field, whatever the other fields' fate.
      timezone: ["Timezone must be in RFC822 GMT format (e.g. '-0800')"],
    });
  });

  it('takes a client stoptime as a naive datetime, converting an offset to UTC', async () => {
    expect((await created({ project_id: 1, stoptime: '2024-05-01T10:00:00.5' })).stoptime).toBe('2024-05-01T10:00:00.500000');
    expect((await created({ project_id: 1, stoptime: '2024-05-01T10:00:00+02:00' })).stoptime).toBe('2024-05-01T08:00:00');
  });

  it('crashes (500) without project and geo_listen_enabled, or with an unknown project and no geo_listen_enabled', async () => {
    for (const body of [{}, { client_system: 'iOS 8.1' }, { project_id: 99 }, { project_id: 'abc' }, { project: null }]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(500);
      expect(res.text).toBe('<h1>Server Error (500)</h1>');
    }
  });

  it('answers 400 keyed by "project" once geo_listen_enabled is sent', async () => {
    expect((await post({ project_id: 99, geo_listen_enabled: true })).json).toEqual({ project: ['Invalid pk "99" - object does not exist.'] });
    expect((await post({ geo_listen_enabled: true })).json).toEqual({ project: ['This field is required.'] });
    expect((await post({ project_id: null, geo_listen_enabled: false })).json).toEqual({ project: ['This field may not be null.'] });
    expect((await post({ project_id: 99, geo_listen_enabled: true, language_id: 77 })).json).toEqual({
      project: ['Invalid pk "99" - object does not exist.'],
      language: ['Invalid pk "77" - object does not exist.'],
    });
  });

  it('accepts a form body, where every value is text', async () => {
    const session = await created(
      { project_id: '4', language: 'en-US', demo_stream_enabled: 'true', timezone: '-0500', client_system: 'Android 13' },
      { form: true },
    );
    expect(session).toMatchObject({
      project_id: 4,
      language_id: 1,
      demo_stream_enabled: true,
      geo_listen_enabled: false,
      timezone: '-0500',
      client_system: 'Android 13',
    });
    expect((await post({ project_id: '1', geo_listen_enabled: 'True' }, { form: true })).status).toBe(200);
  });

  it('rejects bodies DRF cannot parse: 415 for other media types, 400 for broken JSON, 500 for a JSON list', async () => {
    const plain = await post('project_id=1', { contentType: 'text/plain' });
    expect(plain.status).toBe(415);
    expect(plain.json).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
    const broken = await post('{"project_id": 1', { contentType: 'application/json' });
    expect(broken.status).toBe(400);
    expect((broken.json as { detail: string }).detail).toMatch(/^JSON parse error - /);
    expect((await post([{ project_id: 1 }])).status).toBe(500);
    expect((await post({ project_id: 1, language: 5 })).status).toBe(500);
  });

  it('needs a token', async () => {
    const res = await request(`${base}sessions/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"project_id":1}' });
    expect(res.statusCode).toBe(401);
    expect(await res.body.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
  });
});
