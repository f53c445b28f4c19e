import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { request } from 'undici';

/**
 * The schema the gateway at `url` serves, read by introspection; when introspection is off
 * (production), the committed `schema.graphql` printed from the same SDL.
 */
export async function introspectSchema(url: string): Promise<GraphQLSchema> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const body = (await response.body.json()) as { data?: IntrospectionQuery };
  if (body.data?.__schema) return buildClientSchema(body.data);
  return buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
}
