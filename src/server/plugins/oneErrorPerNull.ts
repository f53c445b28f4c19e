import type { ApolloServerPlugin } from '@apollo/server';

import { oneErrorPerNull } from '../execution/oneErrorPerNull.js';

/**
 * Puts a response's errors in the form `oneErrorPerNull` describes (one per null, in
 * document order), so graphql-js and graphql-jit answer alike. Goes after the plugins that
 * add errors (partial results) and before those that count them (metrics, logs).
 */
export function oneErrorPerNullPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors && result.errors.length > 1) result.errors = oneErrorPerNull(result.data, result.errors);
        },
      };
    },
  };
}
