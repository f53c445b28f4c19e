import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';

import type { CachePolicy } from '../httpCache/operationCachePolicy.js';
import type { ResponseStep } from '../plugins/gatewayRequestPlugin.js';
import { currentTicket } from './responseTicket.js';

/** The cache hints of one operation (computed once per document: HttpCaching.policyOf). */
export type PolicyOf = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) => CachePolicy;

/**
 * The last step before an answer is sent: when the response cache follows the operation,
 * says whether its answer may be given to another request with the same key — only an
 * answer to a query, with data, HTTP 200 and no error at all (partial results included).
 * PRIVATE ones too: every key names its principal (callerScope), so an answer only ever
 * goes to the principal it was built for. Whether it is also *kept* depends on its hints'
 * `maxAge` and on the upstream entries it read (see the middleware).
 */
export function responseVerdictStep(policyOf: PolicyOf): ResponseStep {
  return ({ schema, document, operation, response, contextValue, errors }) => {
    const ticket = currentTicket();
    if (!ticket || !document || !operation || operation.operation !== 'query' || response.body.kind !== 'single') return;
    if (response.http.status !== undefined && response.http.status !== 200) return;
    const result = response.body.singleResult;
    if (result.data == null || (result.errors?.length ?? 0) > 0 || (errors?.length ?? 0) > 0 || contextValue.partialErrors.length > 0) return;
    const { maxAge, scope } = policyOf(schema, document, operation);
    ticket.verdict = { maxAge, scope, operation: operation.name?.value ?? '(anonymous)' };
  };
}
