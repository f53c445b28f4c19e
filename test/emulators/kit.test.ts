import { Emulator } from '@sessions-gateway/emulators/kit';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// A minimal provider to exercise the shared control surface every emulator inherits.
const items = [{ id: 1 }, { id: 2 }];
const emulator = new Emulator({
  name: 'toy',
  basePath: '/api/1',
  routes: [
    { path: '/items/', methods: { GET: () => ({ status: 200, body: items }) } },
    { path: '/items/:id/', methods: { GET: (req) => ({ status: 200, body: items.find((i) => String(i.id) === req.params.id) ?? {} }) } },
  ],
  notFound: () => ({ status: 404, body: { detail: 'Not found.' } }),
  methodNotAllowed: (req) => ({ status: 405, body: { detail: `Method "${req.method}" not allowed.` } }),
  rateLimited: (seconds) => ({ status: 429, headers: { 'retry-after': String(seconds) }, body: { detail: 'throttled' } }),
  reset: () => undefined,
});

let base: string;
beforeAll(async () => {
  base = await emulator.listen(0);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe('emulator kit', () => {
  it('serves routes under the base path and logs each request by route template', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/1\/$/);
    const list = await request(`${base}items/`);
    expect(await list.body.json()).toEqual(items);
    await (await request(`${base}items/2/`)).body.dump();
    expect(emulator.log.count({ route: '/items/:id/' })).toBe(1);
    expect(emulator.log.countsByRoute()).toEqual({ 'GET /items/': 1, 'GET /items/:id/': 1 });
  });

  it('answers 404 and 405 through the provider definition', async () => {
    const missing = await request(`${base}nothing/`);
    expect(missing.statusCode).toBe(404);
    await missing.body.dump();
    const wrongMethod = await request(`${base}items/`, { method: 'DELETE' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(await wrongMethod.body.json()).toEqual({ detail: 'Method "DELETE" not allowed.' });
  });

  it('injects faults per route over HTTP, a given number of times', async () => {
    const added = await request(`${emulator.origin}/__control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'rate-limit', retryAfterSeconds: 7, route: '/items/', times: 1 }),
    });
    expect(added.statusCode).toBe(201);
    await added.body.dump();
    const limited = await request(`${base}items/`);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    await limited.body.dump();
    const after = await request(`${base}items/`);
    expect(after.statusCode).toBe(200);
    await after.body.dump();
    const log = (await (await request(`${emulator.origin}/__control/log`)).body.json()) as { total: number; entries: { outcome: unknown }[] };
    expect(log.total).toBe(2);
    expect(log.entries.map((e) => e.outcome)).toEqual(['rate-limit', 200]);
  });

  it('can reset a connection, truncate a body and send malformed JSON', async () => {
    emulator.faults.add({ kind: 'reset', times: 1 });
    await expect(request(`${base}items/`)).rejects.toThrow();
    emulator.faults.add({ kind: 'truncated', times: 1 });
    await expect(request(`${base}items/`).then((r) => r.body.text())).rejects.toThrow();
    emulator.faults.add({ kind: 'malformed-json', times: 1 });
    await expect(request(`${base}items/`).then((r) => r.body.json())).rejects.toThrow();
  });

  it('hangs until the client gives up, and adds configured latency', async () => {
    emulator.faults.add({ kind: 'hang', times: 1 });
    await expect(request(`${base}items/`, { headersTimeout: 150 })).rejects.toThrow(/timeout/i);
    emulator.setLatency({ fixedMs: 60 });
    const started = performance.now();
    await (await request(`${base}items/`)).body.dump();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('counts the requests in flight and marks those the client closed before their answer', async () => {
    emulator.faults.add({ kind: 'hang', times: 1 });
    const controller = new AbortController();
    const hung = request(`${base}items/`, { signal: controller.signal });
    await vi.waitFor(() => expect(emulator.inFlight).toBe(1));
    expect(emulator.log.closedEarly()).toEqual([]);
    controller.abort();
    await expect(hung).rejects.toThrow();
    await vi.waitFor(() => expect(emulator.inFlight).toBe(0));
    const [closed] = emulator.log.closedEarly();
    expect(closed?.outcome).toBe('hang');
    expect(closed!.closedEarlyAtMs).toBeGreaterThanOrEqual(closed!.receivedAtMs);
    // Answered in full, or cut by the emulator's own fault: not closed early by the client.
    await (await request(`${base}items/`)).body.dump();
    emulator.faults.add({ kind: 'reset', times: 1 });
    await expect(request(`${base}items/`)).rejects.toThrow();
    await vi.waitFor(() => expect(emulator.inFlight).toBe(0));
    expect(emulator.log.closedEarly()).toHaveLength(1);
    const log = (await (await request(`${emulator.origin}/__control/log`)).body.json()) as { inFlight: number };
    expect(log.inFlight).toBe(0);
  });
});
