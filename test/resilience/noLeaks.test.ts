import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import type { FaultSpec } from '@sessions-gateway/emulators/kit/faults.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLogger } from '../../src/server/logger.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { FAULT_ENV, MIXED_QUERY, PROVIDERS } from './faultEnv.js';

// In production mode, failing requests of every kind — provider faults (some echoing the
// gateway's credential and URL back, as real error pages do), refused connections, hostile
// or malformed requests, bad credentials — and then a search of every response body and
// every captured log line for each configured secret and each upstream host. None may
// appear; no response may carry a stack trace.

const CLIENT_KEY = 'client-key-5d1e8f0a7b3c';
const JWT_SECRET = 'jwt-secret-fedcba9876543210fedcba9876543210';

let emulators: EmulatorSet;
let harness: Harness;
let refusedHarness: Harness;
let deadHost: string;
const logLines: string[] = [];
const bodies: string[] = [];

const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const env = {
  ...FAULT_ENV,
  NODE_ENV: 'production',
  LOG_LEVEL: 'debug',
  UPSTREAM_RETRY_MAX_ATTEMPTS: '2',
  GATEWAY_API_KEYS: CLIENT_KEY,
  GATEWAY_JWT_SECRET: JWT_SECRET,
};
const AUTH = { 'x-api-key': CLIENT_KEY };

beforeAll(async () => {
  emulators = await startEmulators();
  deadHost = `127.0.0.1:${await closedPort()}`;
  const gatewayOptions = { logDestination: capture, logError: undefined };
  [harness, refusedHarness] = await Promise.all([
    startHarness({ emulatorSet: emulators, env, gatewayOptions }),
    startHarness({
      emulatorSet: emulators,
      env: { ...env, ROUNDWARE_API_URL: `http://${deadHost}/api/2/`, PLANSTONE_API_URL: `http://${deadHost}/feed/v1/` },
      gatewayOptions,
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([harness?.close(), refusedHarness?.close()]);
  await emulators?.close();
});

/** Sends anything, keeps the body for the search. */
async function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<number> {
  const response = await request(url, {
    method: (init.method ?? 'POST') as 'POST',
    headers: { 'content-type': 'application/json', ...AUTH, ...init.headers },
    body: init.body ?? null,
  });
  bodies.push(await response.body.text());
  return response.statusCode;
}
const graphql = (url: string, payload: unknown, headers: Record<string, string> = {}) => send(url, { body: JSON.stringify(payload), headers });

function secrets(): string[] {
  const values = [emulators.env.GUIDEBOOK_API_KEY!, emulators.env.ROUNDWARE_API_TOKEN!, emulators.env.PLANSTONE_API_TOKEN!, CLIENT_KEY, JWT_SECRET];
  // Planstone's credential travels as HTTP Basic: `base64(token + ":")`.
  return [...values, Buffer.from(`${emulators.env.PLANSTONE_API_TOKEN}:`).toString('base64')];
}
function hosts(): string[] {
  return [...PROVIDERS.map((provider) => new URL(emulators[provider].baseUrl).host), deadHost];
}

/** Provider error pages that repeat what the gateway sent them: credential, URL. */
function echoingFaults(provider: (typeof PROVIDERS)[number]): FaultSpec[] {
  const base = emulators[provider].baseUrl;
  const leak = `Authorization: ${secrets().join(' ')} at ${base}sessions/`;
  return [
    { kind: 'status', status: 500, body: { detail: leak, traceback: `Traceback (most recent call last):\n  File "${base}"` } },
    { kind: 'status', status: 502, body: `<html><body>Bad gateway talking to ${base} with ${leak}</body></html>`, headers: { 'content-type': 'text/html' } },
    { kind: 'status', status: 200, body: `<html><body>${leak}</body></html>`, headers: { 'content-type': 'text/html' } },
    { kind: 'status', status: 400, body: { detail: leak, where: [leak] } },
    { kind: 'status', status: 401, body: { detail: `Invalid token ${leak}` } },
    { kind: 'status', status: 404, body: { detail: leak } },
    { kind: 'rate-limit', retryAfterSeconds: 3600 },
    { kind: 'malformed-json' },
    { kind: 'truncated' },
    { kind: 'reset' },
    { kind: 'wrong-shape' },
  ];
}

describe('no secret, upstream host or stack trace leaks (production mode)', () => {
  it('provider failures of every kind', async () => {
    for (const provider of PROVIDERS) {
      for (const fault of echoingFaults(provider)) {
        emulators[provider].faults.clear();
        emulators[provider].faults.add(fault);
        expect(await graphql(harness.url, { query: MIXED_QUERY })).toBe(200);
        // A single-provider field and a lookup by id, too.
        await graphql(harness.url, { query: '{ session(id: "U2Vzc2lvbjpndWlkZWJvb2s6MQ") { id name } clientSessions(first: 1) { totalCount } }' });
      }
      emulators[provider].faults.clear();
    }
    // Every provider hanging at once.
    for (const provider of PROVIDERS) emulators[provider].faults.add({ kind: 'hang' });
    await graphql(harness.url, { query: MIXED_QUERY });
    for (const provider of PROVIDERS) emulators[provider].faults.clear();
  });

  it('providers that refuse connections', async () => {
    expect(await graphql(refusedHarness.url, { query: MIXED_QUERY })).toBe(200);
    expect(bodies.at(-1)).toMatch(/UPSTREAM_UNAVAILABLE/);
  });

  it('hostile and malformed requests', async () => {
    const statuses = [
      await graphql(harness.url, { query: '{ sessions(first: ' }),
      await graphql(harness.url, { query: '{ sesions { id } }' }),
      await graphql(harness.url, { query: 'query ($n: Int) { sessions(first: $n) { totalCount } }', variables: { n: 'many' } }),
      await graphql(harness.url, { query: '{ sessions(first: 1000) { totalCount } }' }),
      await graphql(harness.url, { query: '{ node(id: "not-an-id") { id } }' }),
      await graphql(harness.url, { query: '{ __typename }', operationName: 'Missing' }),
      await graphql(harness.url, { query: `{ a { b { c { d { e { f { g { h { i { j { k { l } } } } } } } } } } } }` }),
      await graphql(harness.url, { query: `{ ${'x '.repeat(4_000)} }` }),
      await graphql(
        harness.url,
        Array.from({ length: 20 }, () => ({ query: '{ __typename }' })),
      ),
      await graphql(harness.url, { query: '{ __typename }', variables: { pad: 'x'.repeat(200_000) } }),
      await graphql(harness.url, { query: '{ __schema { types { name } } }' }),
      await send(harness.url, { body: '{"query": "{ __typename }"' }),
      await send(harness.url, { body: '' }),
      await send(harness.url, { body: 'query=%7B__typename%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      await send(`${harness.url}?query=%7B__typename%7D`, { method: 'GET', headers: { 'content-type': '' } }),
      await send(harness.url, { method: 'PUT', body: '{}' }),
      await graphql(harness.url, { query: '{ __typename }' }, { 'x-api-key': 'wrong' }),
      await graphql(harness.url, { query: '{ __typename }' }, { 'x-api-key': '', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl' }),
    ];
    // Every one of them was refused with a 4xx, not a 5xx.
    expect(statuses.every((status) => status >= 200 && status < 500)).toBe(true);
    expect(statuses.filter((status) => status >= 400).length).toBeGreaterThan(10);
  });

  it('a log line that would contain a secret is scrubbed', async () => {
    // A client can make its own request id anything token-like — here, a provider key.
    await graphql(harness.url, { query: '{ __typename }' }, { 'x-request-id': emulators.env.GUIDEBOOK_API_KEY! });
    expect(logLines.some((line) => line.includes('[REDACTED]'))).toBe(true);
  });

  it('none of the responses or log lines contains a secret, an upstream host, or a stack trace', () => {
    expect(bodies.length).toBeGreaterThan(80);
    expect(logLines.length).toBeGreaterThan(50);
    for (const body of bodies) {
      for (const secret of secrets()) expect(body).not.toContain(secret);
      for (const host of hosts()) expect(body).not.toContain(host);
      expect(body).not.toMatch(/\bat .+:\d+:\d+\)?|node_modules|stacktrace|Traceback/i);
    }
    for (const line of logLines) {
      expect(() => JSON.parse(line)).not.toThrow();
      for (const secret of secrets()) expect(line).not.toContain(secret);
      for (const host of hosts()) expect(line).not.toContain(host);
    }
  });
});

describe('createLogger', () => {
  it('scrubs secrets and hosts from messages, nested fields and error stacks, and censors Authorization', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      sensitive: { secrets: ['s3cr3t-token', 'k"ey\\with-quotes'], hosts: [{ host: 'api.provider.test:8443', label: '[provider-upstream]' }] },
      destination: { write: (line: string) => void lines.push(line) },
    });
    const error = new Error('connect ECONNREFUSED api.provider.test:8443 using s3cr3t-token');
    logger.error(
      {
        err: error,
        headers: { authorization: 'JWT anything', 'x-api-key': 'anything' },
        nested: { deep: ['k"ey\\with-quotes', Buffer.from('s3cr3t-token:').toString('base64')] },
      },
      'failed s3cr3t-token',
    );
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).not.toMatch(/s3cr3t|with-quotes|api\.provider\.test|anything/);
    expect(line).toContain('[provider-upstream]');
    const parsed = JSON.parse(line) as { headers: Record<string, string>; err: { stack: string } };
    expect(parsed.headers).toEqual({ authorization: '[REDACTED]', 'x-api-key': '[REDACTED]' });
    expect(parsed.err.stack).toContain('[REDACTED]');
  });
});
