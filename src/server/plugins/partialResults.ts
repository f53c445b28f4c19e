import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

import type { GatewayContext } from '../../catalog/index.js';

export interface PartialResultsPluginOptions {
  /** The gateway's error formatter, so partial errors pass the same masking boundary. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/**
 * Adds the errors of fields that still returned data (a merged list missing one
 * provider, a dangling reference left out of a list) to the response's `errors`.
 */
export function partialResultsPlugin({ formatError }: PartialResultsPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single' || contextValue.partialErrors.length === 0) return;
          const extra = contextValue.partialErrors.map(({ error, path }) =>
            formatError({ message: error.message, path: [...path], extensions: error.extensions }, error),
          );
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...extra];
        },
      };
    },
  };
}
