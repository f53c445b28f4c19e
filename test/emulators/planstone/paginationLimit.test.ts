import { createPlanstoneEmulator, PLANSTONE_DEMO } from '@sessions-gateway/emulators/planstone';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `paginationLimit`: a feed deployed with a smaller Eve PAGINATION_LIMIT (issue 21's feed
// answers 10 a page). The data must be the default seed's, byte for byte; only paging differs.

const limited = createPlanstoneEmulator({ paginationLimit: 10 });
const standard = createPlanstoneEmulator();
const bases: string[] = [];
beforeAll(async () => {
  bases.push(await limited.listen(0), await standard.listen(0));
});
afterAll(() => Promise.all([limited.close(), standard.close()]));

const AUTH = { authorization: `Basic ${Buffer.from(`${PLANSTONE_DEMO.token}:`).toString('base64')}` };
const SCOPE = JSON.stringify({ account: PLANSTONE_DEMO.account, conference: PLANSTONE_DEMO.conference });

async function page(base: string, resource: string, params: Record<string, string>) {
  const res = await request(`${base}${resource}?${new URLSearchParams({ where: SCOPE, sort: 'schedid,pid', ...params })}`, { headers: AUTH });
  return (await res.body.json()) as { _items: Array<Record<string, unknown>>; _meta: { page: number; max_results: number; total: number } };
}

describe('Planstone emulator: paginationLimit', () => {
  it.each(['sessions', 'speakers'])(
    '%s: max_results=100 is clamped to 10 silently, _meta says 10, the total and the items are the default ones',
    async (resource) => {
      const [limitedBase, standardBase] = bases as [string, string];
      const whole = await page(standardBase, resource, { max_results: '100', page: '1' });
      const first = await page(limitedBase, resource, { max_results: '100', page: '1' });
      const third = await page(limitedBase, resource, { max_results: '100', page: '3' });
      expect(first._meta).toEqual({ page: 1, max_results: 10, total: whole._meta.total });
      expect(first._items).toEqual(whole._items.slice(0, 10));
      expect(third._items).toEqual(whole._items.slice(20, 30));
      // Below the limit it changes nothing.
      expect((await page(limitedBase, resource, { max_results: '4' }))._items).toEqual(whole._items.slice(0, 4));
    },
  );

  it('refuses a limit that is not a whole number ≥ 1', () => {
    expect(() => createPlanstoneEmulator({ paginationLimit: 0 })).toThrow(RangeError);
    expect(() => createPlanstoneEmulator({ paginationLimit: 2.5 })).toThrow(RangeError);
  });
});
