import type fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { request } from 'undici';

import { introspectSchema } from './introspectSchema.js';
import { operationArbitrary, type FuzzSeeds } from './operationArbitrary.js';
import { requestArbitrary, type FuzzRequest } from './requestArbitrary.js';
import { checkResponse, type Secrets, type Violation } from './responseProperties.js';
import { sendFuzzRequest, toCurl, type FuzzResponse } from './sendFuzzRequest.js';

/** A running gateway to fuzz: its `/graphql` URL and what must never leak from it. */
export interface FuzzTarget {
  url: string;
  secrets: Secrets;
}

/** The outcome of one fuzzed request. */
export interface FuzzOutcome {
  response: FuzzResponse;
  /** The properties its answer broke (none when it held). */
  open: Violation[];
}

const SEED_QUERY = `{
  sessions(first: 5) { edges { cursor node { id tracks { id } speakers { speaker { id } } } } }
  tracks(first: 3) { edges { cursor node { id guide { id } } } }
  attendees(first: 3) { edges { cursor node { id } } }
  personalizedSchedules(first: 3) { edges { cursor node { id } } }
  speakers(first: 3) { edges { cursor node { id } } }
  clientSessions(first: 3) { edges { cursor node { id } } }
}`;

/** Ids and cursors from the gateway's own answers, so generated arguments also name real objects. */
export async function collectSeeds(url: string): Promise<FuzzSeeds> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SEED_QUERY }) });
  const text = await response.body.text();
  const ids = new Set<string>();
  const cursors = new Set<string>();
  JSON.parse(text, (key, value: unknown) => {
    if (key === 'id' && typeof value === 'string') ids.add(value);
    if (key === 'cursor' && typeof value === 'string') cursors.add(value);
    return value;
  });
  return { ids: [...ids], cursors: [...cursors] };
}

/** The request arbitrary for the gateway at `url`: its introspected schema and seeds from its data. */
export async function gatewayArbitrary(url: string): Promise<{ schema: GraphQLSchema; seeds: FuzzSeeds; requests: fc.Arbitrary<FuzzRequest> }> {
  const [schema, seeds] = await Promise.all([introspectSchema(url), collectSeeds(url)]);
  return { schema, seeds, requests: requestArbitrary(operationArbitrary(schema, seeds)) };
}

/** Sends one request and checks every property of its answer. */
export async function fuzzOnce(target: FuzzTarget, fuzz: FuzzRequest): Promise<FuzzOutcome> {
  const origin = new URL(target.url).origin;
  const response = await sendFuzzRequest(origin, fuzz);
  return { response, open: checkResponse(fuzz, response, target.secrets) };
}

/**
 * A failure report: what broke, the answer, and a curl line that replays the request —
 * against `reproduceOrigin` (e.g. `npm start`'s http://localhost:4000) or the fuzzed gateway.
 */
export function describeFailure(target: FuzzTarget, fuzz: FuzzRequest, outcome: FuzzOutcome, reproduceOrigin = new URL(target.url).origin): string {
  return [
    `${outcome.open.map((violation) => `${violation.kind}: ${violation.detail}`).join('; ')}`,
    `answer: HTTP ${outcome.response.status} ${outcome.response.body.slice(0, 500)}`,
    `reproduce: ${toCurl(reproduceOrigin, fuzz)}`,
  ].join('\n');
}

/** Whether the gateway still answers its health check. */
export async function isUp(url: string): Promise<boolean> {
  try {
    const response = await request(new URL('/healthz', url), { headersTimeout: 10_000 });
    await response.body.dump();
    return response.statusCode === 200;
  } catch {
    return false;
  }
}
