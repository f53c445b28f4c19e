import { createPlanstoneEmulator, PLANSTONE_DEMO } from '@sessions-gateway/emulators/planstone';
import { parseWhere } from '@sessions-gateway/emulators/planstone/where.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Conformance of GET /sessions and /speakers to PROVIDERS.md §3 (Eve's parse_request,
// _perform_find, _pagination_links and querydef) and of the `where` language
// (eve/io/mongo/mongo.py: Mongo JSON or Python syntax, operator whitelist and blacklist),
// over real loopback HTTP.

const emulator = createPlanstoneEmulator();
let base: string;
beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());

const AUTH = { authorization: `Basic ${Buffer.from(`${PLANSTONE_DEMO.token}:`).toString('base64')}` };
const SCOPE = JSON.stringify({ account: PLANSTONE_DEMO.account, conference: PLANSTONE_DEMO.conference });

interface Envelope {
  _items: Record<string, unknown>[];
  _links: Record<string, { title: string; href: string }>;
  _meta: { page: number; max_results: number; total: number };
}

async function list(resource: string, params: Record<string, string> = {}, headers: Record<string, string> = AUTH) {
  const query = new URLSearchParams({ where: SCOPE, ...params }).toString();
  const res = await request(`${base}${resource}?${query}`, { headers });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, body: JSON.parse(text) as Envelope };
}

describe('Planstone collections: envelope and paging', () => {
  it("answers the docs query with Eve's envelope, 100 per page, total 823 and X-Total-Count", async () => {
    const { status, body, headers } = await list('sessions');
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['_items', '_links', '_meta']);
    expect(body._meta).toEqual({ page: 1, max_results: 100, total: 823 });
    expect(body._items).toHaveLength(100);
    expect(headers['x-total-count']).toBe('823');
    expect(headers['content-type']).toBe('application/json');
  });

  it("serves the docs' second page (page=2 → _meta.page 2, max_results 100, total 823)", async () => {
    const { body } = await list('sessions', { page: '2' });
    expect(body._meta).toEqual({ page: 2, max_results: 100, total: 823 });
    expect(body._items).toHaveLength(100);
  });

  it('lets a consumer loop page=1..ceil(total/max_results) and get every session once', async () => {
    const first = await list('sessions');
    const pages = Math.ceil(first.body._meta.total / first.body._meta.max_results);
    const ids = new Set<unknown>();
    for (let page = 1; page <= pages; page++) {
      const { body } = await list('sessions', { page: String(page) });
      for (const item of body._items) ids.add(item._id);
    }
    expect(pages).toBe(9);
    expect(ids.size).toBe(823);
  });

  it('parses max_results as int(float(x)), falls back to 100 when ≤0 or not a number, clamps above 100', async () => {
    const cases: [string, number][] = [
      ['50.7', 50],
      ['7', 7],
      ['1e1', 10],
      [' 25 ', 25],
      ['500', 100],
      ['101', 100],
      ['0', 100],
      ['-5', 100],
      ['abc', 100],
      ['', 100],
    ];
    for (const [raw, expected] of cases) {
      const { body } = await list('sessions', { max_results: raw });
      expect([raw, body._meta.max_results, body._items.length]).toEqual([raw, expected, expected]);
    }
  });

  it('parses page as abs(int(page)) or 1; a non-integer page is ignored', async () => {
    const cases: [string, number][] = [
      ['3', 3],
      ['-2', 2],
      ['0', 1],
      ['abc', 1],
      ['2.5', 1],
      [' 4 ', 4],
    ];
    for (const [raw, expected] of cases) {
      const { body } = await list('sessions', { page: raw });
      expect([raw, body._meta.page]).toEqual([raw, expected]);
    }
  });

  it('answers a page past the end with 200, no items, the real total and a prev link', async () => {
    const { status, body, headers } = await list('sessions', { page: '42' });
    expect(status).toBe(200);
    expect(body._items).toEqual([]);
    expect(body._meta).toEqual({ page: 42, max_results: 100, total: 823 });
    expect(headers['x-total-count']).toBe('823');
    expect(Object.keys(body._links).sort()).toEqual(['parent', 'prev', 'self']);
    expect(body._links.prev!.href).toBe(`sessions?where=${SCOPE}&page=41`);
  });

  it('sends neither ETag nor Last-Modified on collections', async () => {
    const { headers } = await list('speakers');
    expect(headers.etag).toBeUndefined();
    expect(headers['last-modified']).toBeUndefined();
  });
});

describe('Planstone collections: _links exactly as Eve writes them', () => {
  it('page 1: parent, self with the raw where, next and last; no prev, no first', async () => {
    const { body } = await list('sessions');
    expect(body._links).toEqual({
      parent: { title: 'home', href: '/' },
      self: { title: 'sessions', href: `sessions?where=${SCOPE}` },
      next: { title: 'next page', href: `sessions?where=${SCOPE}&page=2` },
      last: { title: 'last page', href: `sessions?where=${SCOPE}&page=9` },
    });
  });

  it('a middle page has prev (no page= for page 1) and next; the last page has no next/last', async () => {
    const middle = await list('sessions', { page: '2' });
    expect(middle.body._links.self!.href).toBe(`sessions?where=${SCOPE}&page=2`);
    expect(middle.body._links.prev).toEqual({ title: 'previous page', href: `sessions?where=${SCOPE}` });
    expect(middle.body._links.next!.href).toBe(`sessions?where=${SCOPE}&page=3`);
    const last = await list('sessions', { page: '9' });
    expect(last.body._items).toHaveLength(23);
    expect(Object.keys(last.body._links)).toEqual(['parent', 'self', 'prev']);
    expect(last.body._links.first).toBeUndefined();
  });

  it('orders the query string max_results (only when not 100), where, sort, page, then other params', async () => {
    const { body } = await list('sessions', { max_results: '50', sort: '-startDate,sessionName', page: '2', foo: 'bar', projection: '{"sessionName": 1}' });
    expect(body._links.self!.href).toBe(`sessions?max_results=50&where=${SCOPE}&sort=-startDate,sessionName&page=2&foo=bar`);
    expect(body._links.next!.href).toBe(`sessions?max_results=50&where=${SCOPE}&sort=-startDate,sessionName&page=3&foo=bar`);
    expect(body._links.last!.href).toBe(`sessions?max_results=50&where=${SCOPE}&sort=-startDate,sessionName&page=17&foo=bar`);
    expect(body._links.prev!.href).toBe(`sessions?max_results=50&where=${SCOPE}&sort=-startDate,sessionName&foo=bar`);
    const clamped = await list('sessions', { max_results: '1000' });
    expect(clamped.body._links.next!.href).toBe(`sessions?where=${SCOPE}&page=2`);
  });

  it('keeps the where exactly as sent (raw, spaces included, not re-encoded) and hrefs relative to the API root', async () => {
    const spaced = `{"account": "myaccount", "conference": "2018"}`;
    const { body } = await list('sessions', { where: spaced });
    expect(body._links.self!.href).toBe(`sessions?where=${spaced}`);
    for (const link of Object.values(body._links)) expect(link.href).not.toMatch(/^https?:|^\/feed/);
  });

  it('gives self no query string when nothing matched, and no next/last', async () => {
    const { body, headers } = await list('sessions', { where: JSON.stringify({ account: 'myaccount', conference: 'nope' }) });
    expect(body._meta.total).toBe(0);
    expect(headers['x-total-count']).toBe('0');
    expect(body._links).toEqual({ parent: { title: 'home', href: '/' }, self: { title: 'sessions', href: 'sessions' } });
  });

  it('gives each listed item only its self link, titled "session" / "speaker"', async () => {
    const sessions = await list('sessions', { max_results: '5' });
    for (const item of sessions.body._items) expect(item._links).toEqual({ self: { title: 'session', href: `sessions/${String(item._id)}` } });
    const speakers = await list('speakers', { max_results: '5' });
    for (const item of speakers.body._items) expect(item._links).toEqual({ self: { title: 'speaker', href: `speakers/${String(item._id)}` } });
  });
});

describe('Planstone collections: required account/conference (emulator choice)', () => {
  it('matches nothing (200, empty) when where lacks account or conference, or there is no where', async () => {
    for (const where of [JSON.stringify({ account: 'myaccount' }), JSON.stringify({ conference: '2018' }), '{}']) {
      const { status, body } = await list('sessions', { where });
      expect([where, status, body._meta.total, body._items.length]).toEqual([where, 200, 0, 0]);
    }
    const res = await request(`${base}sessions`, { headers: AUTH });
    const none = (await res.body.json()) as Envelope;
    expect(res.statusCode).toBe(200);
    expect(none._meta.total).toBe(0);
  });

  it("accepts both keys inside $and and in Eve's Python syntax", async () => {
    const and = await list('sessions', { where: JSON.stringify({ $and: [{ account: 'myaccount' }, { conference: '2018' }] }) });
    expect(and.body._meta.total).toBe(823);
    const python = await list('sessions', { where: 'account=="myaccount" and conference=="2018"' });
    expect(python.body._meta.total).toBe(823);
  });

  it('returns nothing for another account or conference', async () => {
    const other = await list('speakers', { where: JSON.stringify({ account: 'otheraccount', conference: '2018' }) });
    expect(other.body._meta.total).toBe(0);
  });
});

describe('Planstone collections: sort and projection', () => {
  it('sorts by the comma form and the Python list form identically', async () => {
    const comma = await list('sessions', { sort: '-startDate,schedid', max_results: '100' });
    const literal = await list('sessions', { sort: '[("startDate", -1), ("schedid", 1)]', max_results: '100' });
    const ids = (e: Envelope) => e._items.map((i) => i._id);
    expect(ids(comma.body)).toEqual(ids(literal.body));
    const dates = comma.body._items.map((i) => String(i.startDate));
    expect(dates[0]).toBe('2024-11-05');
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('sorts strings by code point, as Mongo does: missing first, then "", then "1050" before "420"', async () => {
    const { body } = await list('sessions', { sort: 'rstartmins', max_results: '100' });
    const mins = body._items.map((i) => i.rstartmins);
    expect(body._items[0]!._id).toBe('5aaa7a013d0b7f000b72492b'); // the docs' sample has no rstartmins: null sorts first
    expect(mins[1]).toBe('');
    const firstTimed = mins.find((m) => m !== '' && m !== undefined);
    expect(firstTimed).toMatch(/^1\d{2,3}$/); // "1050" < "420": lexicographic, not numeric
  });

  it('sorts mixed published values by BSON type: null, then 1, then true', async () => {
    const asc = await list('sessions', { sort: 'published', max_results: '100' });
    expect(asc.body._items[0]!.published).toBeNull();
    const desc = await list('sessions', { sort: '-published', max_results: '100' });
    expect(desc.body._items[0]!.published).toBe(true);
    const middle = await list('sessions', {
      sort: 'published',
      where: JSON.stringify({ account: 'myaccount', conference: '2018', published: { $ne: null } }),
      max_results: '1',
    });
    expect(middle.body._items[0]!.published).toBe(1);
  });

  it('answers 400 to a sort that is not Python', async () => {
    for (const sort of ['startDate desc', '[("startDate", 2)]', '5', 'a,,b']) {
      const res = await list('sessions', { sort });
      expect([sort, res.status]).toEqual([sort, 400]);
    }
  });

  it('honours projection {"f": 1} (meta fields kept) and {"f": 0}', async () => {
    const included = await list('sessions', { projection: '{"sessionName": 1, "speakers.pid": 1}', max_results: '3' });
    for (const item of included.body._items) {
      expect(Object.keys(item).sort()).toEqual(['_created', '_etag', '_id', '_links', '_updated', 'sessionName', 'speakers'].sort());
      for (const engagement of item.speakers as Record<string, unknown>[]) expect(Object.keys(engagement)).toEqual(['pid']);
    }
    const excluded = await list('sessions', { projection: '{"description": 0, "speakers": 0}', max_results: '3' });
    for (const item of excluded.body._items) {
      expect(item).not.toHaveProperty('description');
      expect(item).not.toHaveProperty('speakers');
      expect(item).toHaveProperty('sessionName');
    }
    const mixed = await list('sessions', { projection: '{"description": 0, "sessionName": 1}' });
    expect(mixed.status).toBe(400);
  });
});

describe('Planstone collections: rendering', () => {
  it('writes JSON the way Python does: ", " separators and non-ASCII as \\u escapes', async () => {
    const { text } = await list('sessions', { max_results: '100' });
    expect(text.startsWith('{"_items": [{"')).toBe(true);
    expect(text).toMatch(/\\u2019/);
    expect(/[^\x20-\x7e]/.test(text)).toBe(false);
  });

  it('indents by 4 with ?pretty, and echoes pretty in the links as another param', async () => {
    const { text, body } = await list('speakers', { pretty: '', max_results: '1' });
    expect(text.startsWith('{\n    "_items": [\n        {')).toBe(true);
    expect(body._links.self!.href).toBe(`speakers?max_results=1&where=${SCOPE}&pretty=`);
  });

  it("renders Eve's XML for Accept: application/xml", async () => {
    const query = new URLSearchParams({ where: SCOPE, max_results: '2', projection: '{"pid": 1}' }).toString();
    const res = await request(`${base}speakers?${query}`, { headers: { ...AUTH, accept: 'application/xml' } });
    const xml = await res.body.text();
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(xml.startsWith('<resource href="speakers?max_results=2&amp;where={&#34;account&#34;')).toBe(true);
    expect(xml).toContain(' title="speakers" >');
    expect(xml).toContain('<link rel="next" href="speakers?max_results=2&amp;where=');
    expect(xml).toContain('<_meta><max_results>2</max_results><page>1</page><total>1200</total></_meta>');
    expect(xml.match(/<resource href="speakers\/[a-f0-9]{24}" {2}title="speaker" >/g)).toHaveLength(2);
    expect(xml.endsWith('</resource></resource>')).toBe(true);
  });

  it('falls back to JSON for Accept types it cannot render (no 406)', async () => {
    const res = await request(`${base}speakers?${new URLSearchParams({ where: SCOPE, max_results: '1' })}`, { headers: { ...AUTH, accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    await res.body.dump();
  });

  it('serves the collection with a trailing slash too, as Eve does', async () => {
    const res = await request(`${base}sessions/?${new URLSearchParams({ where: SCOPE })}`, { headers: AUTH });
    const body = (await res.body.json()) as Envelope;
    expect(res.statusCode).toBe(200);
    expect(body._meta.total).toBe(823);
  });
});

const SCOPE_FILTER = { account: PLANSTONE_DEMO.account, conference: PLANSTONE_DEMO.conference };
const GENERIC_400 = { _status: 'ERR', _error: { code: 400, message: 'The browser (or proxy) sent a request that this server could not understand.' } };

type Item = Record<string, unknown> & { speakers?: { pid: string }[] };
interface FoundEnvelope {
  _items: Item[];
  _meta: { total: number };
}

async function find(resource: string, where: string | object, extra: Record<string, string> = {}) {
  const raw = typeof where === 'string' ? where : JSON.stringify(where);
  const res = await request(`${base}${resource}?${new URLSearchParams({ where: raw, max_results: '100', ...extra })}`, { headers: AUTH });
  return { status: res.statusCode, body: (await res.body.json()) as FoundEnvelope & typeof GENERIC_400 };
}

describe('Planstone where: Mongo JSON', () => {
  it('batches speakers with $in on pid, returning only the pids that exist', async () => {
    const pids = ['10024', '10006', '46549', '65076', '65294'];
    const { status, body } = await find('speakers', { ...SCOPE_FILTER, pid: { $in: pids } });
    expect(status).toBe(200);
    expect(body._items.map((s) => s.pid).sort()).toEqual(['10006', '10024', '46549']);
  });

  it('matches nested dotted paths into engagement arrays (speakers.pid)', async () => {
    const { body } = await find('sessions', { ...SCOPE_FILTER, 'speakers.pid': { $in: ['65076'] } });
    expect(body._items.map((s) => s._id)).toContain('5aaa7a013d0b7f000b72492b');
    for (const session of body._items) expect(session.speakers!.some((e) => e.pid === '65076')).toBe(true);
  });

  it('supports $or, $and, $nin, $ne, $exists and comparisons', async () => {
    const or = await find('sessions', { ...SCOPE_FILTER, $or: [{ schedid: '21899' }, { sessionType: 'Keynote' }] });
    expect(or.body._items.some((s) => s.schedid === '21899')).toBe(true);
    expect(or.body._items.every((s) => s.schedid === '21899' || s.sessionType === 'Keynote')).toBe(true);
    expect(or.body._meta.total).toBeGreaterThan(1);

    const all = (await find('sessions', SCOPE_FILTER)).body._meta.total;
    const unpublished = (await find('sessions', { ...SCOPE_FILTER, published: null })).body._meta.total;
    const notNull = (await find('sessions', { ...SCOPE_FILTER, published: { $ne: null } })).body._meta.total;
    expect(unpublished).toBeGreaterThan(0);
    expect(unpublished + notNull).toBe(all);

    const missingKey = await find('sessions', { ...SCOPE_FILTER, rstartmins: { $exists: false } });
    expect(missingKey.body._items.map((s) => s._id)).toContain('5aaa7a013d0b7f000b72492b');

    const day = await find('sessions', { ...SCOPE_FILTER, startDate: { $gte: '2024-11-03', $lt: '2024-11-04' } });
    expect(day.body._meta.total).toBeGreaterThan(50);
    expect(day.body._items.every((s) => s.startDate === '2024-11-03')).toBe(true);

    const notKeynotes = await find('sessions', { $and: [SCOPE_FILTER, { sessionType: { $nin: ['Keynote', 'Breakout'] } }] });
    expect(notKeynotes.body._items.every((s) => s.sessionType !== 'Keynote' && s.sessionType !== 'Breakout')).toBe(true);
  });

  it('compares like Mongo, type-strictly: published 1 is not true, "1170" is not > 1000', async () => {
    const ones = await find('sessions', { ...SCOPE_FILTER, published: 1 });
    const trues = await find('sessions', { ...SCOPE_FILTER, published: true });
    const both = await find('sessions', { ...SCOPE_FILTER, published: { $in: [true, 1] } });
    expect(ones.body._items.every((s) => s.published === 1)).toBe(true);
    expect(trues.body._items.every((s) => s.published === true)).toBe(true);
    expect(ones.body._meta.total + trues.body._meta.total).toBe(both.body._meta.total);
    const numeric = await find('sessions', { ...SCOPE_FILTER, rstartmins: { $gt: 1000 } });
    expect(numeric.body._meta.total).toBe(0);
    const asString = await find('sessions', { ...SCOPE_FILTER, rstartmins: { $gt: '1000' } });
    expect(asString.body._meta.total).toBeGreaterThan(0);
  });
});

describe('Planstone where: Python syntax', () => {
  it('accepts a=="x" and b=="y" (and or, comparisons, parentheses)', async () => {
    const { status, body } = await find('sessions', 'account=="myaccount" and conference=="2018" and schedid=="21899"');
    expect(status).toBe(200);
    expect(body._items.map((s) => s._id)).toEqual(['5aaa7a013d0b7f000b72492b']);
    const grouped = await find('speakers', `account=='myaccount' and conference=='2018' and (pid=="10024" or pid=="10006")`);
    expect(grouped.body._items.map((s) => s.pid).sort()).toEqual(['10006', '10024']);
  });

  it('translates to the Mongo query Eve builds', () => {
    const parsed = parseWhere('account=="myaccount" and conference=="2018" and rstartmins>="600"');
    expect(parsed.ok && parsed.query).toEqual({ $and: [{ account: 'myaccount' }, { conference: '2018' }, { rstartmins: { $gte: '600' } }] });
  });
});

describe('Planstone where: 400s', () => {
  it("rejects the blacklisted $where and $regex with Eve's generic 400", async () => {
    for (const where of [
      { ...SCOPE_FILTER, $where: 'this.a == 1' },
      { ...SCOPE_FILTER, sessionName: { $regex: '^A' } },
    ]) {
      const { status, body } = await find('sessions', where);
      expect(status).toBe(400);
      expect(body).toEqual(GENERIC_400);
    }
  });

  it('rejects unknown operators and unparseable where', async () => {
    for (const where of [
      { ...SCOPE_FILTER, a: { $foo: 1 } },
      { ...SCOPE_FILTER, $bogus: [] },
      '{"account": "myaccount"',
      'account = "x"',
      'not a query',
      '[1, 2]',
    ]) {
      const { status, body } = await find('sessions', where);
      expect([where, status]).toEqual([where, 400]);
      expect(body).toEqual(GENERIC_400);
    }
  });

  it('says why when $or/$and/$nor is not a list of sub-queries (validate_filters shows its message)', async () => {
    const { status, body } = await find('sessions', { ...SCOPE_FILTER, $or: { schedid: '1' } });
    expect(status).toBe(400);
    expect(body).toEqual({ _status: 'ERR', _error: { code: 400, message: "operator '$or' expects a list of sub-queries" } });
  });

  it('checks credentials before parsing where (401 wins)', async () => {
    const res = await request(`${base}sessions?where=${encodeURIComponent('{bad')}`);
    expect(res.statusCode).toBe(401);
    await res.body.dump();
  });
});
