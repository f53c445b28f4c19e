import autocannon from 'autocannon';

import type { GraphQLBody } from './scenarios.js';

export interface LoadOptions {
  url: string;
  /** One body, or several sent in turn by each connection (paging). */
  bodies: GraphQLBody[];
  durationSeconds: number;
  connections: number;
  /** POST (default), or GET with the operation in the query string and the CSRF header (the way a CDN sees it). */
  method?: 'POST' | 'GET';
}

export interface LoadResult {
  requests: number;
  opsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon against a GraphQL endpoint and reduces its result to what the report prints. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: options.bodies.map((body) =>
      options.method === 'GET'
        ? getRequest(options.url, body)
        : { method: 'POST', path: new URL(options.url).pathname, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    ),
  });
  return {
    requests: result.requests.total,
    opsPerSecond: result.requests.total / options.durationSeconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function getRequest(url: string, body: GraphQLBody): { method: 'GET'; path: string; headers: Record<string, string> } {
  const search = new URLSearchParams({ query: body.query });
  if (body.variables) search.set('variables', JSON.stringify(body.variables));
  if (body.operationName) search.set('operationName', body.operationName);
  return { method: 'GET', path: `${new URL(url).pathname}?${search.toString()}`, headers: { 'apollo-require-preflight': 'true' } };
}
