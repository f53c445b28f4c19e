import { createHmac } from 'node:crypto';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/index.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';

// Client access: optional API keys / HS256 JWTs (off by default, enforced in every mode when set),
// CSRF prevention, and introspection and Sandbox switched off in production.

const KEY = 'client-key-7f3a9c21e4b8';
const JWT_SECRET = 'jwt-secret-0123456789abcdef0123456789abcdef';
const QUERY = '{ __typename }';

function jwt(claims: Record<string, unknown>, { secret = JWT_SECRET, alg = 'HS256' } = {}): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

let emulators: EmulatorSet;
let open: Harness;
let guarded: Harness;
let production: Harness;

beforeAll(async () => {
  emulators = await startEmulators();
  [open, guarded, production] = await Promise.all([
    startHarness({ emulatorSet: emulators }),
    startHarness({
      emulatorSet: emulators,
      env: { GATEWAY_API_KEYS: `other-key-1234, ${KEY}`, GATEWAY_JWT_SECRET: JWT_SECRET, GATEWAY_JWT_AUDIENCE: 'sessions-gateway' },
    }),
    startHarness({ emulatorSet: emulators, env: { NODE_ENV: 'production' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([open?.close(), guarded?.close(), production?.close()]);
  await emulators?.close();
});

async function call(
  url: string,
  { method = 'POST', headers = {}, body = JSON.stringify({ query: QUERY }) }: { method?: string; headers?: Record<string, string>; body?: string | null } = {},
) {
  const base: Record<string, string> = method === 'GET' ? {} : { 'content-type': 'application/json' };
  const response = await request(url, { method: method as 'POST', headers: { ...base, ...headers }, body: method === 'GET' ? null : body });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> },
  };
}

describe('client credentials', () => {
  it('are not needed when none are configured', async () => {
    const response = await call(open.url);
    expect(response.status).toBe(200);
    expect(response.json().data).toEqual({ __typename: 'Query' });
  });

  // Regression (issue 17): demo mode dropped GATEWAY_API_KEYS / GATEWAY_JWT_SECRET, so a production
  // container started without its provider URLs answered unauthenticated queries.
  it('are required in demo mode too when configured', () => {
    const config = loadConfig({ ...emulators.env, GATEWAY_API_KEYS: KEY, GATEWAY_JWT_SECRET: JWT_SECRET }, { demo: true });
    expect(config.demo).toBe(true);
    expect(config.auth).toEqual({ apiKeys: [KEY], jwt: { secret: JWT_SECRET, issuer: undefined, audience: undefined } });
  });

  it.each([
    ['x-api-key', { 'x-api-key': KEY }],
    ['Authorization: Bearer <key>', { authorization: `Bearer ${KEY}` }],
    ['a valid JWT', { authorization: `Bearer ${jwt({ sub: 'app', aud: 'sessions-gateway', exp: Math.floor(Date.now() / 1000) + 60 })}` }],
  ])('accept %s', async (_name, headers) => {
    const response = await call(guarded.url, { headers });
    expect(response.status).toBe(200);
    expect(response.json().data).toEqual({ __typename: 'Query' });
  });

  it.each([
    ['no credential', {}, /requires a credential/],
    ['an unknown x-api-key', { 'x-api-key': 'guess' }, /not valid/],
    ['an unknown bearer key', { authorization: 'Bearer guess' }, /not valid/],
    ['Basic credentials', { authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` }, /not valid/],
    ['an expired JWT', { authorization: `Bearer ${jwt({ aud: 'sessions-gateway', exp: Math.floor(Date.now() / 1000) - 3600 })}` }, /not valid/],
    ['a JWT for another audience', { authorization: `Bearer ${jwt({ aud: 'someone-else' })}` }, /not valid/],
    ['a JWT signed with another secret', { authorization: `Bearer ${jwt({ aud: 'sessions-gateway' }, { secret: 'x'.repeat(40) })}` }, /not valid/],
    ['an unsigned JWT (alg: none)', { authorization: `Bearer ${jwt({ aud: 'sessions-gateway' }, { alg: 'none' }).replace(/[^.]+$/, '')}` }, /not valid/],
  ])('refuse %s with 401 UNAUTHENTICATED', async (_name, headers, message) => {
    const response = await call(guarded.url, { headers });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    const body = response.json();
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(body.errors![0]!.message).toMatch(message);
    expect(response.text).not.toContain(KEY);
  });

  it('leave /healthz open', async () => {
    const response = await request(guarded.url.replace('/graphql', '/healthz'));
    expect(response.statusCode).toBe(200);
    await response.body.dump();
  });
});

describe('CSRF prevention (on)', () => {
  it('refuses a GET operation without a preflight-forcing header, and runs it with one', async () => {
    const url = `${open.url}?query=${encodeURIComponent(QUERY)}`;
    const blocked = await call(url, { method: 'GET' });
    expect(blocked.status).toBe(400);
    expect(blocked.text).toMatch(/Cross-Site Request Forgery/);
    const allowed = await call(url, { method: 'GET', headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect(allowed.json().data).toEqual({ __typename: 'Query' });
  });

  it('refuses a "simple" text/plain POST (what an HTML form can send) with 400, not 500', async () => {
    const response = await call(open.url, { headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(400);
    expect(response.json().errors![0]!.extensions.code).toBe('BAD_REQUEST');
    expect(response.text).toMatch(/Cross-Site Request Forgery/);
  });
});

describe('introspection and Sandbox', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  it('are on outside production', async () => {
    const response = await call(open.url, { body: JSON.stringify({ query: INTROSPECTION }) });
    expect(response.json().data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const page = await call(open.url, { method: 'GET', headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/sandbox/i);
  });

  it('are off by default in production', async () => {
    const response = await call(production.url, { body: JSON.stringify({ query: INTROSPECTION }) });
    const body = response.json();
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors![0]!.message).toMatch(/introspection/i);
    const page = await call(production.url, { method: 'GET', headers: { accept: 'text/html' } });
    expect(page.text).not.toMatch(/sandbox/i);
  });

  it('can be switched on in production (GRAPHQL_INTROSPECTION, GRAPHQL_SANDBOX), and off elsewhere', () => {
    expect(loadConfig({ ...emulators.env, NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_SANDBOX: '1' })).toMatchObject({
      introspection: true,
      sandbox: true,
    });
    expect(loadConfig({ ...emulators.env, NODE_ENV: 'development', GRAPHQL_INTROSPECTION: 'false', GRAPHQL_SANDBOX: 'false' })).toMatchObject({
      introspection: false,
      sandbox: false,
    });
    expect(loadConfig({ ...emulators.env, NODE_ENV: 'production' })).toMatchObject({ introspection: false, sandbox: false });
  });

  it('a JWT secret shorter than 32 bytes is a configuration error', () => {
    expect(() => loadConfig({ ...emulators.env, GATEWAY_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
  });
});
