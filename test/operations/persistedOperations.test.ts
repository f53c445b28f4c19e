import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { documentHash } from '../../src/persistedOperations/operationManifest.js';
import { projectRoot } from '../../src/projectRoot.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';

// Trusted documents: with PERSISTED_OPERATIONS_ONLY=true the gateway runs only the
// operations of the manifest `npm run codegen` writes from examples/operations.

const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'examples', 'generated', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
const [homeId, homeDocument] = Object.entries(manifest).find(([, document]) => document.includes('query HomeSchedule'))!;
const homeHex = homeId.replace(/^sha256:/, '');

interface Answer {
  status: number;
  body: { data?: { sessions?: { totalCount: number; edges: unknown[] } } | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function post(harness: Harness, body: unknown): Promise<Answer> {
  const response = await request(harness.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.statusCode, body: (await response.body.json()) as Answer['body'] };
}

let only: Harness;
let open: Harness;
beforeAll(async () => {
  only = await startHarness({ env: { PERSISTED_OPERATIONS_ONLY: 'true', LOG_LEVEL: 'silent' } });
  open = await startHarness({ env: { LOG_LEVEL: 'silent' }, emulatorSet: only.emulators });
});
afterAll(async () => {
  await open.close();
  await only.close();
});

describe('PERSISTED_OPERATIONS_ONLY=true', () => {
  it('runs a manifest operation named by documentId (client preset)', async () => {
    const { status, body } = await post(only, { documentId: homeId, variables: { first: 3 } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.sessions?.totalCount).toBe(2323);
    expect(body.data?.sessions?.edges).toHaveLength(3);
  });

  it('runs a manifest operation named by extensions.persistedQuery.sha256Hash (Apollo persisted-query link), by POST and by GET', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: homeHex } };
    const posted = await post(only, { variables: { first: 2 }, extensions });
    expect(posted.body.data?.sessions?.edges).toHaveLength(2);
    const url = `${only.url}?variables=${encodeURIComponent('{"first":1}')}&extensions=${encodeURIComponent(JSON.stringify(extensions))}`;
    const got = await request(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(got.statusCode).toBe(200);
    expect(((await got.body.json()) as Answer['body']).data?.sessions?.edges).toHaveLength(1);
  });

  it('refuses a bare query with PERSISTED_OPERATION_REQUIRED — even the exact text of a manifest operation', async () => {
    for (const query of ['{ sessions(first: 1) { totalCount } }', homeDocument]) {
      const { status, body } = await post(only, { query });
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('PERSISTED_OPERATION_REQUIRED');
      expect(body.data).toBeUndefined();
    }
  });

  it('refuses an unknown id with PERSISTED_OPERATION_NOT_FOUND, and refuses APQ registration', async () => {
    expect((await post(only, { documentId: 'sha256:' + '0'.repeat(64) })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_OPERATION_NOT_FOUND');
    const query = '{ speakers(first: 1) { totalCount } }';
    const registration = await post(only, { query, extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(query) } } });
    expect(registration.status).toBe(400);
    expect(registration.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_OPERATION_NOT_FOUND');
    // Still unknown afterwards: nothing was registered.
    const replay = await post(only, { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(query) } } });
    expect(replay.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_OPERATION_NOT_FOUND');
  });

  it('checks every operation of a batch', async () => {
    const response = await request(only.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ documentId: homeId, variables: { first: 1 } }, { query: '{ __typename }' }]),
    });
    expect(response.statusCode).toBe(400);
    expect(((await response.body.json()) as Answer['body']).errors?.[0]?.extensions?.code).toBe('PERSISTED_OPERATION_REQUIRED');
  });
});

describe('without PERSISTED_OPERATIONS_ONLY', () => {
  it('runs plain queries, resolves manifest ids, and leaves automatic persisted queries working', async () => {
    expect((await post(open, { query: '{ sessions(first: 1) { totalCount } }' })).body.data?.sessions?.totalCount).toBe(2323);
    expect((await post(open, { documentId: homeId, variables: { first: 1 } })).body.data?.sessions?.edges).toHaveLength(1);
    const query = '{ tracks(first: 1) { totalCount } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: documentHash(query) } };
    expect((await post(open, { extensions })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(open, { query, extensions })).body.errors).toBeUndefined();
    expect((await post(open, { extensions })).body.errors).toBeUndefined();
  });
});
