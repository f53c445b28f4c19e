import path from 'node:path';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/projectRoot.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { nginxCheck, startNginx, type NginxServer } from '../support/nginxServer.js';
import { redisAvailability, startRedisServer, type RedisServer } from '../support/redisServer.js';

// docs/nginx/gateway-replicas.conf as written, with Debian's nginx in front of two replicas
// sharing a redis-server: a client syncing through the load balancer lands on either replica,
// and its tokens work on both.

const redisCheck = redisAvailability();
const nginx = nginxCheck();
const suite = redisCheck.available ? nginx.suite : redisCheck.suite;

let redis: RedisServer;
let emulators: EmulatorSet;
let replicas: Harness[] = [];
let balancer: NginxServer;

const CHANGES = `query C($since: String) { sessionChanges(since: $since) { token changes { kind sessionId session { name } } } }`;
type Page = { token: string; changes: Array<{ kind: string; sessionId: string; session: { name: string } | null }> };

async function viaNginx(since?: string): Promise<{ page: Page }> {
  const response = await request(`${balancer.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: CHANGES, variables: since ? { since } : {} }),
  });
  expect(response.statusCode).toBe(200);
  const body = (await response.body.json()) as { data?: { sessionChanges: Page }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { page: body.data!.sessionChanges };
}

beforeAll(async () => {
  if (!redisCheck.available || !nginx.available) return;
  redis = await startRedisServer();
  emulators = await startEmulators();
  const env = {
    ...NO_CACHE_ENV,
    ROUNDWARE_API_URL: 'off',
    PLANSTONE_API_URL: 'off',
    GUIDEBOOK_QUOTA_PER_DAY: '0',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: 'live20-nginx:',
  };
  replicas = [await startHarness({ emulatorSet: emulators, env }), await startHarness({ emulatorSet: emulators, env })];
  balancer = await startNginx({
    confPath: path.join(projectRoot(), 'docs/nginx/gateway-replicas.conf'),
    backendPorts: replicas.map((r) => Number(new URL(r.url).port)),
  });
});
afterAll(async () => {
  await balancer?.stop();
  for (const replica of replicas) await replica.close();
  await emulators?.close();
  await redis?.stop();
});

describe('two replicas behind nginx (docs/nginx/gateway-replicas.conf)', suite, () => {
  it('syncs through the load balancer: requests reach both replicas, every token works on whichever answers', async () => {
    const [a, b] = replicas as [Harness, Harness];
    const { page: first } = await viaNginx();
    expect(await a.gateway.changePoller.pollOnce()).toEqual([]); // the baseline
    const list = (await (
      await request(new URL('sessions/?ordering=id', emulators.env.GUIDEBOOK_API_URL), { headers: { authorization: `JWT ${emulators.env.GUIDEBOOK_API_KEY}` } })
    ).body.json()) as { results: Array<{ id: number }> };
    const id = list.results[0]!.id;
    await request(new URL(`sessions/${id}/`, emulators.env.GUIDEBOOK_API_URL), {
      method: 'PATCH',
      headers: { authorization: `JWT ${emulators.env.GUIDEBOOK_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Behind nginx' }),
    }).then((r) => r.body.dump());
    expect(await b.gateway.changePoller.pollOnce()).toBeNull(); // A holds the lease
    expect((await a.gateway.changePoller.pollOnce())?.length).toBe(1);

    const served = [0, 0];
    replicas.forEach((replica, index) => replica.gateway.httpServer.on('request', () => (served[index] = served[index]! + 1)));
    // Several syncs from the same token: least_conn spreads them; every answer is the same.
    const answers = await Promise.all(Array.from({ length: 8 }, () => viaNginx(first.token)));
    for (const { page } of answers) {
      expect(page.changes).toEqual([
        { kind: 'UPDATED', sessionId: Buffer.from(`Session:guidebook:${id}`).toString('base64url'), session: { name: 'Behind nginx' } },
      ]);
      expect(page.token).toBe(answers[0]!.page.token);
    }
    // And from the new token: nothing more, on any replica.
    const after = await Promise.all(Array.from({ length: 4 }, () => viaNginx(answers[0]!.page.token)));
    for (const { page } of after) expect(page.changes).toEqual([]);
    expect(served[0]).toBeGreaterThan(0);
    expect(served[1]).toBeGreaterThan(0);
  });
});
