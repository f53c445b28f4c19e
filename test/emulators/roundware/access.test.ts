import { createRoundwareEmulator, ROUNDWARE_DEMO_TOKEN, ROUNDWARE_DOCS_TOKEN } from '@sessions-gateway/emulators/roundware';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const emulator = createRoundwareEmulator();
let base: string;

beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function call(method: string, path: string, options: { authorization?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const res = await request(base + path, {
    method: method as 'GET',
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await res.body.text();
  const json = String(res.headers['content-type']).startsWith('application/json') && text ? (JSON.parse(text) as unknown) : undefined;
  return { status: res.statusCode, headers: res.headers, text, json };
}

const demo = `token ${ROUNDWARE_DEMO_TOKEN}`;

describe('token authentication', () => {
  it('accepts the docs tokens with the keyword in any case', async () => {
    expect(ROUNDWARE_DEMO_TOKEN).toBe('aed40ccd8bbc291bf04ccea20627cd8f83eee9ca');
    for (const authorization of [demo, `Token ${ROUNDWARE_DEMO_TOKEN}`, `TOKEN ${ROUNDWARE_DEMO_TOKEN}`, `token ${ROUNDWARE_DOCS_TOKEN}`]) {
      expect((await call('GET', 'sessions/1/', { authorization })).status, authorization).toBe(200);
    }
  });

  it('answers 401 with WWW-Authenticate: Token and the DRF message for each failure', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'Authentication credentials were not provided.'],
      ['Bearer aed40ccd8bbc291bf04ccea20627cd8f83eee9ca', 'Authentication credentials were not provided.'],
      ['token 0000000000000000000000000000000000000000', 'Invalid token.'],
      ['token', 'Invalid token header. No credentials provided.'],
      ['Token a b', 'Invalid token header. Token string should not contain spaces.'],
    ];
    for (const [authorization, message] of cases) {
      for (const path of ['sessions/', 'sessions/1/', 'sessions/count/']) {
        const res = await call('GET', path, { authorization });
        expect(res.status, `${authorization} ${path}`).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Token');
        expect(res.json).toEqual({ detail: message });
      }
    }
  });
});

describe('methods the viewset does not define', () => {
  it('answers 405 with DRF body and Allow header, after authentication', async () => {
    for (const [method, path, allow] of [
      ['PATCH', 'sessions/1/', 'GET, HEAD, OPTIONS'],
      ['PUT', 'sessions/1/', 'GET, HEAD, OPTIONS'],
      ['DELETE', 'sessions/1/', 'GET, HEAD, OPTIONS'],
      ['POST', 'sessions/1/', 'GET, HEAD, OPTIONS'],
      ['DELETE', 'sessions/', 'GET, POST, HEAD, OPTIONS'],
      ['POST', 'sessions/count/', 'GET, HEAD, OPTIONS'],
      ['GET', 'users/', 'POST, OPTIONS'],
      ['GET', 'login/', 'POST, OPTIONS'],
    ] as const) {
      const res = await call(method, path, { authorization: demo, json: method === 'GET' ? undefined : { stoptime: '2024-01-01T00:00:00' } });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.json).toEqual({ detail: `Method "${method}" not allowed.` });
      expect(res.headers.allow).toBe(allow);
    }
    const anonymous = await call('PATCH', 'sessions/1/');
    expect(anonymous.status).toBe(401);
  });

  it('answers OPTIONS with DRF metadata and HEAD like GET without a body', async () => {
    const options = await call('OPTIONS', 'sessions/', { authorization: demo });
    expect(options.status).toBe(200);
    expect(options.json).toMatchObject({ name: 'Session List', parses: expect.arrayContaining(['application/json']) });
    const head = await call('HEAD', 'sessions/1/', { authorization: demo });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });
});

describe('POST users/', () => {
  it('makes an anonymous user without auth (200) and reuses it for the same device_id', async () => {
    const first = await call('POST', 'users/', { json: { device_id: 'device-42', client_type: 'Android', client_system: 'Android 13' } });
    expect(first.status).toBe(200);
    const user = first.json as Record<string, unknown>;
    expect(Object.keys(user)).toEqual(['id', 'username', 'token', 'first_name', 'last_name', 'email', 'device_id', 'client_type']);
    expect(user).toMatchObject({ id: 3, first_name: '', last_name: '', email: '', device_id: 'device-42', client_type: 'Android' });
    expect(user.token).toMatch(/^[0-9a-f]{40}$/);
    const again = await call('POST', 'users/', { json: { device_id: 'device-42', client_type: 'iPhone' } });
    expect(again.json).toEqual(user);
    const other = await call('POST', 'users/', { json: { device_id: 'device-43' } });
    expect((other.json as { token: string }).token).not.toBe(user.token);

    // The token works, and a session made with it carries the device and client type.
    const session = await call('POST', 'sessions/', { authorization: `Token ${String(user.token)}`, json: { project_id: 5 } });
    expect(session.json).toMatchObject({ device_id: 'device-42', client_type: 'Android', geo_listen_enabled: true });
  });

  it('returns the seeded user for a seeded device', async () => {
    const res = await call('POST', 'users/', { json: { device_id: '12891038109281' } });
    expect(res.json).toMatchObject({ id: 1, username: 'round', token: ROUNDWARE_DOCS_TOKEN, client_type: 'iPhone' });
  });

  it('crashes without a device_id, and still rejects a bad token header', async () => {
    expect((await call('POST', 'users/', { json: { client_type: 'web' } })).status).toBe(500);
    const bad = await call('POST', 'users/', { authorization: 'token nope', json: { device_id: 'x' } });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ detail: 'Invalid token.' });
  });
});

describe('POST login/', () => {
  it('trades the docs credentials round/round and the demo user for their tokens', async () => {
    expect(await call('POST', 'login/', { json: { username: 'round', password: 'round' } })).toMatchObject({
      status: 200,
      json: { token: ROUNDWARE_DOCS_TOKEN },
    });
    expect((await call('POST', 'login/', { json: { username: 'gateway-demo', password: 'gateway-demo' } })).json).toEqual({ token: ROUNDWARE_DEMO_TOKEN });
  });

  it('answers AuthTokenSerializer errors', async () => {
    const wrong = await call('POST', 'login/', { json: { username: 'round', password: 'wrong' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual({ non_field_errors: ['Unable to log in with provided credentials.'] });
    expect((await call('POST', 'login/', { json: {} })).json).toEqual({ username: ['This field is required.'], password: ['This field is required.'] });
  });
});

describe('throttling, routing and reset', () => {
  it('injects DRF throttling answers through rate-limit faults', async () => {
    emulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 42, route: '/sessions/', times: 1 });
    const limited = await call('GET', 'sessions/', { authorization: demo });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('42');
    expect(limited.json).toEqual({ detail: 'Request was throttled. Expected available in 42 seconds.' });
    emulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 1, times: 1 });
    expect((await call('GET', 'sessions/1/', { authorization: demo })).json).toEqual({ detail: 'Request was throttled. Expected available in 1 second.' });
    expect((await call('GET', 'sessions/', { authorization: demo })).status).toBe(200);
  });

  it('routes sessions/count/ to the count route, not to sessions/:id/', async () => {
    emulator.faults.add({ kind: 'status', status: 503, route: '/sessions/:id/' });
    expect((await call('GET', 'sessions/count/', { authorization: demo })).status).toBe(200);
    expect((await call('GET', 'sessions/7/', { authorization: demo })).status).toBe(503);
    expect(emulator.log.countsByRoute()).toEqual({ 'GET /sessions/count/': 1, 'GET /sessions/:id/': 1 });
  });

  it('reset() restores the seed sessions and forgets created users and tokens', async () => {
    const user = (await call('POST', 'users/', { json: { device_id: 'temporary' } })).json as { token: string };
    await call('POST', 'sessions/', { authorization: demo, json: { project_id: 1 } });
    expect((await call('GET', 'sessions/count/', { authorization: demo })).json).toEqual({ count: 601 });
    emulator.reset();
    expect((await call('GET', 'sessions/count/', { authorization: demo })).json).toEqual({ count: 600 });
    expect((await call('GET', 'sessions/', { authorization: `token ${user.token}` })).status).toBe(401);
    expect((await call('POST', 'sessions/', { authorization: demo, json: { project_id: 1 } })).json).toMatchObject({ id: 616 });
  });

  it('resets over the control surface too', async () => {
    await call('POST', 'sessions/', { authorization: demo, json: { project_id: 1 } });
    const res = await request(`${emulator.origin}/__control/reset`, { method: 'POST' });
    await res.body.dump();
    expect((await call('GET', 'sessions/count/', { authorization: demo })).json).toEqual({ count: 600 });
  });
});
