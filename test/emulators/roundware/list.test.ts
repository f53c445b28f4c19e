import { createRoundwareEmulator, ROUNDWARE_DEMO_TOKEN, type RoundwareSession } from '@sessions-gateway/emulators/roundware';
import { generateRoundwareSeed } from '@sessions-gateway/emulators/roundware/seed.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const emulator = createRoundwareEmulator();
const seed = generateRoundwareSeed().sessions;
let base: string;

beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());

async function get(path: string, token: string | null = ROUNDWARE_DEMO_TOKEN) {
  const res = await request(base + path, { headers: token ? { authorization: `token ${token}` } : {} });
  const text = await res.body.text();
  const json = String(res.headers['content-type']).startsWith('application/json') ? (JSON.parse(text) as unknown) : undefined;
  return { status: res.statusCode, headers: res.headers, text, json };
}

async function list(query: string): Promise<RoundwareSession[]> {
  const res = await get(`sessions/${query}`);
  expect(res.status).toBe(200);
  return res.json as RoundwareSession[];
}

const ids = (sessions: RoundwareSession[]) => sessions.map((s) => s.id);
const idsWhere = (predicate: (s: RoundwareSession) => boolean) => seed.filter(predicate).map((s) => s.id);

describe('GET sessions/', () => {
  it('answers a bare JSON array of every session in id order, not a page', async () => {
    const res = await get('sessions/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(Array.isArray(res.json)).toBe(true);
    expect(res.json).toEqual(seed);
    expect(res.text.startsWith('[{"id":1,"device_id":null,"starttime":"2017-09-06T16:24:32.647751",')).toBe(true);
  });

  it('serves the docs samples verbatim, key order and naive datetimes included', async () => {
    const all = await list('');
    const sample109 = all.find((s) => s.id === 109);
    expect(JSON.stringify(sample109)).toBe(
      '{"id":109,"device_id":null,"starttime":"2017-09-06T15:43:35.947761","stoptime":null,"client_type":null,"client_system":"iOS 8.1","demo_stream_enabled":true,"geo_listen_enabled":false,"timezone":"-8000","project_id":1,"language_id":2}',
    );
    expect(all.find((s) => s.id === 111)?.starttime).toBe('2017-09-06T16:24:32.647751');
  });

  it('filters by project_id and language_id as numbers', async () => {
    expect(ids(await list('?project_id=3'))).toEqual(idsWhere((s) => s.project_id === 3));
    expect(ids(await list('?project_id=3.0'))).toEqual(idsWhere((s) => s.project_id === 3));
    expect(ids(await list('?language_id=4'))).toEqual(idsWhere((s) => s.language_id === 4));
    expect(ids(await list('?project_id=99'))).toEqual([]);
    expect(ids(await list('?project_id=1.5'))).toEqual([]);
  });

  it('filters by language code', async () => {
    expect(ids(await list('?language=es'))).toEqual(idsWhere((s) => s.language_id === 2));
    expect(ids(await list('?language=en'))).toEqual(idsWhere((s) => s.language_id === 1));
    expect(await list('?language=xx')).toEqual([]);
  });

  it('filters the stream flags with exactly true, false, 1 and 0', async () => {
    const geoOn = idsWhere((s) => s.geo_listen_enabled);
    const demoOff = idsWhere((s) => !s.demo_stream_enabled);
    expect(ids(await list('?geo_listen_enabled=true'))).toEqual(geoOn);
    expect(ids(await list('?geo_listen_enabled=1'))).toEqual(geoOn);
    expect(ids(await list('?demo_stream_enabled=false'))).toEqual(demoOff);
    expect(ids(await list('?demo_stream_enabled=0'))).toEqual(demoOff);
  });

  it('silently ignores invalid filter values instead of answering 400', async () => {
    for (const query of [
      'geo_listen_enabled=True',
      'demo_stream_enabled=yes',
      'project_id=abc',
      'language_id=NaN',
      'project=99',
      'project=abc',
      'starttime=yesterday',
      'project_id=',
    ]) {
      const res = await get(`sessions/?${query}`);
      expect(res.status, query).toBe(200);
      expect((res.json as unknown[]).length, query).toBe(600);
    }
    // Only the bad filter is dropped; the valid one beside it still applies.
    expect(ids(await list('?project_id=2&geo_listen_enabled=True'))).toEqual(idsWhere((s) => s.project_id === 2));
  });

  it('combines filters, as the docs example does', async () => {
    const matching = idsWhere((s) => s.project_id === 1 && s.language_id === 2 && !s.geo_listen_enabled && s.demo_stream_enabled);
    expect(matching).toEqual(expect.arrayContaining([1, 109, 111]));
    expect(ids(await list('?project_id=1&language_id=2&geo_listen_enabled=false&demo_stream_enabled=true'))).toEqual(matching);
    // The docs' own query also says language=en, which contradicts language_id=2 here.
    expect(await list('?project_id=1&language_id=2&language=en&geo_listen_enabled=false&demo_stream_enabled=true')).toEqual([]);
  });

  it('has the automatic exact filters on every other model field', async () => {
    const device = seed.find((s) => s.device_id !== null && seed.filter((o) => o.device_id === s.device_id).length > 1)?.device_id ?? '';
    expect(ids(await list(`?device_id=${device}`))).toEqual(idsWhere((s) => s.device_id === device));
    expect(ids(await list('?project=4'))).toEqual(idsWhere((s) => s.project_id === 4));
    expect(ids(await list('?client_type=Android'))).toEqual(idsWhere((s) => s.client_type === 'Android'));
    expect(ids(await list('?client_system=iOS%208.1'))).toEqual(idsWhere((s) => s.client_system === 'iOS 8.1'));
    expect(ids(await list('?timezone=-8000'))).toEqual(idsWhere((s) => s.timezone === '-8000'));
    expect(ids(await list('?timezone=%2B0100'))).toEqual(idsWhere((s) => s.timezone === '+0100'));
    expect(ids(await list('?starttime=2017-09-06T15:43:35.947761'))).toEqual([109]);
    expect(ids(await list('?starttime=2017-09-06%2016:24:32.647751'))).toEqual([1, 111]);
    const stopped = seed.find((s) => s.stoptime !== null);
    expect(ids(await list(`?stoptime=${stopped?.stoptime}`))).toEqual(idsWhere((s) => s.stoptime === stopped?.stoptime));
  });

  it('uses the last value of a repeated parameter and ignores unknown parameters', async () => {
    expect(ids(await list('?project_id=1&project_id=5'))).toEqual(idsWhere((s) => s.project_id === 5));
    expect((await list('?page=2&page_size=10&ordering=-id')).length).toBe(600);
  });
});

describe('GET sessions/count/', () => {
  it('counts with the same filters, ignoring invalid values alike', async () => {
    expect((await get('sessions/count/')).json).toEqual({ count: 600 });
    expect((await get('sessions/count/?project_id=2')).json).toEqual({ count: idsWhere((s) => s.project_id === 2).length });
    expect((await get('sessions/count/?language=fr&demo_stream_enabled=1')).json).toEqual({
      count: idsWhere((s) => s.language_id === 3 && s.demo_stream_enabled).length,
    });
    expect((await get('sessions/count/?geo_listen_enabled=True')).json).toEqual({ count: 600 });
    expect(emulator.log.count({ route: '/sessions/count/' })).toBeGreaterThanOrEqual(4);
  });
});

describe('GET sessions/{id}/', () => {
  it('returns the object, the docs retrieve sample for id 1', async () => {
    const res = await get('sessions/1/');
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      '{"id":1,"device_id":null,"starttime":"2017-09-06T16:24:32.647751","stoptime":null,"client_type":null,"client_system":"iOS 8.1","demo_stream_enabled":true,"geo_listen_enabled":false,"timezone":"-8000","project_id":1,"language_id":2}',
    );
    expect(emulator.log.count({ route: '/sessions/:id/' })).toBeGreaterThanOrEqual(1);
  });

  it('answers 404 {"detail":"Not found."} for a missing id, gaps included', async () => {
    const present = new Set(seed.map((s) => s.id));
    const gap = Array.from({ length: 615 }, (_, i) => i + 1).find((id) => !present.has(id));
    for (const id of [9999, gap]) {
      const res = await get(`sessions/${id}/`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: 'Not found.' });
    }
  });

  it('crashes with an HTML 500 on a non-numeric id', async () => {
    const res = await get('sessions/abc/');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toBe('<h1>Server Error (500)</h1>');
  });

  it('matches no URL for an id with a dot, and redirects a missing trailing slash', async () => {
    const dotted = await get('sessions/1.5/');
    expect(dotted.status).toBe(404);
    expect(dotted.text).toContain('<h1>Not Found</h1>');
    const slashless = await get('sessions/109?x=1');
    expect(slashless.status).toBe(301);
    expect(slashless.headers.location).toBe('/api/2/sessions/109/?x=1');
    expect((await get('nothing/here/')).status).toBe(404);
  });
});
