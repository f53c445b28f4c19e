import { GraphQLError, type SourceLocation } from 'graphql';
import { inspect } from 'graphql/jsutils/inspect.js';

import { takeSerializeError } from './jitSerializers.js';

/**
 * The error graphql-js would have produced for a field error graphql-jit reported: a real
 * `GraphQLError` with the same locations, path and `originalError`, and `extensions` that
 * are always an object (the original error's, else `{}`). A thrown value that is not an
 * `Error` becomes graphql-js's `Error('Unexpected error value: …')`; a scalar's
 * serialize error is the very error it threw (see `jitSerializers`).
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
  // What a scalar's serialize threw comes back from its stand-in (see jitSerializers).
  const serializeError = takeSerializeError(error.message);
  const thrown: unknown = serializeError ? serializeError.error : error.originalError;
  const originalError =
    thrown === undefined || thrown === null || thrown instanceof Error ? (thrown ?? undefined) : new Error(`Unexpected error value: ${inspect(thrown)}`);
  const message = originalError && (serializeError || !(thrown instanceof Error)) ? originalError.message : inGraphQLJsWords(error.message);
  const normalised = new GraphQLError(message, {
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

/** graphql-jit's own messages that graphql-js words differently (they reach only the logs). */
function inGraphQLJsWords(message: string): string {
  const notIterable = /^Expected Iterable, but did not find one for field ([A-Za-z_][\w]*\.[A-Za-z_][\w]*)\.$/.exec(message);
  return notIterable ? `Expected Iterable, but did not find one for field "${notIterable[1]}".` : message;
}
