import { createGuidebookEmulator, GUIDEBOOK_DEMO_API_KEY } from '@sessions-gateway/emulators/guidebook';
import { FormData, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `legacyFields: true` serves the session field set of guidebook-sessions-legacy.md.

const AUTH = { authorization: `JWT ${GUIDEBOOK_DEMO_API_KEY}` };
const emulator = createGuidebookEmulator({ legacyFields: true, pageSize: 10 });
let base: string;

beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());

// From upstream-docs/guidebook-sessions-legacy.md, verbatim.
const LEGACY_106 = {
  id: 106,
  created_at: '2017-09-18T22:13:25.766623+0000',
  last_updated: '2017-09-18T22:13:25.766653+0000',
  start_time: '2017-09-18T16:00:00.000000+0000',
  end_time: '2017-09-18T17:00:00.000000+0000',
  all_day: false,
  name: 'Test Session Created via the Open API',
  description_html: '<p>This is a description field that supports basic HTML</p>',
  image: null,
  thumbnail: null,
  import_id: null,
  allow_rating: false,
  add_to_schedule: false,
  guide: 1,
  schedule_tracks: [],
  locations: [],
};

describe('legacy session fields', () => {
  it('serves session 106 exactly as the legacy sample, keys in order', async () => {
    const res = await request(`${base}sessions/106/`, { headers: AUTH });
    const body = (await res.body.json()) as Record<string, unknown>;
    expect(body).toEqual(LEGACY_106);
    expect(Object.keys(body)).toEqual(Object.keys(LEGACY_106));
  });

  it('lists sessions with the legacy field set and the configured page size', async () => {
    const res = await request(`${base}sessions/?guide=1`, { headers: AUTH });
    const page = (await res.body.json()) as { results: Record<string, unknown>[] };
    expect(page.results).toHaveLength(10);
    for (const s of page.results) {
      expect(Object.keys(s).sort()).toEqual(Object.keys(LEGACY_106).sort());
      expect(s).not.toHaveProperty('rank');
    }
  });

  it('accepts a thumbnail upload and bumps last_updated on PATCH', async () => {
    const form = new FormData();
    form.append('name', 'Legacy rename');
    form.append('thumbnail', new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'thumb.jpg');
    const res = await request(`${base}sessions/106/`, { method: 'PATCH', headers: AUTH, body: form });
    expect(res.statusCode).toBe(200);
    const body = (await res.body.json()) as Record<string, string>;
    expect(body.thumbnail).toMatch(/thumb\.jpg$/);
    expect(body.name).toBe('Legacy rename');
    expect(body.last_updated! > LEGACY_106.last_updated).toBe(true);
    expect(body.created_at).toBe(LEGACY_106.created_at);
  });
});
