import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { CLIENT_SESSIONS, postRaw, sha256Hex } from './helpers.js';

// Apollo's automatic persisted queries, stored in the gateway's shared cache.

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness?.close());

describe('automatic persisted queries', () => {
  it('hash unknown → PERSISTED_QUERY_NOT_FOUND; hash + query registers; hash alone then runs it', async () => {
    const persistedQuery = { version: 1, sha256Hash: sha256Hex(CLIENT_SESSIONS) };
    const variables = { projectId: 1 };
    const unknown = await postRaw(harness.url, { variables, extensions: { persistedQuery } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await postRaw(harness.url, { query: CLIENT_SESSIONS, variables, extensions: { persistedQuery } });
    expect(registered.errors).toBeUndefined();
    expect(registered.data).toHaveProperty('clientSessions.totalCount');

    const byHash = await postRaw(harness.url, { variables, extensions: { persistedQuery } });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toEqual(registered.data);
  });

  it('a query that does not match its hash is refused, not run', async () => {
    // Apollo's "provided sha does not match query" carries no code of its own; the masking
    // boundary reports it as BAD_REQUEST with Apollo's message, not as an internal error.
    const answer = await postRaw(harness.url, {
      query: CLIENT_SESSIONS,
      variables: { projectId: 1 },
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ other }') } },
    });
    expect(answer.status).toBe(400);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(answer.errors?.[0]?.message).toBe('provided sha does not match query');
    expect(answer.data ?? null).toBeNull();
  });
});
