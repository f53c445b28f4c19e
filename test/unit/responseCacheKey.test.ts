import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';

import { ANONYMOUS, callerScope } from '../../src/server/responseCache/callerScope.js';
import { MemoryResponseStore } from '../../src/server/responseCache/memoryResponseStore.js';
import { operationKey } from '../../src/server/responseCache/operationKey.js';
import type { StoredResponse } from '../../src/server/responseCache/storedResponse.js';

const QUERY = '{ clientSessions { totalCount } }';
const HASH = createHash('sha256').update(QUERY).digest('hex');

const post = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', body, headers, url: '/graphql' }) as unknown as Request;
const get = (search: Record<string, string>, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) =>
  ({ method: 'GET', headers, url: `/graphql?${new URLSearchParams(search).toString()}` }) as unknown as Request;

describe('operationKey', () => {
  it('is the same for the same operation by POST, by GET and by its APQ hash', () => {
    const byPost = operationKey(post({ query: QUERY }), 'build', 'public');
    expect(byPost).toBeDefined();
    expect(operationKey(get({ query: QUERY }), 'build', 'public')).toBe(byPost);
    expect(operationKey(post({ extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }), 'build', 'public')).toBe(byPost);
  });

  it('differs with the variables, the operation name, the caller, the Accept header and the build', () => {
    const base = operationKey(post({ query: QUERY }), 'build', 'public');
    const others = [
      operationKey(post({ query: QUERY, variables: { a: 1 } }), 'build', 'public'),
      operationKey(post({ query: QUERY, operationName: 'A' }), 'build', 'public'),
      operationKey(post({ query: QUERY }), 'build', 'key:one'),
      operationKey(post({ query: QUERY }, { accept: 'application/graphql-response+json' }), 'build', 'public'),
      operationKey(post({ query: QUERY }), 'other build', 'public'),
    ];
    expect(new Set([base, ...others]).size).toBe(6);
  });

  it('leaves to Apollo Server what it must refuse or treat specially', () => {
    // A GET without a CSRF preflight header, a text that does not match its hash, a batch,
    // other extensions, a federation router asking for a trace.
    expect(operationKey(get({ query: QUERY }, {}), 'build', 'public')).toBeUndefined();
    expect(operationKey(post({ query: `${QUERY} `, extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }), 'build', 'public')).toBeUndefined();
    expect(operationKey(post([{ query: QUERY }]), 'build', 'public')).toBeUndefined();
    expect(operationKey(post({ query: QUERY, extensions: { other: true } }), 'build', 'public')).toBeUndefined();
    expect(operationKey(post({ query: QUERY }, { 'apollo-federation-include-trace': 'ftv1' }), 'build', 'public')).toBeUndefined();
  });
});

describe('MemoryResponseStore', () => {
  const answer = (deps: string[]): StoredResponse => ({
    body: '{"data":{}}',
    etag: '"x"',
    operation: 'Q',
    contentType: 'application/json',
    maxAge: 60,
    scope: 'PUBLIC',
    expiresAt: Date.now() + 60_000,
    deps,
  });

  it('drops the answers built from a changed key or prefix, and keeps the others', async () => {
    const store = new MemoryResponseStore({ maxEntries: 10, maxSize: 100_000 });
    const { epoch } = await store.lookup('a');
    await store.store('a', answer(['p:1:GET /sessions/?page=1']), epoch);
    await store.store('b', answer(['p:1:GET /tracks/']), epoch);
    expect((await store.lookup('a')).hit).toBeDefined();
    await store.invalidateKeys(['p:1:GET /sessions/?page=1'], false);
    expect((await store.lookup('a')).hit).toBeUndefined();
    expect((await store.lookup('b')).hit).toBeDefined();
    await store.invalidatePrefixes(['p:1:GET /tracks']);
    expect((await store.lookup('b')).hit).toBeUndefined();
  });

  it('does not keep an answer whose execution overlapped an invalidation', async () => {
    const store = new MemoryResponseStore({ maxEntries: 10, maxSize: 100_000 });
    const { epoch } = await store.lookup('a');
    await store.invalidatePrefixes(['p:1:GET /sessions/']);
    await store.store('a', answer(['p:1:GET /sessions/']), epoch);
    expect((await store.lookup('a')).hit).toBeUndefined();
    // A key nothing depends on changes without moving the epoch when the caller only suspects it did.
    const next = (await store.lookup('a')).epoch;
    await store.invalidateKeys(['p:1:GET /guides/'], true);
    expect((await store.lookup('a')).epoch).toBe(next);
  });
});

describe('callerScope', () => {
  const req = (headers: Record<string, string> = {}) => ({ headers }) as unknown as Request;
  const res = (caller?: string) => ({ locals: caller === undefined ? {} : { caller } }) as unknown as Response;

  it('with access control: the authenticated caller, none without one', () => {
    expect(callerScope(req({ authorization: 'Bearer x' }), res('key:abc'), true)).toBe('key:abc');
    expect(callerScope(req(), res(), true)).toBeUndefined();
  });

  it('without it: the anonymous principal, or a principal per set of credentials carried', () => {
    expect(callerScope(req(), res(), false)).toBe(ANONYMOUS);
    const presented: Array<Record<string, string>> = [
      { authorization: 'Bearer a' },
      { authorization: 'Bearer b' },
      { cookie: 'a' },
      { 'x-api-key': 'a' },
      { authorization: 'Bearer a', cookie: 'a' },
    ];
    const scopes = presented.map((headers) => callerScope(req(headers), res(), false));
    expect(new Set([ANONYMOUS, ...scopes]).size).toBe(6);
    expect(callerScope(req({ authorization: 'Bearer a' }), res(), false)).toBe(scopes[0]);
    // The credentials themselves are never part of the key, only their digest.
    expect(scopes.join()).not.toMatch(/Bearer/);
  });
});
