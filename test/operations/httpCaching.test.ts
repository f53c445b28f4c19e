import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { documentHash } from '../../src/persistedOperations/operationManifest.js';
import { projectRoot } from '../../src/projectRoot.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';

// HTTP caching of reads: GET queries answer with Cache-Control from the @cacheControl hints
// (types without a maxAge take their providers' TTL), a strong ETag, 304 and Vary.
// Distinct TTLs per provider, so each max-age shows which providers it was derived from.
const TTL_ENV = { GUIDEBOOK_CACHE_TTL_MS: '40000', PLANSTONE_CACHE_TTL_MS: '70000', ROUNDWARE_CACHE_TTL_MS: '9000' };
const SESSIONS = '{ sessions(first: 2) { totalCount edges { node { id name tracks { name } } } } }';

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

async function get(url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Got> {
  const response = await request(`${url}?${new URLSearchParams(params).toString()}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Got> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

let harness: Harness;
let sessionId: string;
let attendeeId: string;
beforeAll(async () => {
  harness = await startHarness({ env: TTL_ENV });
  const ids = await harness.query<{ sessions: { edges: Array<{ node: { id: string } }> }; attendees: { edges: Array<{ node: { id: string } }> } }>(
    '{ sessions(first: 1) { edges { node { id } } } attendees(first: 1) { edges { node { id } } } }',
  );
  sessionId = ids.data!.sessions.edges[0]!.node.id;
  attendeeId = ids.data!.attendees.edges[0]!.node.id;
});
afterAll(async () => {
  await harness.close();
});

describe('a GET query that succeeds', () => {
  it('is public for the smallest max-age of the providers it reads, with Vary and a strong ETag of its bytes', async () => {
    const got = await get(harness.url, { query: SESSIONS });
    expect(got.status).toBe(200);
    // Sessions and tracks come from Guidebook (40 s) and Planstone (70 s).
    expect(got.headers['cache-control']).toBe('public, max-age=40');
    expect(String(got.headers.vary).split(/,\s*/)).toEqual(expect.arrayContaining(['Accept', 'Authorization', 'X-Api-Key']));
    expect(got.headers.etag).toBe(`"${createHash('sha256').update(got.text).digest('base64url')}"`);
  });

  it('takes each type its providers’ TTL: Planstone speakers 70 s, Roundware client sessions 9 s, any node the smallest', async () => {
    expect((await get(harness.url, { query: '{ speakers(first: 1) { totalCount } }' })).headers['cache-control']).toBe('public, max-age=70');
    expect((await get(harness.url, { query: '{ clientSessions(first: 1) { totalCount } }' })).headers['cache-control']).toBe('public, max-age=9');
    const node = await get(harness.url, { query: 'query ($id: ID!) { node(id: $id) { id } }', variables: JSON.stringify({ id: sessionId }) });
    expect(node.headers['cache-control']).toBe('public, max-age=9');
  });

  it('answers 304 without a body when If-None-Match holds its ETag, and 200 again when it does not', async () => {
    const first = await get(harness.url, { query: SESSIONS });
    const again = await get(harness.url, { query: SESSIONS }, { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('public, max-age=40');
    const other = await get(harness.url, { query: SESSIONS }, { 'if-none-match': '"not-this-one"' });
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);
  });

  it('is private when it reads attendee or personalized-schedule data, also through node(id:) fragments', async () => {
    expect((await get(harness.url, { query: '{ attendees(first: 1) { edges { node { email } } } }' })).headers['cache-control']).toBe('private, max-age=40');
    expect((await get(harness.url, { query: '{ personalizedSchedules(first: 1) { totalCount } }' })).headers['cache-control']).toBe('private, max-age=40');
    const viaNode = await get(harness.url, {
      query: 'query ($id: ID!) { node(id: $id) { ...Who } } fragment Who on Attendee { email }',
      variables: JSON.stringify({ id: attendeeId }),
    });
    expect(JSON.parse(viaNode.text).data.node.email).toContain('@');
    expect(viaNode.headers['cache-control']).toBe('private, max-age=9');
  });

  it('is cacheable when named by a persisted document id or by an APQ hash', async () => {
    const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'examples', 'generated', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    const [homeId] = Object.entries(manifest).find(([, document]) => document.includes('query HomeSchedule'))!;
    const byId = await get(harness.url, { documentId: homeId, variables: '{"first":1}' });
    expect(JSON.parse(byId.text).data.sessions.edges).toHaveLength(1);
    expect(byId.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(byId.headers.etag).toBeDefined();

    const query = '{ speakers(first: 2) { edges { node { displayName } } } }';
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: documentHash(query).replace(/^sha256:/, '') } });
    expect((await post(harness.url, { query, extensions: JSON.parse(extensions) })).status).toBe(200);
    const byHash = await get(harness.url, { extensions });
    expect(JSON.parse(byHash.text).data.speakers.edges).toHaveLength(2);
    expect(byHash.headers['cache-control']).toBe('public, max-age=70');
  });
});

describe('never cacheable', () => {
  it('a POST, even of a cacheable query', async () => {
    const posted = await post(harness.url, { query: SESSIONS });
    expect(posted.status).toBe(200);
    expect(posted.headers['cache-control']).toBe('no-store');
    expect(posted.headers.etag).toBeUndefined();
  });

  it('a GET answer with an error, or with partial data', async () => {
    const failed = await get(harness.url, { query: '{ node(id: "bogus") { id } }' });
    expect(JSON.parse(failed.text).errors.length).toBeGreaterThan(0);
    expect(failed.headers['cache-control']).toBe('no-store');
    expect(failed.headers.etag).toBeUndefined();

    // Planstone fails (and no cached answer hides it): the merged sessions still come back
    // from Guidebook, with an error.
    const uncached = await startHarness({ env: NO_CACHE_ENV, emulatorSet: harness.emulators });
    harness.emulators.planstone.faults.add({ kind: 'status', status: 404 });
    try {
      const partial = await get(uncached.url, { query: SESSIONS });
      const body = JSON.parse(partial.text) as { data?: { sessions: unknown }; errors?: unknown[] };
      expect(body.data?.sessions).not.toBeNull();
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(partial.headers['cache-control']).toBe('no-store');
      expect(partial.headers.etag).toBeUndefined();
    } finally {
      harness.emulators.planstone.faults.clear();
      await uncached.close();
    }
  });

  it('a mutation sent by GET (refused), and introspection', async () => {
    const mutation = await get(harness.url, { query: 'mutation { deleteTrack(input: { id: "x" }) { clientMutationId } }' });
    expect(mutation.status).toBe(405);
    expect(mutation.headers['cache-control']).toBe('no-store');
    const introspection = await get(harness.url, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.status).toBe(200);
    expect(introspection.headers['cache-control']).toBe('no-store');
  });
});

describe('with client access control on', () => {
  it('every cacheable answer is private, and Vary names the credential headers', async () => {
    const guarded = await startHarness({ env: { ...TTL_ENV, GATEWAY_API_KEYS: 'reader-key-1234567890' }, emulatorSet: harness.emulators });
    try {
      const got = await get(guarded.url, { query: SESSIONS }, { 'x-api-key': 'reader-key-1234567890' });
      expect(got.status).toBe(200);
      expect(got.headers['cache-control']).toBe('private, max-age=40');
      expect(String(got.headers.vary)).toContain('X-Api-Key');
      const refused = await get(guarded.url, { query: SESSIONS });
      expect(refused.status).toBe(401);
      expect(refused.headers['cache-control']).toBe('no-store');
    } finally {
      await guarded.close();
    }
  });
});
