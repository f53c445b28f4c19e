import { createGuidebookEmulator, GUIDEBOOK_DEMO_API_KEY } from '@sessions-gateway/emulators/guidebook';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The emulator remembers filtered, ordered lists between pages (for 15,000-session guides);
// a write or a reset must make the next read see the change, as the real API always does.

const emulator = createGuidebookEmulator();
const AUTH = { authorization: `JWT ${GUIDEBOOK_DEMO_API_KEY}`, 'content-type': 'application/json' };
let base: string;
beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());

interface Page {
  count: number;
  results: { id: number; start_time: string }[];
}
async function call<T>(method: 'GET' | 'PATCH' | 'POST' | 'DELETE', path: string, json?: unknown): Promise<T> {
  const res = await request(`${base}${path}`, { method, headers: AUTH, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await res.body.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

describe('Guidebook emulator: remembered lists follow every write', () => {
  const path = 'sessions/?guide=47&ordering=start_time&page_size=500';

  it('moves a session to the front of ordering=start_time right after a PATCH of its start_time', async () => {
    const before = await call<Page>('GET', path);
    const last = before.results[before.results.length - 1]!;
    expect(before.results[0]!.id).not.toBe(last.id);
    await call('PATCH', `sessions/${last.id}/`, { start_time: '2020-01-01T00:00:00Z', end_time: '2020-01-01T01:00:00Z' });
    const after = await call<Page>('GET', path);
    expect(after.results[0]!.id).toBe(last.id);
    expect(after.count).toBe(before.count);
  });

  it('counts a created session and forgets a deleted one at once', async () => {
    const before = await call<Page>('GET', path);
    const created = await call<{ id: number }>('POST', 'sessions/', { guide: 47, name: 'Cache probe', start_time: '2019-01-01T00:00:00Z' });
    const withIt = await call<Page>('GET', path);
    expect(withIt.count).toBe(before.count + 1);
    expect(withIt.results[0]!.id).toBe(created.id);
    await call('DELETE', `sessions/${created.id}/`);
    expect((await call<Page>('GET', path)).count).toBe(before.count);
  });

  it('serves the seed order again after a reset', async () => {
    emulator.reset();
    const fresh = createGuidebookEmulator();
    const freshBase = await fresh.listen(0);
    try {
      const res = await request(`${freshBase}${path}`, { headers: AUTH });
      const expected = (await res.body.json()) as Page;
      const again = await call<Page>('GET', path);
      expect(again.count).toBe(expected.count);
      expect(again.results).toEqual(expected.results);
    } finally {
      await fresh.close();
    }
  });
});
