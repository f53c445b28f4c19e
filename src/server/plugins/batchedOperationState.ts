import type { ApolloServerPlugin } from '@apollo/server';

import type { GatewayContext } from '../../catalog/index.js';

/**
 * Apollo Server builds one context per HTTP request and gives each operation of a batch a
 * shallow copy of it, so the operations of a batch would share one `partialErrors` list
 * and each would report the others' partial failures. Each operation gets its own list
 * here. (DataLoaders stay shared across the batch: de-duplicating its reads is wanted.)
 */
export function batchedOperationStatePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue, requestIsBatched }) {
      if (requestIsBatched) contextValue.partialErrors = [];
    },
  };
}
