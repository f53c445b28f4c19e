import { createGuidebookEmulator, GUIDEBOOK_DEMO_API_KEY } from '@sessions-gateway/emulators/guidebook';
import { FormData, request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// Conformance of the Guidebook Open API v1 emulator with PROVIDERS.md §1 ([V] facts) and
// the DRF behaviours we chose to emulate ([I]), over real loopback HTTP.

const emulator = createGuidebookEmulator();
const AUTH = { authorization: `JWT ${GUIDEBOOK_DEMO_API_KEY}` };
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+0000$/;
let base: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: { json?: unknown; form?: [string, string][]; multipart?: FormData; headers?: Record<string, string>; raw?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...AUTH, ...options.headers };
  let body: string | FormData | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.multipart) {
    body = options.multipart;
  } else if (options.raw !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = options.raw;
  }
  const res = await request(`${base}${path}`, { method, headers, body });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

const ids = (reply: Reply): number[] => (reply.body.results as { id: number }[]).map((r) => r.id);

beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe('auth [V _authentication.md, djangorestframework-jwt]', () => {
  it('accepts `Authorization: JWT <key>` (scheme case-insensitive)', async () => {
    expect((await call('GET', 'guides/')).status).toBe(200);
    expect((await call('GET', 'guides/', { headers: { authorization: `jwt ${GUIDEBOOK_DEMO_API_KEY}` } })).status).toBe(200);
  });

  it.each([
    ['no header', undefined, 'Authentication credentials were not provided.'],
    ['another scheme', `Bearer ${GUIDEBOOK_DEMO_API_KEY}`, 'Authentication credentials were not provided.'],
    ['JWT without a key', 'JWT', 'Invalid Authorization header. No credentials provided.'],
    ['JWT with spaces', 'JWT a b', 'Invalid Authorization header. Credentials string should not contain spaces.'],
    ['an unknown key', 'JWT not-a-key', 'Error decoding signature.'],
  ])('401 for %s, with WWW-Authenticate: JWT realm="api"', async (_what, header, detail) => {
    const res = await request(`${base}sessions/`, { headers: header === undefined ? {} : { authorization: header } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('JWT realm="api"');
    expect(await res.body.json()).toEqual({ detail });
  });

  it('authenticates before answering 405 (DRF initial() runs first)', async () => {
    const res = await call('DELETE', 'attendees/1/', { headers: { authorization: '' } });
    expect(res.status).toBe(401);
  });
});

describe('envelope and pagination [V _pagination.md; I DRF PageNumberPagination]', () => {
  it('answers {count, next, previous, results} with the default page size 37 and absolute links', async () => {
    const res = await call('GET', 'sessions/');
    expect(Object.keys(res.body)).toEqual(['count', 'next', 'previous', 'results']);
    expect(res.body.count).toBe(1500);
    expect(res.body.results).toHaveLength(37);
    expect(res.body.next).toBe(`${base}sessions/?page=2`);
    expect(res.body.previous).toBeNull();
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('keeps the other query params, sorted as DRF re-encodes them', async () => {
    const res = await call('GET', 'sessions/?ordering=-end_time,start_time&guide=47');
    expect(res.body.next).toBe(`${base}sessions/?guide=47&ordering=-end_time%2Cstart_time&page=2`);
  });

  it('drops `page` from `previous` on page 2 and keeps it further on', async () => {
    const two = await call('GET', 'sessions/?guide=47&page=2');
    expect(two.body.previous).toBe(`${base}sessions/?guide=47`);
    const three = await call('GET', 'sessions/?guide=47&page=3');
    expect(three.body.previous).toBe(`${base}sessions/?guide=47&page=2`);
  });

  it('builds links from the Host header the client used', async () => {
    const res = await call('GET', 'sessions/', { headers: { host: 'gateway.test:8080' } });
    expect(res.body.next).toBe('http://gateway.test:8080/open-api/v1/sessions/?page=2');
  });

  it('walks every row exactly once by following `next`, ending with next null', async () => {
    let url: string | null = `${base}sessions/?guide=1`;
    const seen: number[] = [];
    let count = 0;
    while (url) {
      const res = await request(url, { headers: AUTH });
      const page = (await res.body.json()) as { count: number; next: string | null; results: { id: number }[] };
      count = page.count;
      seen.push(...page.results.map((r) => r.id));
      url = page.next;
    }
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('serves the last page short, and `page=last`', async () => {
    const last = await call('GET', 'sessions/?page=41');
    expect(last.body.results).toHaveLength(1500 - 40 * 37);
    expect(last.body.next).toBeNull();
    expect(ids(await call('GET', 'sessions/?page=last'))).toEqual(ids(last));
  });

  it.each(['0', '-1', 'abc', '1.5', '42', ''])('404 {"detail":"Invalid page."} for page=%s', async (page) => {
    const res = await call('GET', `sessions/?page=${page}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Invalid page.' });
  });

  it('serves page 1 of an empty list, but not page 2', async () => {
    const empty = await call('GET', 'sessions/?guide=999999');
    expect(empty.body).toEqual({ count: 0, next: null, previous: null, results: [] });
    expect((await call('GET', 'sessions/?guide=999999&page=2')).status).toBe(404);
  });

  it('accepts page_size, caps it at 500 and ignores a bad one', async () => {
    const five = await call('GET', 'sessions/?page_size=5');
    expect(five.body.results).toHaveLength(5);
    expect(five.body.next).toBe(`${base}sessions/?page=2&page_size=5`);
    expect((await call('GET', 'sessions/?page_size=1000')).body.results).toHaveLength(500);
    expect((await call('GET', 'sessions/?page_size=0')).body.results).toHaveLength(37);
    expect((await call('GET', 'sessions/?page_size=x')).body.results).toHaveLength(37);
  });
});

describe('ordering [V per include file; I DRF OrderingFilter]', () => {
  it('defaults to id order', async () => {
    const got = ids(await call('GET', 'sessions/?page_size=100'));
    expect(got).toEqual([...got].sort((a, b) => a - b));
  });

  it('sorts sessions by start_time ascending', async () => {
    const res = await call('GET', 'sessions/?guide=47&ordering=start_time&page_size=500');
    const starts = (res.body.results as { start_time: string }[]).map((s) => s.start_time);
    expect(starts).toEqual([...starts].sort());
  });

  it('sorts by -end_time,start_time: nulls first when descending, then the secondary key', async () => {
    const res = await call('GET', 'sessions/?guide=1&ordering=-end_time,start_time&page_size=500');
    const rows = res.body.results as { end_time: string | null; start_time: string }[];
    const firstNonNull = rows.findIndex((r) => r.end_time !== null);
    expect(firstNonNull).toBeGreaterThan(0);
    expect(rows.slice(firstNonNull).every((r) => r.end_time !== null)).toBe(true);
    for (let i = firstNonNull + 1; i < rows.length; i += 1) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(a.end_time! > b.end_time! || (a.end_time === b.end_time && a.start_time <= b.start_time)).toBe(true);
    }
  });

  it('sorts by end_time,start_time,id: nulls last when ascending (PostgreSQL), those by start, pages of 500 in that order', async () => {
    const res = await call('GET', 'sessions/?guide=1&ordering=end_time,start_time,id&page_size=500');
    const rows = res.body.results as { id: number; end_time: string | null; start_time: string }[];
    const firstNull = rows.findIndex((r) => r.end_time === null);
    expect(firstNull).toBeGreaterThan(0);
    expect(rows.slice(firstNull).every((r) => r.end_time === null)).toBe(true);
    for (let i = 1; i < rows.length; i += 1) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      const byEnd = a.end_time === b.end_time ? 0 : a.end_time === null ? 1 : b.end_time === null ? -1 : a.end_time < b.end_time ? -1 : 1;
      expect(byEnd < 0 || (byEnd === 0 && (a.start_time < b.start_time || (a.start_time === b.start_time && a.id < b.id)))).toBe(true);
    }
  });

  it('ignores unknown ordering fields, as DRF does', async () => {
    expect(ids(await call('GET', 'sessions/?ordering=name'))).toEqual(ids(await call('GET', 'sessions/')));
    expect(ids(await call('GET', 'sessions/?ordering=bogus,-id'))).toEqual(ids(await call('GET', 'sessions/?ordering=-id')));
  });

  it('orders attendees by -last_name,first_name and by email', async () => {
    const res = await call('GET', 'attendees/?guide=1&ordering=-last_name,first_name&page_size=500');
    const rows = res.body.results as { last_name: string; first_name: string }[];
    for (let i = 1; i < rows.length; i += 1) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(a.last_name > b.last_name || (a.last_name === b.last_name && a.first_name <= b.first_name)).toBe(true);
    }
    const emails = ((await call('GET', 'attendees/?guide=18&ordering=email&page_size=500')).body.results as { email: string }[]).map((a) => a.email);
    expect(emails).toEqual([...emails].sort());
  });

  it('has no ordering on schedule-tracks (param ignored)', async () => {
    const got = ids(await call('GET', 'schedule-tracks/?ordering=-id'));
    expect(got).toEqual([...got].sort((a, b) => a - b));
  });
});

describe('filters [V per include file]', () => {
  it('filters sessions by guide, schedule_tracks (array contains), import_id and id', async () => {
    const byGuide = await call('GET', 'sessions/?guide=42&page_size=500');
    expect(byGuide.body.count).toBeGreaterThan(100);
    expect((byGuide.body.results as { guide: number }[]).every((s) => s.guide === 42)).toBe(true);
    const byTrack = await call('GET', 'sessions/?schedule_tracks=3&page_size=500');
    expect(byTrack.body.count).toBeGreaterThan(0);
    expect((byTrack.body.results as { schedule_tracks: number[] }[]).every((s) => s.schedule_tracks.includes(3))).toBe(true);
    const withImport = (byGuide.body.results as { import_id: string | null }[]).find((s) => s.import_id)!;
    const byImport = await call('GET', `sessions/?import_id=${withImport.import_id}`);
    expect(byImport.body.results).toEqual([withImport]);
    const byId = await call('GET', 'sessions/?guide=47&id=8673');
    expect(ids(byId)).toEqual([8673]);
  });

  it('answers 400 {"guide":["Enter a number."]} for a non-numeric number filter', async () => {
    const res = await call('GET', 'sessions/?guide=abc&schedule_tracks=x');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ guide: ['Enter a number.'], schedule_tracks: ['Enter a number.'] });
  });

  it('treats an empty filter value as no filter', async () => {
    expect((await call('GET', 'sessions/?guide=')).body.count).toBe(1500);
  });

  it('filters attendees by revoked (True/False), status, import_id and account__email', async () => {
    const all = (await call('GET', 'attendees/?guide=19')).body.count as number;
    const revoked = (await call('GET', 'attendees/?guide=19&revoked=True&page_size=500')).body;
    const active = (await call('GET', 'attendees/?guide=19&revoked=False')).body.count as number;
    expect(revoked.count + active).toBe(all);
    expect((revoked.results as { revoked: boolean }[]).every((a) => a.revoked)).toBe(true);
    const status3 = await call('GET', 'attendees/?status=3&page_size=500');
    expect((status3.body.results as { status: number }[]).every((a) => a.status === 3)).toBe(true);
    const one = (await call('GET', 'attendees/6/')).body;
    expect(ids(await call('GET', `attendees/?account__email=${encodeURIComponent(one.email)}&guide=18`))).toEqual([6]);
    const imported = (await call('GET', 'attendees/?guide=18&page_size=500')).body.results.find((a: { import_id: string | null }) => a.import_id);
    expect(ids(await call('GET', `attendees/?import_id=${imported.import_id}`))).toEqual([imported.id]);
  });

  it('filters personalized schedules by guide, attendees__id and attendees__import_id', async () => {
    expect(ids(await call('GET', 'personalized-schedules/?attendees__id=7'))).toContain(1);
    const byGuide = await call('GET', 'personalized-schedules/?guide=19&page_size=500');
    expect((byGuide.body.results as { guide: number }[]).every((p) => p.guide === 19)).toBe(true);
    const attendee = (await call('GET', 'attendees/?guide=18&page_size=500')).body.results.find((a: { import_id: string | null }) => a.import_id);
    const byImport = await call('GET', `personalized-schedules/?attendees__import_id=${attendee.import_id}&page_size=500`);
    expect((byImport.body.results as { attendees: number[] }[]).every((p) => p.attendees.includes(attendee.id))).toBe(true);
  });

  it('filters guides by owner and category__id', async () => {
    expect(ids(await call('GET', 'guides/?owner=47'))).toEqual([47]);
    expect(ids(await call('GET', 'guides/?category__id=5'))).toEqual([18, 19]);
  });

  it('filters locations by guide (or guide_id) and location_type', async () => {
    const venues = await call('GET', 'locations/?location_type=1');
    expect(venues.body.count).toBe(6);
    expect(ids(await call('GET', 'locations/?location_type=1&guide_id=1'))).toEqual([1]);
    expect(ids(await call('GET', 'locations/?location_type=1&guide=1'))).toEqual([1]);
  });

  it('filters schedule tracks by guide, id and import_id', async () => {
    const tracks = await call('GET', 'schedule-tracks/?guide=1');
    expect(ids(tracks)).toEqual(expect.arrayContaining([3, 42, 47, 101]));
    expect(ids(await call('GET', 'schedule-tracks/?guide=1&id=42'))).toEqual([42]);
    const imported = (tracks.body.results as { id: number; import_id: string | null }[]).find((t) => t.import_id);
    if (imported) expect(ids(await call('GET', `schedule-tracks/?import_id=${imported.import_id}`))).toContain(imported.id);
  });
});

describe('field shapes and formats [V examples]', () => {
  it('prints datetimes as UTC with six fraction digits and +0000', async () => {
    const rows = (await call('GET', 'sessions/?page_size=200')).body.results as Record<string, string | null>[];
    for (const row of rows) {
      expect(row.created_at).toMatch(DATETIME);
      expect(row.start_time).toMatch(DATETIME);
      if (row.end_time !== null) expect(row.end_time).toMatch(DATETIME);
    }
  });

  it('serves the session field set of _sessions.md, rank printed as a float', async () => {
    const res = await call('GET', 'sessions/106/');
    expect(Object.keys(res.body)).toEqual([
      'id',
      'created_at',
      'start_time',
      'end_time',
      'all_day',
      'name',
      'description_html',
      'import_id',
      'allow_rating',
      'add_to_schedule',
      'guide',
      'locations',
      'schedule_tracks',
      'image',
      'rank',
      'waitlist',
      'require_login',
      'max_capacity',
      'registration_start_date',
      'registration_end_date',
    ]);
    expect(res.text).toContain('"rank":0.0');
  });

  it('serves attendees with guide_id (not guide), qr_badge, app_profile and status 0..3', async () => {
    const res = await call('GET', 'attendees/?page_size=200');
    const first = res.body.results[0];
    expect(Object.keys(first)).toEqual([
      'id',
      'guide_id',
      'account_id',
      'import_id',
      'first_name',
      'last_name',
      'email',
      'avatar',
      'cover',
      'app_profile',
      'revoked',
      'email_opt_out',
      'status',
      'last_email_send',
      'qr_badge',
    ]);
    for (const a of res.body.results as { status: number; qr_badge: string; id: number; app_profile: Record<string, string> }[]) {
      expect([0, 1, 2, 3]).toContain(a.status);
      expect(a.qr_badge).toMatch(new RegExp(`^f=[^&]*&l=[^&]*&i=${a.id}&ii=[^&]*&s=[0-9a-f]{40}$`));
      expect(Object.keys(a.app_profile)).toEqual(expect.arrayContaining(['website', 'position', 'company', 'contact_email']));
    }
  });

  it('serves guides, tracks, locations and schedules with their documented fields', async () => {
    expect(Object.keys((await call('GET', 'guides/1/')).body)).toEqual([
      'id',
      'created_at',
      'name',
      'description_html',
      'attendees_estimate',
      'start_date',
      'end_date',
      'owner',
      'timezone',
      'short_name',
      'category',
    ]);
    expect((await call('GET', 'guides/1/')).body.timezone).toBe('US/Pacific');
    expect(Object.keys((await call('GET', 'schedule-tracks/3/')).body)).toEqual(['id', 'guide', 'name', 'color', 'import_id', 'created_at']);
    const venue = (await call('GET', 'locations/1/')).body;
    expect(Object.keys(venue)).toEqual(['id', 'guide', 'name', 'description', 'location_type', 'latitude', 'longitude', 'import_id', 'address', 'created_at']);
    expect(Object.keys(venue.address).sort()).toEqual(['address', 'city', 'country', 'state', 'street', 'zipcode']);
    expect(Object.keys((await call('GET', 'personalized-schedules/1/')).body)).toEqual(['id', 'guide', 'name', 'attendees', 'sessions']);
  });

  it('keeps track colors as upper-case hex', async () => {
    const colors = ((await call('GET', 'schedule-tracks/?page_size=100')).body.results as { color: string | null }[]).map((t) => t.color);
    expect(colors.filter((c) => c !== null).every((c) => /^#[0-9A-F]{6}$/.test(c!))).toBe(true);
  });
});

describe('retrieve, unknown ids and paths', () => {
  it('404 {"detail":"Not found."} for an unknown or non-numeric id and for an unknown path', async () => {
    for (const path of ['sessions/999999/', 'sessions/abc/', 'attendees/0/', 'no-such-thing/']) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body).toEqual({ detail: 'Not found.' });
    }
  });

  it('redirects a path missing its trailing slash (Django APPEND_SLASH)', async () => {
    const res = await call('GET', 'sessions?guide=1');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/open-api/v1/sessions/?guide=1');
  });

  it('logs requests by the plain route templates', async () => {
    await call('GET', 'sessions/');
    await call('GET', 'sessions/71/');
    expect(emulator.log.countsByRoute()).toEqual({ 'GET /sessions/': 1, 'GET /sessions/:id/': 1 });
  });
});

describe('sessions CRUD [V _sessions.md]', () => {
  const docsPost = {
    start_time: '2017-09-18T16:00:00',
    end_time: '2017-09-18T17:00:00',
    guide: 1,
    description_html: '<p>This is a description field that supports basic HTML</p>',
    name: 'Test Session Created via the Open API',
  };

  it('creates from the docs JSON sample: 201, naive times as UTC, documented defaults', async () => {
    const res = await call('POST', 'sessions/', { json: docsPost });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      start_time: '2017-09-18T16:00:00.000000+0000',
      end_time: '2017-09-18T17:00:00.000000+0000',
      all_day: false,
      name: docsPost.name,
      description_html: docsPost.description_html,
      import_id: null,
      allow_rating: true,
      add_to_schedule: true,
      guide: 1,
      schedule_tracks: [],
      locations: [],
      image: null,
      rank: 0,
      waitlist: false,
      require_login: false,
      max_capacity: null,
    });
    expect(res.body.id).toBeGreaterThan(8673);
    expect(res.body.created_at).toMatch(DATETIME);
    expect((await call('GET', `sessions/${res.body.id}/`)).body).toEqual(res.body);
  });

  it('creates from form data with repeated keys for the track array', async () => {
    const form: [string, string][] = [
      ...Object.entries(docsPost).map(([k, v]): [string, string] => [k, String(v)]),
      ['schedule_tracks', '3'],
      ['schedule_tracks', '42'],
      ['schedule_tracks', '47'],
      ['schedule_tracks', '101'],
    ];
    const res = await call('POST', 'sessions/', { form });
    expect(res.status).toBe(201);
    expect(res.body.schedule_tracks).toEqual([3, 42, 47, 101]);
    expect(res.body.allow_rating).toBe(true);
  });

  it('rejects a comma list in one form value, as DRF does', async () => {
    const res = await call('POST', 'sessions/', {
      form: [
        ['guide', '1'],
        ['name', 'x'],
        ['start_time', '2017-09-18T16:00'],
        ['schedule_tracks', '3,42'],
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ schedule_tracks: ['Incorrect type. Expected pk value, received str.'] });
  });

  it('creates from multipart with a PNG image, and rejects a non-image file', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(docsPost)) form.append(k, String(v));
    form.append('locations', '3');
    form.append('locations', '42');
    form.append('image', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }), 'banner.png');
    const res = await call('POST', 'sessions/', { multipart: form });
    expect(res.status).toBe(201);
    expect(res.body.locations).toEqual([3, 42]);
    expect(res.body.image).toMatch(/^https:\/\/.+banner\.png$/);
    const bad = new FormData();
    bad.append('image', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt');
    const patched = await call('PATCH', `sessions/${res.body.id}/`, { multipart: bad });
    expect(patched.status).toBe(400);
    expect(patched.body).toEqual({ image: ['Upload a valid image. The file you uploaded was either not an image or a corrupted image.'] });
  });

  it('answers "This field is required." for each missing required field', async () => {
    const res = await call('POST', 'sessions/', { json: {} });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ guide: ['This field is required.'], name: ['This field is required.'], start_time: ['This field is required.'] });
  });

  it('answers DRF type and length errors', async () => {
    const res = await call('POST', 'sessions/', {
      json: { guide: 'abc', name: 'x', start_time: 'tomorrow', description_html: 'a'.repeat(20_001), max_capacity: 'lots', all_day: 'maybe' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      guide: ['Incorrect type. Expected pk value, received str.'],
      start_time: ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'],
      description_html: ['Ensure this field has no more than 20000 characters.'],
      max_capacity: ['A valid integer is required.'],
      all_day: ['Must be a valid boolean.'],
    });
  });

  it('answers `Invalid pk` for unknown ids, and for tracks of another guide', async () => {
    const unknown = await call('POST', 'sessions/', { json: { ...docsPost, schedule_tracks: [3, 999] } });
    expect(unknown.body).toEqual({ schedule_tracks: ['Invalid pk "999" - object does not exist.'] });
    const otherGuide = await call('POST', 'sessions/', { json: { ...docsPost, guide: 47, schedule_tracks: [3] } });
    expect(otherGuide.body).toEqual({ schedule_tracks: ['Invalid pk "3" - object does not exist.'] });
    const noGuide = await call('POST', 'sessions/', { json: { ...docsPost, guide: 9999 } });
    expect(noGuide.body).toEqual({ guide: ['Invalid pk "9999" - object does not exist.'] });
  });

  it('enforces the documented field dependencies and end >= start', async () => {
    const res = await call('POST', 'sessions/', {
      json: {
        ...docsPost,
        end_time: '2017-09-18T15:00:00',
        add_to_schedule: false,
        require_login: true,
        waitlist: true,
        registration_start_date: '2017-09-01T00:00:00Z',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      end_time: ['End time cannot be before start time.'],
      require_login: ['Setting this field requires that add_to_schedule is true.'],
      waitlist: ['This field requires that max_capacity is set.'],
    });
    const registration = await call('POST', 'sessions/', { json: { ...docsPost, registration_start_date: '2017-09-01T00:00:00Z' } });
    expect(registration.body).toEqual({ registration_start_date: ['Setting this field requires that require_login is true.'] });
    const fine = await call('POST', 'sessions/', {
      json: { ...docsPost, require_login: true, max_capacity: 40, waitlist: true, registration_start_date: '2017-09-01T00:00:00Z' },
    });
    expect(fine.status).toBe(201);
    expect(fine.body.registration_start_date).toBe('2017-09-01T00:00:00.000000+0000');
  });

  it('converts offsets to UTC and keeps microseconds', async () => {
    const res = await call('POST', 'sessions/', { json: { ...docsPost, start_time: '2017-09-18T18:00:00+02:00', end_time: '2017-09-18 17:30:00.5Z' } });
    expect(res.body.start_time).toBe('2017-09-18T16:00:00.000000+0000');
    expect(res.body.end_time).toBe('2017-09-18T17:30:00.500000+0000');
  });

  it('PATCHes only the given fields (200); the guide cannot change', async () => {
    const before = (await call('GET', 'sessions/71/')).body;
    const res = await call('PATCH', 'sessions/71/', {
      form: [
        ['name', 'Renamed'],
        ['guide', '999'],
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...before, name: 'Renamed' });
    const invalid = await call('PATCH', 'sessions/71/', { json: { end_time: '1999-01-01T00:00:00Z' } });
    expect(invalid.body).toEqual({ end_time: ['End time cannot be before start time.'] });
    expect((await call('PATCH', 'sessions/999999/', { json: { name: 'x' } })).status).toBe(404);
  });

  it('DELETEs with 204 and drops the session from personalized schedules', async () => {
    const res = await call('DELETE', 'sessions/1/');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await call('GET', 'sessions/1/')).status).toBe(404);
    expect((await call('GET', 'personalized-schedules/1/')).body.sessions).toEqual([2, 3]);
  });

  it('answers 405 for PUT, with DRF body and Allow header', async () => {
    const res = await call('PUT', 'sessions/71/', { json: { name: 'x' } });
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ detail: 'Method "PUT" not allowed.' });
    expect(res.headers.allow).toBe('GET, PATCH, DELETE, HEAD, OPTIONS');
  });

  it('answers DRF parse errors for a bad JSON body or a non-object', async () => {
    const broken = await call('POST', 'sessions/', { raw: '{"name": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toMatch(/^JSON parse error - /);
    const list = await call('POST', 'sessions/', { json: [1] });
    expect(list.body).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  });
});

describe('attendees [V _attendees.md]', () => {
  it('creates (201, status 0) and returns the existing attendee unchanged for the same guide+email (200)', async () => {
    const first = await call('POST', 'attendees/', {
      form: [
        ['guide', '1'],
        ['email', 'open_api@example.com'],
        ['first_name', 'Open API'],
        ['last_name', 'Example User'],
      ],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      guide_id: 1,
      import_id: null,
      first_name: 'Open API',
      last_name: 'Example User',
      email: 'open_api@example.com',
      avatar: null,
      cover: null,
      app_profile: { website: '', position: '', company: '', contact_email: '' },
      revoked: false,
      email_opt_out: false,
      status: 0,
      last_email_send: null,
    });
    expect(first.body.qr_badge).toMatch(new RegExp(`^f=Open\\+API&l=Example\\+User&i=${first.body.id}&ii=&s=[0-9a-f]{40}$`));
    const again = await call('POST', 'attendees/', { json: { guide: 1, email: 'OPEN_API@example.com', first_name: 'Changed', import_id: 'x' } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const otherGuide = await call('POST', 'attendees/', { json: { guide: 18, email: 'open_api@example.com' } });
    expect(otherGuide.status).toBe(201);
    expect(otherGuide.body.account_id).toBe(first.body.account_id);
  });

  it('validates guide and email', async () => {
    const res = await call('POST', 'attendees/', { json: { email: 'not-an-email' } });
    expect(res.body).toEqual({ guide: ['This field is required.'], email: ['Enter a valid email address.'] });
  });

  it('PATCH changes only revoked, email_opt_out and import_id', async () => {
    const before = (await call('GET', 'attendees/6/')).body;
    const res = await call('PATCH', 'attendees/6/', {
      json: { revoked: true, email_opt_out: 'true', import_id: 'crm-6', first_name: 'Nope', status: 3, email: 'x@example.com' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...before, revoked: true, email_opt_out: true, import_id: 'crm-6', qr_badge: expect.stringContaining('&ii=crm-6&') });
  });

  it('refuses DELETE with 405', async () => {
    const res = await call('DELETE', 'attendees/6/');
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ detail: 'Method "DELETE" not allowed.' });
    expect((await call('GET', 'attendees/6/')).status).toBe(200);
  });
});

describe('personalized schedules [V _personalized_schedules.md]', () => {
  it('creates from the docs sample (guide 1) with 201', async () => {
    const res = await call('POST', 'personalized-schedules/', {
      form: [
        ['guide', '1'],
        ['name', 'Test Personalized Schedule Created via the Open API'],
        ['attendees', '1'],
        ['attendees', '5'],
        ...[13, 42, 47, 101, 118].map((id): [string, string] => ['sessions', String(id)]),
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: 401,
      guide: 1,
      name: 'Test Personalized Schedule Created via the Open API',
      attendees: [1, 5],
      sessions: [13, 42, 47, 101, 118],
    });
  });

  it('requires every field in JSON and checks ids against the guide', async () => {
    expect((await call('POST', 'personalized-schedules/', { json: {} })).body).toEqual({
      guide: ['This field is required.'],
      name: ['This field is required.'],
      attendees: ['This field is required.'],
      sessions: ['This field is required.'],
    });
    const cross = await call('POST', 'personalized-schedules/', { json: { guide: 18, name: 'x', attendees: [6], sessions: [4] } });
    expect(cross.body).toEqual({ sessions: ['Invalid pk "4" - object does not exist.'] });
  });

  it('PATCH changes only sessions and attendees; other fields are ignored', async () => {
    const res = await call('PATCH', 'personalized-schedules/1/', { json: { name: 'Renamed', guide: 19, sessions: [3, 1], attendees: [8] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 1, guide: 18, name: 'Example Schedule for Sales Team', attendees: [8], sessions: [1, 3] });
  });

  it('DELETEs with 204', async () => {
    expect((await call('DELETE', 'personalized-schedules/2/')).status).toBe(204);
    expect((await call('GET', 'personalized-schedules/2/')).status).toBe(404);
  });
});

describe('guides, tracks, locations [V _guides.md, _schedule_tracks.md, _locations.md]', () => {
  it('refuses guide create and delete with 405, allows PATCH', async () => {
    expect((await call('POST', 'guides/', { json: { name: 'x' } })).body).toEqual({ detail: 'Method "POST" not allowed.' });
    expect((await call('DELETE', 'guides/1/')).status).toBe(405);
    const res = await call('PATCH', 'guides/1/', { json: { name: 'DevWorld 2017', privacy: 3, timezone: 'Europe/Paris' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'DevWorld 2017', timezone: 'Europe/Paris' });
    expect(res.body).not.toHaveProperty('privacy');
    expect((await call('PATCH', 'guides/1/', { json: { privacy: 9, timezone: 'Mars/Olympus' } })).body).toEqual({
      timezone: ['"Mars/Olympus" is not a valid choice.'],
      privacy: ['"9" is not a valid choice.'],
    });
  });

  it('creates a schedule track (color upper-cased), and deleting it detaches it from sessions', async () => {
    const res = await call('POST', 'schedule-tracks/', {
      form: [
        ['guide', '1'],
        ['name', 'Test Schedule Track Created via the Open API'],
        ['color', '#00008a'],
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ guide: 1, color: '#00008A', import_id: null, id: 102 });
    const tagged = (await call('GET', 'sessions/?schedule_tracks=3')).body.count as number;
    expect(tagged).toBeGreaterThan(0);
    expect((await call('DELETE', 'schedule-tracks/3/')).status).toBe(204);
    expect((await call('GET', 'sessions/?schedule_tracks=3')).body.count).toBe(0);
  });

  it('creates locations, allows one Main Venue per guide and reads a form address as a JSON string', async () => {
    const second = await call('POST', 'locations/', { json: { guide: 1, name: 'Another venue', location_type: 1 } });
    expect(second.status).toBe(400);
    expect(second.body).toEqual({ location_type: ['A Main Venue location already exists for this guide.'] });
    const address = { city: 'San Francisco', country: 'U.S.A.', zipcode: '94103', state: 'CA', street: '747 Howard Street', address: 'Moscone Center' };
    const patched = await call('PATCH', 'locations/1/', {
      form: [
        ['name', 'Moscone Center'],
        ['address', JSON.stringify(address)],
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.address).toEqual(address);
    const stadium = await call('POST', 'locations/', {
      form: [
        ['guide', '1'],
        ['name', 'Stadium'],
        ['location_type', '3'],
        ['latitude', '37.3327'],
        ['longitude', '-121.901236'],
      ],
    });
    expect(stadium.status).toBe(201);
    expect(stadium.body).toMatchObject({ latitude: 37.3327, longitude: -121.901236, address: null, description: null });
  });
});

describe('actions [V _guides.md, _attendees.md]', () => {
  it('publishes a guide with 202, at most twice a minute per guide', async () => {
    expect((await call('POST', 'guides/1/publish/')).status).toBe(202);
    expect((await call('POST', 'guides/1/publish/')).status).toBe(202);
    const third = await call('POST', 'guides/1/publish/');
    expect(third.status).toBe(429);
    const retry = Number(third.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(59);
    expect(retry).toBeLessThanOrEqual(60);
    expect(third.body).toEqual({ detail: `Request was throttled. Expected available in ${retry} seconds.` });
    expect((await call('POST', 'guides/18/publish/')).status).toBe(202);
    emulator.reset();
    expect((await call('POST', 'guides/1/publish/')).status).toBe(202);
  });

  it('publishes personalized schedules for a guide or an attendee with 202', async () => {
    expect((await call('POST', 'guides/18/publish-personalized-schedules/')).status).toBe(202);
    expect((await call('POST', 'attendees/21/publish-personalized-schedules/')).status).toBe(202);
    expect((await call('POST', 'attendees/999999/publish-personalized-schedules/')).status).toBe(404);
    expect((await call('GET', 'guides/18/publish/')).status).toBe(405);
  });

  it('sends invite emails once per 24 h, skipping opted-out attendees, at most 500 ids', async () => {
    const created = await Promise.all(
      ['a', 'b', 'c'].map((n) => call('POST', 'attendees/', { json: { guide: 47, email: `${n}@invite.example.com`, email_opt_out: n === 'c' } })),
    );
    const newIds = created.map((r) => r.body.id as number);
    const sent = await call('POST', 'guides/47/send-attendee-invite-email/', { json: { attendees: newIds } });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ successful_emails: newIds.slice(0, 2) });
    expect((await call('GET', `attendees/${newIds[0]}/`)).body).toMatchObject({ status: 1, last_email_send: expect.stringMatching(DATETIME) });
    expect((await call('POST', 'guides/47/send-attendee-invite-email/', { json: { attendees: newIds } })).body).toEqual({ successful_emails: [] });
    const tooMany = await call('POST', 'guides/47/send-attendee-invite-email/', { json: { attendees: Array.from({ length: 501 }, (_, i) => i + 1) } });
    expect(tooMany.body).toEqual({ attendees: ['Ensure this field has no more than 500 elements.'] });
    const wrongGuide = await call('POST', 'guides/47/send-attendee-invite-email/', { json: { attendees: [6] } });
    expect(wrongGuide.body).toEqual({ attendees: ['Invalid pk "6" - object does not exist.'] });
  });
});

describe('faults and reset', () => {
  it('answers the provider 429 shape for an injected rate-limit fault', async () => {
    emulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 7, route: '/sessions/', times: 1 });
    const res = await call('GET', 'sessions/');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.body).toEqual({ detail: 'Request was throttled. Expected available in 7 seconds.' });
    emulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 1, route: '/sessions/:id/', times: 1 });
    expect((await call('GET', 'sessions/71/')).body).toEqual({ detail: 'Request was throttled. Expected available in 1 second.' });
  });

  it('reset() restores the seed data and id sequences', async () => {
    const original = (await call('GET', 'sessions/71/')).body;
    await call('PATCH', 'sessions/71/', { json: { name: 'Changed' } });
    await call('DELETE', 'sessions/72/');
    await call('POST', 'sessions/', { json: { guide: 1, name: 'x', start_time: '2017-09-18T10:00:00Z' } });
    emulator.reset();
    expect((await call('GET', 'sessions/71/')).body).toEqual(original);
    expect((await call('GET', 'sessions/72/')).status).toBe(200);
    expect((await call('GET', 'sessions/')).body.count).toBe(1500);
    expect((await call('POST', 'sessions/', { json: { guide: 1, name: 'x', start_time: '2017-09-18T10:00:00Z' } })).body.id).toBe(8674);
  });
});
