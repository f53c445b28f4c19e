import { GraphQLError, type SourceLocation } from 'graphql';
import { inspect } from 'graphql/jsutils/inspect.js';

/**
 * The error graphql-js would have produced for a field error graphql-jit reported: a real
 * `GraphQLError` with the same locations, path and `originalError`, and `extensions` that
 * are always an object (the original error's, else `{}`). A thrown value that is not an
 * `Error` becomes graphql-js's `Error('Unexpected error value: …')`.
 *
 * graphql-jit builds its own error objects: `extensions` is `undefined` unless the thrown
 * error had some. Apollo Server reads `error.extensions.code` before it calls
 * `formatError`, so such an error threw there and never reached the masking boundary (no
 * log line, no path, Apollo's fallback "Internal server error" instead of ours). An error
 * that already is a graphql-js `GraphQLError` of graphql-js's own class (as graphql-js's
 * field errors are) with extensions is returned as it is.
 */
export function asExecutionError(error: GraphQLError): GraphQLError {
  if (Object.getPrototypeOf(error) === GraphQLError.prototype && error.extensions !== undefined && error.extensions !== null) return error;
  const thrown: unknown = error.originalError;
  const originalError = thrown === undefined || thrown === null || thrown instanceof Error ? (thrown ?? undefined) : new Error(`Unexpected error value: ${inspect(thrown)}`);
  const normalised = new GraphQLError(originalError && !(thrown instanceof Error) ? originalError.message : error.message, {
    path: error.path,
    originalError,
    extensions: error.extensions ?? undefined,
  });
  // graphql-jit has already computed the locations graphql-js computes from the field nodes.
  if (error.locations && error.locations.length > 0) (normalised as { locations: SourceLocation[] | undefined }).locations = [...error.locations];
  // Without an original error (a non-null violation), the stack is the one of the failure.
  if (!originalError && error.stack) normalised.stack = error.stack;
  return normalised;
}
