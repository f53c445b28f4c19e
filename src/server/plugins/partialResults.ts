import type { GraphQLFormattedError } from 'graphql';

import type { ResponseStep } from './gatewayRequestPlugin.js';

export interface PartialResultsOptions {
  /** The gateway's error formatter, so partial errors pass the same masking boundary. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/**
 * Adds the errors of fields that still returned data (a merged list missing one
 * provider, a dangling reference left out of a list) to the response's `errors`.
 */
export function partialResultsStep({ formatError }: PartialResultsOptions): ResponseStep {
  return ({ contextValue, response }) => {
    if (response.body.kind !== 'single' || contextValue.partialErrors.length === 0) return;
    const extra = contextValue.partialErrors.map(({ error, path }) =>
      formatError({ message: error.message, path: [...path], extensions: error.extensions }, error),
    );
    const result = response.body.singleResult;
    result.errors = [...(result.errors ?? []), ...extra];
  };
}
