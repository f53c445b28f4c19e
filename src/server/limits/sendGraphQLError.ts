import type { Response } from 'express';
import type { GraphQLError } from 'graphql';

/**
 * Answers an HTTP request that never reached Apollo Server (body too large, batch too
 * large, bad credentials, ...) in the GraphQL-over-HTTP error shape: `{ "errors": [...] }`
 * with each error's message and public extensions (never `http`, never a stack).
 */
export function sendGraphQLError(res: Response, status: number, error: GraphQLError, headers: Record<string, string> = {}): void {
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message: error.message, extensions }] }));
}
