import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';

import { oneErrorPerNull } from '../execution/oneErrorPerNull.js';

/**
 * Puts a response's errors in the form `oneErrorPerNull` describes (one per null, in
 * document order), so graphql-js and graphql-jit answer alike. Goes after the steps that
 * add errors (partial results) and before the plugins that count them (metrics, logs).
 * An answer with fewer than two errors is left as it is (nothing to order or drop).
 */
export function oneErrorPerNullStep({ response }: Pick<GraphQLRequestContextWillSendResponse<object>, 'response'>): void {
  if (response.body.kind !== 'single') return;
  const result = response.body.singleResult;
  if (result.errors && result.errors.length > 1) result.errors = oneErrorPerNull(result.data, result.errors);
}

/** `oneErrorPerNullStep` as a plugin of its own (for a server that is not the gateway's). */
export function oneErrorPerNullPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(context) {
          oneErrorPerNullStep(context);
        },
      };
    },
  };
}
