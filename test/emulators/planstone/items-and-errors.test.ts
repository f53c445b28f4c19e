import { createPlanstoneEmulator, PLANSTONE_DEMO } from '@sessions-gateway/emulators/planstone';
import { PLANSTONE_SAMPLE_SESSION_JSON } from '@sessions-gateway/emulators/planstone/sample.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Auth forms (Eve TokenAuth over Werkzeug's Basic parsing), Eve's error bodies for 401, 404,
// 405 and 429, item GETs (getitem_internal: _links, ETag, conditional requests) and the kit
// controls as this emulator wires them (route templates, faults, reset).

const emulator = createPlanstoneEmulator();
let base: string;
beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());

const TOKEN = PLANSTONE_DEMO.token;
const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;
const AUTH = { authorization: basic(`${TOKEN}:`) };
const QUERY = `?${new URLSearchParams({ where: JSON.stringify({ account: PLANSTONE_DEMO.account, conference: PLANSTONE_DEMO.conference }), max_results: '1' })}`;
const SAMPLE_ID = '5aaa7a013d0b7f000b72492b';

async function call(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const res = await request(`${base}${path}`, { method: (init.method ?? 'GET') as 'GET', headers: init.headers ?? {} });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('Planstone auth', () => {
  it('accepts HTTP Basic with the token as username and an empty password (the documented form)', async () => {
    const { status } = await call(`sessions${QUERY}`, { headers: AUTH });
    expect(status).toBe(200);
  });

  it('accepts Eve TokenAuth\'s other forms: raw token, "Token <t>", "Bearer <t>", and Basic without the colon', async () => {
    for (const authorization of [TOKEN, `Token ${TOKEN}`, `Bearer ${TOKEN}`, `bearer ${TOKEN}`, basic(TOKEN), basic(`${TOKEN}:ignored`)]) {
      const { status } = await call(`speakers${QUERY}`, { headers: { authorization } });
      expect([authorization, status]).toEqual([authorization, 200]);
    }
  });

  it('answers 401 with Eve\'s body and WWW-Authenticate: Basic realm="eve" otherwise', async () => {
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'meowmeowmeow' },
      { authorization: basic('wrong:') },
      { authorization: basic(`:${TOKEN}`) },
      { authorization: 'Bearer' },
    ];
    for (const headers of cases) {
      for (const path of [`sessions${QUERY}`, `speakers/${SAMPLE_ID}`, '']) {
        const res = await call(path, { headers });
        expect([path, headers, res.status]).toEqual([path, headers, 401]);
        expect(res.headers['www-authenticate']).toBe('Basic realm="eve"');
        expect(res.body).toEqual({ _status: 'ERR', _error: { code: 401, message: 'Please provide proper credentials' } });
      }
    }
  });
});

describe('Planstone errors', () => {
  const NOT_FOUND = {
    _status: 'ERR',
    _error: { code: 404, message: 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.' },
  };

  it("is read-only: POST/PATCH/PUT/DELETE are 405 with Eve's body, before auth", async () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      for (const path of ['sessions', `sessions/${SAMPLE_ID}`, 'speakers', `speakers/${SAMPLE_ID}`]) {
        const res = await call(path, { method });
        expect([method, path, res.status]).toEqual([method, path, 405]);
        expect(res.body).toEqual({ _status: 'ERR', _error: { code: 405, message: 'The method is not allowed for the requested URL.' } });
      }
    }
  });

  it('answers OPTIONS like Flask: 200 with Allow', async () => {
    const res = await call('sessions', { method: 'OPTIONS' });
    expect(res.status).toBe(200);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it("answers 404 with Werkzeug's text for unknown paths, unknown ids and ids that are not ObjectIds", async () => {
    const unknownPath = await call('abstracts', { headers: AUTH });
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.body).toEqual(NOT_FOUND);
    const unknownId = await call('sessions/000000000000000000000000', { headers: AUTH });
    expect(unknownId.status).toBe(404);
    expect(unknownId.body).toEqual(NOT_FOUND);
    // Not an ObjectId: no route matches, so 404 even without credentials.
    const notAnId = await call('sessions/21899');
    expect(notAnId.status).toBe(404);
    expect(notAnId.body).toEqual(NOT_FOUND);
    const uppercase = await call(`sessions/${SAMPLE_ID.toUpperCase()}`, { headers: AUTH });
    expect(uppercase.status).toBe(404);
  });

  it("answers a rate-limit fault with Eve's 429 body and Retry-After", async () => {
    emulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 30, route: '/sessions', times: 1 });
    const limited = await call(`sessions${QUERY}`, { headers: AUTH });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('30');
    expect(limited.body).toEqual({ _status: 'ERR', _error: { code: 429, message: 'This user has exceeded an allotted request count. Try again later.' } });
    const after = await call(`sessions${QUERY}`, { headers: AUTH });
    expect(after.status).toBe(200);
  });

  it('renders errors as XML when XML is asked for', async () => {
    const res = await request(`${base}sessions`, { headers: { accept: 'application/xml' } });
    expect(res.statusCode).toBe(401);
    expect(await res.body.text()).toBe(
      '<resource><_error><code>401</code><message>Please provide proper credentials</message></_error><_status>ERR</_status></resource>',
    );
  });

  it('serves the API home with links to the emulated resources', async () => {
    const res = await call('', { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      _links: {
        child: [
          { href: 'sessions', title: 'sessions' },
          { href: 'speakers', title: 'speakers' },
        ],
      },
    });
  });
});

const SAMPLE_ETAG = 'f0a6b49bdb35e2194fd557e65dbe90646af5cc27';
const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

async function getItem(path: string, headers: Record<string, string> = {}) {
  const res = await request(`${base}${path}`, { headers: { ...AUTH, ...headers } });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe('Planstone item GET', () => {
  it("serves the docs' sample by _id, verbatim, with Eve's item links", async () => {
    const { status, body } = await getItem(`sessions/${SAMPLE_ID}`);
    expect(status).toBe(200);
    const sample = JSON.parse(PLANSTONE_SAMPLE_SESSION_JSON) as Record<string, unknown>;
    expect(Object.keys(body!)).toEqual(Object.keys(sample));
    expect({ ...body, _links: undefined }).toEqual({ ...sample, _links: undefined });
    expect(body!._links).toEqual({
      self: { title: 'session', href: `sessions/${SAMPLE_ID}` },
      parent: { title: 'home', href: '/' },
      collection: { title: 'sessions', href: 'sessions' },
    });
  });

  it('sends ETag "<_etag>" and the epoch Last-Modified', async () => {
    const { headers, body } = await getItem(`sessions/${SAMPLE_ID}`);
    expect(headers.etag).toBe(`"${SAMPLE_ETAG}"`);
    expect(body!._etag).toBe(SAMPLE_ETAG);
    expect(headers['last-modified']).toBe(EPOCH);
  });

  it('answers If-None-Match with the etag (quoted, bare or weak) with 304 and no body', async () => {
    for (const tag of [`"${SAMPLE_ETAG}"`, SAMPLE_ETAG, `W/"${SAMPLE_ETAG}"`]) {
      const res = await getItem(`sessions/${SAMPLE_ID}`, { 'if-none-match': tag });
      expect([tag, res.status, res.text]).toEqual([tag, 304, '']);
      expect(res.headers.etag).toBe(`"${SAMPLE_ETAG}"`);
    }
    const stale = await getItem(`sessions/${SAMPLE_ID}`, { 'if-none-match': '"0000"' });
    expect(stale.status).toBe(200);
  });

  it('answers If-Modified-Since with 304 when not modified since, 200 for an earlier date', async () => {
    expect((await getItem(`sessions/${SAMPLE_ID}`, { 'if-modified-since': EPOCH })).status).toBe(304);
    expect((await getItem(`sessions/${SAMPLE_ID}`, { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' })).status).toBe(304);
    expect((await getItem(`sessions/${SAMPLE_ID}`, { 'if-modified-since': 'Wed, 31 Dec 1969 23:59:58 GMT' })).status).toBe(200);
    // Both validators must hold.
    expect((await getItem(`sessions/${SAMPLE_ID}`, { 'if-modified-since': EPOCH, 'if-none-match': '"nope"' })).status).toBe(200);
  });

  it('serves every listed item by its _id, with the same fields as in the list', async () => {
    const where = JSON.stringify({ account: PLANSTONE_DEMO.account, conference: PLANSTONE_DEMO.conference });
    const listed = await getItem(`speakers?${new URLSearchParams({ where, max_results: '3', page: '7' })}`);
    for (const item of listed.body!._items as Record<string, unknown>[]) {
      const one = await getItem(`speakers/${String(item._id)}`);
      expect(one.status).toBe(200);
      expect({ ...one.body, _links: undefined }).toEqual({ ...item, _links: undefined });
      expect(one.headers.etag).toBe(`"${String(item._etag)}"`);
      expect((one.body!._links as Record<string, unknown>).self).toEqual({ title: 'speaker', href: `speakers/${String(item._id)}` });
    }
  });

  it('accepts a trailing slash on items and honours projection', async () => {
    const slash = await getItem(`sessions/${SAMPLE_ID}/`);
    expect(slash.status).toBe(200);
    const projected = await getItem(`sessions/${SAMPLE_ID}?projection=${encodeURIComponent('{"sessionName": 1}')}`);
    expect(Object.keys(projected.body!).sort()).toEqual(['_created', '_etag', '_id', '_links', '_updated', 'sessionName']);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await request(`${base}sessions/${SAMPLE_ID}`, { method: 'HEAD', headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${SAMPLE_ETAG}"`);
    expect(await res.body.text()).toBe('');
  });
});

async function text(path: string) {
  const res = await request(`${base}${path}`, { headers: AUTH });
  return { status: res.statusCode, text: await res.body.text() };
}

describe('Planstone emulator controls', () => {
  it('is served under /feed/v1/ and logs requests by the templates /sessions and /sessions/:id', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feed\/v1\/$/);
    emulator.reset();
    await text(`sessions${QUERY}`);
    await text('sessions/5aaa7a013d0b7f000b72492b');
    await text(`speakers${QUERY}`);
    expect(emulator.log.countsByRoute()).toEqual({ 'GET /sessions': 1, 'GET /sessions/:id': 1, 'GET /speakers': 1 });
    expect(emulator.log.entries()[0]!.url).toContain('/feed/v1/sessions?where=');
  });

  it('matches faults by those templates', async () => {
    emulator.faults.add({ kind: 'status', status: 503, route: '/speakers/:id', times: 1 });
    const listed = await text(`speakers${QUERY}`);
    expect(listed.status).toBe(200);
    const id = (JSON.parse(listed.text) as { _items: { _id: string }[] })._items[0]!._id;
    expect((await text(`speakers/${id}`)).status).toBe(503);
    expect((await text(`speakers/${id}`)).status).toBe(200);
  });

  it('reset clears log and faults and serves the same data again', async () => {
    const before = await text(`sessions${QUERY}&page=3`);
    emulator.faults.add({ kind: 'status', status: 500 });
    emulator.reset();
    expect(emulator.log.count()).toBe(0);
    expect(emulator.faults.list()).toEqual([]);
    const after = await text(`sessions${QUERY}&page=3`);
    expect(after).toEqual(before);
  });

  it('uses its seed: seed 11 differs from the default seed, sample and sizes aside', async () => {
    const defaultEmulator = createPlanstoneEmulator({ seed: 11 });
    const defaultBase = await defaultEmulator.listen(0);
    try {
      const mine = JSON.parse((await text(`speakers${QUERY}`)).text) as { _items: { pid: string }[]; _meta: { total: number } };
      const res = await request(`${defaultBase}speakers${QUERY}`, { headers: AUTH });
      const theirs = (await res.body.json()) as { _items: { pid: string }[]; _meta: { total: number } };
      expect(mine._meta.total).toBe(theirs._meta.total);
      expect(mine._items.map((s) => s.pid)).not.toEqual(theirs._items.map((s) => s.pid));
    } finally {
      await defaultEmulator.close();
    }
  });
});
