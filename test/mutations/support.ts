import { beforeEach, describe, expect, it } from 'vitest';

import type { GraphQLResponse, Harness } from '../support/gatewayHarness.js';
import { startHarness } from '../support/gatewayHarness.js';

/**
 * The gateway for the mutation tests: the shared cache ON (so read-after-write proves the
 * invalidation), a short headers timeout (so "no answer after sending" takes one second),
 * and a circuit breaker that the failure tests' injected 5xx and timeouts cannot open.
 */
export function startMutationHarness(): Promise<Harness> {
  return startHarness({ env: { UPSTREAM_HEADERS_TIMEOUT_MS: '1000', UPSTREAM_BREAKER_FAILURE_THRESHOLD: '1000' } });
}

export interface PayloadShape {
  clientMutationId?: string | null;
  userErrors: Array<{ field: string[]; message: string; code: string }>;
  [key: string]: unknown;
}

/** The payload of `field` in a response that must have no GraphQL errors. */
export function payloadOf<P = PayloadShape>(response: GraphQLResponse, field: string): P {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  const payload = (response.data as Record<string, unknown> | null | undefined)?.[field];
  expect(payload).toBeTruthy();
  return payload as P;
}

/** The single GraphQL error of a response whose `field` is null. */
export function errorOf(response: GraphQLResponse, field: string): { message: string; extensions: Record<string, unknown> } {
  expect(response.errors).toHaveLength(1);
  expect((response.data as Record<string, unknown> | null | undefined)?.[field] ?? null).toBeNull();
  const error = response.errors![0]!;
  expect(error.path).toEqual([field]);
  return { message: error.message, extensions: error.extensions ?? {} };
}

/** User errors as `field path → code`, for order-independent comparison. */
export function userErrorFields(payload: PayloadShape): Array<[string, string]> {
  return payload.userErrors.map((e) => [e.field.join('.'), e.code] as [string, string]).sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Runs an operation whose input the gateway must refuse; asserts that no provider was
 * called and returns the payload.
 */
export async function refusedWithoutUpstreamCall(harness: Harness, document: string, variables: Record<string, unknown>, field: string): Promise<PayloadShape> {
  harness.resetLogs();
  const payload = payloadOf(await harness.query(document, variables), field);
  expect(harness.upstreamCalls().total).toBe(0);
  for (const [key, value] of Object.entries(payload)) if (!['userErrors', 'clientMutationId', 'created'].includes(key)) expect(value).toBeNull();
  expect(payload.userErrors.length).toBeGreaterThan(0);
  for (const error of payload.userErrors) expect(error.code).toBe('BAD_USER_INPUT');
  return payload;
}

/** One write as the failure tests drive it. */
export interface UpstreamFailureCase {
  provider: 'guidebook' | 'roundware';
  /** The emulator route template and method the write uses. */
  route: string;
  method: 'POST' | 'PATCH' | 'DELETE';
  /** The payload field of the mutation. */
  field: string;
  document: string;
  /** Valid input: the gateway sends it. */
  variables: () => Record<string, unknown>;
  /** A DRF 400 body the provider might send, and the input fields (with code) it must come back at. */
  rejected: { body: unknown; fields: Array<[string, string]> };
  /** Writes addressed to one object: the input field a 404 is reported at. */
  notFoundField?: string;
}

/**
 * The provider's possible answers to one write, end to end: a 400 becomes user errors at
 * the input fields; 401, 405, 429 and 500 GraphQL errors with their codes and the provider;
 * a 404 NOT_FOUND (a user error for an addressed object); and no answer after sending
 * UPSTREAM_OUTCOME_UNKNOWN. Every time exactly one request reached the provider: writes
 * are never retried.
 */
export function describeUpstreamFailures(harness: () => Harness, c: UpstreamFailureCase): void {
  describe(`${c.field}: provider failures`, () => {
    const emulator = () => harness().emulators[c.provider];
    beforeEach(() => {
      emulator().faults.clear();
      harness().resetLogs();
    });
    const run = async (fault: Parameters<ReturnType<typeof emulator>['faults']['add']>[0]) => {
      emulator().faults.add({ ...fault, route: c.route, method: c.method });
      const response = await harness().query(c.document, c.variables());
      expect(emulator().log.count({ method: c.method, route: c.route })).toBe(1);
      return response;
    };

    it('400: the provider’s field errors come back as user errors at the input fields', async () => {
      const payload = payloadOf(await run({ kind: 'status', status: 400, body: c.rejected.body }), c.field);
      expect(userErrorFields(payload)).toEqual(c.rejected.fields);
      expect(payload.userErrors.every((e) => e.message.length > 0)).toBe(true);
    });

    it('401: UPSTREAM_UNAUTHORIZED naming the provider', async () => {
      const response = await run({ kind: 'status', status: 401, body: { detail: 'Invalid token.' } });
      expect(errorOf(response, c.field).extensions).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', provider: c.provider, upstreamStatus: 401 });
    });

    it(c.notFoundField ? `404: NOT_FOUND at ${c.notFoundField}` : '404: NOT_FOUND naming the provider', async () => {
      const response = await run({ kind: 'status', status: 404, body: { detail: 'Not found.' } });
      if (c.notFoundField) {
        const payload = payloadOf(response, c.field);
        expect(userErrorFields(payload)).toEqual([[c.notFoundField, 'NOT_FOUND']]);
      } else {
        expect(errorOf(response, c.field).extensions).toMatchObject({ code: 'NOT_FOUND', provider: c.provider });
      }
    });

    it('405: UPSTREAM_BAD_RESPONSE with the status', async () => {
      const response = await run({ kind: 'status', status: 405, body: { detail: `Method "${c.method}" not allowed.` } });
      expect(errorOf(response, c.field).extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', provider: c.provider, upstreamStatus: 405 });
    });

    it('429: UPSTREAM_RATE_LIMITED with the provider’s Retry-After', async () => {
      const response = await run({ kind: 'rate-limit', retryAfterSeconds: 42 });
      expect(errorOf(response, c.field).extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', provider: c.provider, retryAfter: 42 });
    });

    it('500: UPSTREAM_UNAVAILABLE, not retried', async () => {
      const response = await run({ kind: 'status', status: 500, body: '<h1>Server Error (500)</h1>' });
      expect(errorOf(response, c.field).extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: c.provider, upstreamStatus: 500 });
    });

    it('no answer after the request went out: UPSTREAM_OUTCOME_UNKNOWN, one attempt', async () => {
      const response = await run({ kind: 'hang' });
      const error = errorOf(response, c.field);
      expect(error.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: c.provider });
      expect(error.message).toMatch(/may or may not have been applied/);
    });
  });
}
