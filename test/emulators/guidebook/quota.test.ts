import { createGuidebookEmulator } from '@sessions-gateway/emulators/guidebook';
import { secondsToNextUtcMidnight } from '@sessions-gateway/emulators/guidebook/dailyQuota.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The account-wide daily quota [V 10,000/day, then 429], with a tiny quota and two keys.

const emulator = createGuidebookEmulator({ dailyQuota: 3, apiKeys: ['key-one', 'key-two'] });
let base: string;

async function get(key: string | undefined, path = 'guides/'): Promise<{ status: number; retryAfter: string | undefined; body: unknown }> {
  const res = await request(`${base}${path}`, { headers: key ? { authorization: `JWT ${key}` } : {} });
  return { status: res.statusCode, retryAfter: res.headers['retry-after'] as string | undefined, body: await res.body.json() };
}

beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());

describe('daily quota', () => {
  it('accepts only the configured keys', async () => {
    expect((await get('demo-guidebook-key')).status).toBe(401);
    emulator.reset();
  });

  it('answers 429 with Retry-After = seconds to next UTC midnight once a key has used its quota', async () => {
    expect((await get(undefined)).status).toBe(401); // unauthenticated requests are not counted
    for (let i = 0; i < 3; i += 1) expect((await get('key-one', i === 2 ? 'sessions/999999/' : 'guides/')).status).not.toBe(429);
    const expected = secondsToNextUtcMidnight(Date.now());
    const limited = await get('key-one');
    expect(limited.status).toBe(429);
    const wait = Number(limited.retryAfter);
    expect(Math.abs(wait - expected)).toBeLessThanOrEqual(2);
    expect(limited.body).toEqual({ detail: `Request was throttled. Expected available in ${wait} seconds.` });
    expect((await get('key-one', 'sessions/?page=999')).status).toBe(429);
    expect((await get('key-two')).status).toBe(200);
  });

  it('is restored by reset()', async () => {
    emulator.reset();
    expect((await get('key-one')).status).toBe(200);
  });

  it('computes the wait to the next UTC midnight', () => {
    expect(secondsToNextUtcMidnight(Date.UTC(2025, 0, 1, 23, 59, 30))).toBe(30);
    expect(secondsToNextUtcMidnight(Date.UTC(2025, 0, 1, 0, 0, 0))).toBe(86_400);
  });
});
