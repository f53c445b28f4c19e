import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/projectRoot.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { startVarnish, varnishCheck, type VarnishServer } from '../support/varnishServer.js';

// The gateway behind a real HTTP cache: Debian's varnishd, started here on a loopback port
// with the sample VCL of docs/cdn/varnish.vcl, in front of a gateway on another. Hits are
// told by the gateway's own request count, not by Varnish's headers.

const varnishTool = varnishCheck();
// Every provider's TTL 3 s, so answers get max-age=3 and the expiry test waits only that long.
const TTL_ENV = { GUIDEBOOK_CACHE_TTL_MS: '3000', PLANSTONE_CACHE_TTL_MS: '3000', ROUNDWARE_CACHE_TTL_MS: '3000' };

let harness: Harness;
let varnish: VarnishServer;
let gatewayRequests = 0;

beforeAll(async () => {
  if (!varnishTool.available) return;
  harness = await startHarness({ env: TTL_ENV });
  harness.gateway.httpServer.on('request', () => (gatewayRequests += 1));
  const backendPort = Number(new URL(harness.url).port);
  varnish = await startVarnish({ backendPort, vclPath: path.join(projectRoot(), 'docs', 'cdn', 'varnish.vcl') });
}, 60_000);
afterAll(async () => {
  await varnish?.stop();
  await harness?.close();
});

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A GET of `/graphql` through Varnish, as a browser or mobile client sends it (CSRF header included). */
async function get(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Got> {
  const params = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
  const response = await request(`${varnish.origin}/graphql?${params.toString()}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

async function post(body: unknown): Promise<Got> {
  const response = await request(`${varnish.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

/** How many requests reached the gateway while `action` ran. */
async function reaching<T>(action: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const before = gatewayRequests;
  const result = await action();
  return { result, requests: gatewayRequests - before };
}

const SESSIONS = '{ sessions(first: 3) { totalCount edges { node { id name startTime tracks { name } } } } }';

describe('behind Varnish (docs/cdn/varnish.vcl)', varnishTool.suite, () => {
  it('serves the second identical GET from Varnish: zero gateway requests, zero upstream calls, the same bytes', async () => {
    const first = await reaching(() => get(SESSIONS));
    expect(first.requests).toBe(1);
    expect(first.result.status).toBe(200);
    expect(first.result.headers['cache-control']).toBe('public, max-age=3');
    harness.resetLogs();
    const second = await reaching(() => get(SESSIONS));
    expect(second.requests).toBe(0);
    expect(harness.upstreamCalls().total).toBe(0);
    expect(second.result.status).toBe(200);
    expect(second.result.text).toBe(first.result.text);
    expect(second.result.headers.etag).toBe(first.result.headers.etag);
    // Varnish answers If-None-Match from its copy too.
    const revalidated = await reaching(() => get(SESSIONS, undefined, { 'if-none-match': String(first.result.headers.etag) }));
    expect(revalidated.requests).toBe(0);
    expect(revalidated.result.status).toBe(304);
  });

  it("never serves an attendee's query from the cache: each GET reaches the gateway", async () => {
    const query = '{ attendees(first: 2) { edges { node { email firstName } } } }';
    const first = await reaching(() => get(query));
    expect(first.result.headers['cache-control']).toBe('private, max-age=3');
    expect(JSON.parse(first.result.text).data.attendees.edges).toHaveLength(2);
    const second = await reaching(() => get(query));
    expect([first.requests, second.requests]).toEqual([1, 1]);
    expect(second.result.text).toBe(first.result.text);
  });

  it('never keeps a POST, nor a GET answered with an error', async () => {
    const posts = await reaching(async () => [await post({ query: SESSIONS }), await post({ query: SESSIONS })]);
    expect(posts.requests).toBe(2);
    expect(posts.result.map((p) => p.status)).toEqual([200, 200]);
    const failing = '{ node(id: "not-a-global-id") { id } }';
    const errors = await reaching(async () => [await get(failing), await get(failing)]);
    expect(errors.requests).toBe(2);
    for (const answer of errors.result) expect(JSON.parse(answer.text).errors.length).toBeGreaterThan(0);
  });

  it("does not hide a mutation's effect longer than the max-age the earlier answer was given", async () => {
    const tracks = await harness.query<{ tracks: { edges: Array<{ node: { id: string; name: string } }> } }>(
      '{ tracks(first: 1, filter: { sources: [GUIDEBOOK] }) { edges { node { id name } } } }',
    );
    const { id, name: oldName } = tracks.data!.tracks.edges[0]!.node;
    const read = 'query Track($id: ID!) { node(id: $id) { ... on Track { name } } }';
    const nameOf = (got: Got) => (JSON.parse(got.text) as { data: { node: { name: string } } }).data.node.name;

    const before = await get(read, { id });
    expect(nameOf(before)).toBe(oldName);
    const maxAge = Number(/max-age=(\d+)/.exec(String(before.headers['cache-control']))?.[1]);
    expect(maxAge).toBe(3);
    expect((await reaching(() => get(read, { id }))).requests).toBe(0);

    const newName = `${oldName} (renamed ${Date.now()})`;
    const mutation = await reaching(() =>
      post({
        query: 'mutation ($input: UpdateTrackInput!) { updateTrack(input: $input) { track { name } userErrors { message } } }',
        variables: { input: { id, name: newName } },
      }),
    );
    expect(mutation.requests).toBe(1);
    expect(JSON.parse(mutation.result.text).data.updateTrack.track.name).toBe(newName);

    // Within max-age Varnish may still answer with the old name; once it has passed (1 s of slack), never.
    await new Promise((resolve) => setTimeout(resolve, maxAge * 1000 + 1000));
    const after = await reaching(() => get(read, { id }));
    expect(after.requests).toBe(1);
    expect(nameOf(after.result)).toBe(newName);
  }, 20_000);
});
