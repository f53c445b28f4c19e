import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

import { schemaCacheHints, type SchemaCacheHints } from '../httpCache/cacheHints.js';
import { operationCachePolicy, type CachePolicy } from '../httpCache/operationCachePolicy.js';
import type { ResponseStep } from './gatewayRequestPlugin.js';

export interface HttpCachingOptions {
  /** Default `maxAge` (seconds) of the types whose hint gives none: see typeMaxAges(). */
  typeMaxAges: ReadonlyMap<string, number>;
  /** Client access control is on: every cacheable answer is `private` (a CDN keeps none). */
  alwaysPrivate: boolean;
}

/** The two halves of HTTP caching: the policy (a step of the gateway's plugin) and the headers (middleware). */
export interface HttpCaching {
  /**
   * Sets `Cache-Control` on a GET query's successful answer from its `@cacheControl` hints
   * (a `willSendResponse` step for GET requests only: a POST's answer keeps the headers'
   * `no-store` and costs nothing here).
   */
  getPolicy: ResponseStep;
  /**
   * First on `/graphql`: every answer is `Cache-Control: no-store` unless the plugin says
   * otherwise; a GET's answer varies on `Accept`, `Authorization` and `X-Api-Key`; a
   * cacheable answer gets a strong `ETag` (SHA-256 of its bytes), and Express answers 304
   * when `If-None-Match` holds it.
   */
  headers: RequestHandler;
  /** The `@cacheControl` policy of one operation, computed once per parsed document (the whole-response cache uses it too). */
  policyOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CachePolicy;
}

/** The headers a GET answer depends on: content negotiation and client credentials. */
export const VARY_HEADERS = ['Accept', 'Authorization', 'X-Api-Key'];

/**
 * CDN-ready HTTP caching of reads (Apollo's `@cacheControl` semantics). Only GET queries
 * whose answer has data and no error at all (partial results included) are cacheable;
 * mutations, POSTs and any answer with an error are `no-store`. The policy is computed once
 * per parsed document — documents are reused from the document cache, so the warm path
 * does one WeakMap look-up — instead of Apollo's per-resolver hook.
 */
export function httpCaching({ typeMaxAges, alwaysPrivate }: HttpCachingOptions): HttpCaching {
  const hintsBySchema = new WeakMap<GraphQLSchema, SchemaCacheHints>();
  const policies = new WeakMap<OperationDefinitionNode, CachePolicy>();
  const fallbackMaxAge = Math.min(...typeMaxAges.values());

  const policyOf = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CachePolicy => {
    let policy = policies.get(operation);
    if (policy) return policy;
    let hints = hintsBySchema.get(schema);
    if (!hints) hintsBySchema.set(schema, (hints = schemaCacheHints(schema)));
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    policy = operationCachePolicy({ schema, hints, operation, fragments, defaultMaxAge: (type) => typeMaxAges.get(type.name), fallbackMaxAge });
    policies.set(operation, policy);
    return policy;
  };

  return {
    policyOf,
    getPolicy({ schema, document, operation, response, contextValue, errors }) {
      if (!document || !operation || response.body.kind !== 'single') return;
      if (response.http.status !== undefined && response.http.status !== 200) return;
      const result = response.body.singleResult;
      if (result.data == null || (result.errors?.length ?? 0) > 0 || (errors?.length ?? 0) > 0 || contextValue.partialErrors.length > 0) return;
      const { maxAge, scope } = policyOf(schema, document, operation);
      if (maxAge <= 0) return;
      response.http.headers.set('cache-control', `${alwaysPrivate || scope === 'PRIVATE' ? 'private' : 'public'}, max-age=${maxAge}`);
    },
    headers(req, res, next) {
      res.setHeader('cache-control', 'no-store');
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      for (const header of VARY_HEADERS) res.vary(header);
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        // An answer from the whole-response cache comes with the ETag computed when it was stored.
        if (
          res.statusCode === 200 &&
          (typeof body === 'string' || Buffer.isBuffer(body)) &&
          !String(res.getHeader('cache-control')).includes('no-store') &&
          !res.hasHeader('etag')
        ) {
          res.setHeader('etag', `"${createHash('sha256').update(body).digest('base64url')}"`);
        }
        return send(body);
      };
      next();
    },
  };
}
