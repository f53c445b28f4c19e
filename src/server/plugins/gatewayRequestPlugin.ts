import type {
  ApolloServerPlugin,
  GraphQLRequest,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
  GraphQLResponse,
} from '@apollo/server';

import type { GatewayContext } from '../../catalog/index.js';

/** A refusal before execution: throws the client's error, returns when the operation may run. */
export type OperationCheck = (context: GraphQLRequestContextDidResolveOperation<GatewayContext>) => void;

/** A change to (or a header on) an answer about to be sent. */
export type ResponseStep = (context: GraphQLRequestContextWillSendResponse<GatewayContext>) => void;

export interface GatewayRequestPluginOptions {
  /** Run in this order in `didResolveOperation`; the first that throws answers the operation. */
  checks: readonly OperationCheck[];
  /** Run in this order in `willSendResponse`, after `getSteps` (for a GET). */
  steps: readonly ResponseStep[];
  /** Run first in `willSendResponse` when the request is a GET (the HTTP cache policy). */
  getSteps: readonly ResponseStep[];
  /** The whole answer of a request that must not run at all (a malformed batch entry's stand-in), else undefined. */
  answerWithout?: (request: GraphQLRequest) => GraphQLResponse | undefined;
}

/**
 * The gateway's own per-request work as one Apollo Server plugin: the checks before
 * execution (limits, subscriptions over HTTP, lone surrogates), the answer of a malformed
 * batch entry, the steps before sending (HTTP cache policy, partial results, one error per
 * null) and each batched operation's own `partialErrors`.
 *
 * One plugin, not one per concern: Apollo Server calls every plugin's `requestDidStart`
 * and awaits every listener's hooks (a promise each, some one after another) on every
 * request. Here one `requestDidStart` hands out one of two listeners built once; a request
 * allocates nothing of its own unless it is a malformed batch entry.
 *
 * Apollo Server builds one context per HTTP request and gives each operation of a batch a
 * shallow copy of it, so the operations of a batch would share one `partialErrors` list and
 * each would report the others' partial failures: each batched operation gets its own list
 * here. (DataLoaders stay shared across the batch: de-duplicating its reads is wanted.)
 */
export function gatewayRequestPlugin({ checks, steps, getSteps, answerWithout }: GatewayRequestPluginOptions): ApolloServerPlugin<GatewayContext> {
  const didResolveOperation = async (context: GraphQLRequestContextDidResolveOperation<GatewayContext>) => {
    for (const check of checks) check(context);
  };
  const willSendResponse = async (context: GraphQLRequestContextWillSendResponse<GatewayContext>) => {
    for (const step of steps) step(context);
  };
  const getSendSteps = [...getSteps, ...steps];
  const willSendGetResponse = async (context: GraphQLRequestContextWillSendResponse<GatewayContext>) => {
    for (const step of getSendSteps) step(context);
  };
  const listener: GraphQLRequestListener<GatewayContext> = { didResolveOperation, willSendResponse };
  const getListener: GraphQLRequestListener<GatewayContext> = { didResolveOperation, willSendResponse: willSendGetResponse };
  return {
    async requestDidStart({ request, contextValue, requestIsBatched }) {
      if (requestIsBatched) contextValue.partialErrors = [];
      const forGet = request.http?.method === 'GET';
      const answer = answerWithout?.(request);
      if (answer) return { ...(forGet ? getListener : listener), responseForOperation: async () => answer };
      return forGet ? getListener : listener;
    },
  };
}
