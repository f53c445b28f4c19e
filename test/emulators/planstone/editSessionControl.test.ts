import { createPlanstoneEmulator, PLANSTONE_DEMO } from '@sessions-gateway/emulators/planstone';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The Planstone emulator's edit control (the feed's API is read-only): PATCH and DELETE
// /__control/sessions/<_id> change what the feed serves, as an organiser's edit would;
// reset undoes them. Another emulator of the same seed is unaffected (the seed data is shared).

const emulator = createPlanstoneEmulator();
const other = createPlanstoneEmulator();
let base: string;
let otherBase: string;
beforeAll(async () => {
  [base, otherBase] = await Promise.all([emulator.listen(0), other.listen(0)]);
});
afterAll(() => Promise.all([emulator.close(), other.close()]));

const AUTH = { authorization: `Basic ${Buffer.from(`${PLANSTONE_DEMO.token}:`).toString('base64')}` };
const SCOPE = { account: PLANSTONE_DEMO.account, conference: PLANSTONE_DEMO.conference };

async function find(where: Record<string, unknown>, at = base): Promise<Array<Record<string, unknown>>> {
  const res = await request(`${at}sessions?${new URLSearchParams({ where: JSON.stringify({ ...SCOPE, ...where }) })}`, { headers: AUTH });
  return ((await res.body.json()) as { _items: Array<Record<string, unknown>> })._items;
}

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await request(`${new URL(base).origin}/__control/${path}`, {
    method: method as 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

describe('Planstone emulator: the edit control', () => {
  it('PATCH sets the fields, a new _etag and session_updated_at = now; the feed serves it, a where on session_updated_at finds it', async () => {
    const [session] = await find({ schedid: { $ne: '' } });
    const before = new Date().toISOString().slice(0, 19).replace('T', ' ');
    const edited = await control('PATCH', `sessions/${session!._id as string}`, { sessionName: 'Edited' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ _id: session!._id, sessionName: 'Edited' });
    expect(edited.body._etag).not.toBe(session!._etag);
    expect((edited.body.session_updated_at as string) >= before).toBe(true);
    const since = await find({ session_updated_at: { $gte: before } });
    expect(since.map((s) => [s._id, s.sessionName])).toEqual([[session!._id, 'Edited']]);
    const [untouched] = await find({ schedid: session!.schedid }, otherBase);
    expect(untouched!.sessionName).toBe(session!.sessionName);
  });

  it('DELETE removes the session from the feed; an unknown _id is 404; reset brings the seed back', async () => {
    await control('POST', 'reset');
    const [session] = await find({ schedid: { $ne: '' } });
    expect((await control('DELETE', `sessions/${session!._id as string}`)).status).toBe(200);
    expect(await find({ schedid: session!.schedid })).toEqual([]);
    expect((await control('DELETE', `sessions/${session!._id as string}`)).status).toBe(404);
    expect((await control('POST', 'reset')).status).toBe(200);
    const [back] = await find({ schedid: session!.schedid });
    expect(back!._etag).toBe(session!._etag);
  });
});
