import type { RequestHandler } from 'express';
import { GraphQLError, parse, SingleFieldSubscriptionsRule, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

import { ErrorCode } from '../../errors/index.js';

/**
 * The error graphql-js's SingleFieldSubscriptionsRule throws — instead of reporting — for a
 * subscription whose root selections use `@include`/`@skip` with a variable (it collects the
 * root fields with no variable values), as a validation error; null when the rule runs cleanly
 * or the document does not parse (parsing reports that).
 */
export function subscriptionRootCrash(schema: GraphQLSchema, document: DocumentNode | string): GraphQLError | null {
  let parsed: DocumentNode;
  try {
    parsed = typeof document === 'string' ? parse(document) : document;
  } catch {
    return null;
  }
  try {
    validate(schema, parsed, [SingleFieldSubscriptionsRule]);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : 'The subscription cannot be validated.';
    return new GraphQLError(`${message} A subscription's root field may not depend on variables through @include or @skip.`, {
      extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } },
    });
  }
}

/**
 * Answers 400 GRAPHQL_VALIDATION_FAILED, before Apollo Server, for a document that would make
 * graphql-js's validation throw (subscriptionRootCrash), which Apollo Server reports as a 500.
 * Only documents that mention `subscription` are parsed here.
 */
export function subscriptionRootGuard(schema: GraphQLSchema): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.method === 'GET' ? { query: req.query.query } : req.body;
    for (const entry of Array.isArray(body) ? body : [body]) {
      const query = (entry as { query?: unknown } | null)?.query;
      if (typeof query !== 'string' || !query.includes('subscription')) continue;
      const crash = subscriptionRootCrash(schema, query);
      if (!crash) continue;
      // As Apollo Server answers a validation failure: its media type by `Accept` (and under
      // application/json the status becomes 200, see jsonStatusForRequestErrors).
      const type = (req.headers.accept ?? '').includes('application/graphql-response+json') ? 'application/graphql-response+json' : 'application/json';
      res
        .status(400)
        .type(`${type}; charset=utf-8`)
        .send(JSON.stringify({ errors: [{ message: crash.message, extensions: { code: crash.extensions.code } }] }));
      return;
    }
    next();
  };
}
