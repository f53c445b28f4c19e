import { isLeafType, type GraphQLSchema } from 'graphql';
import { inspect } from 'graphql/jsutils/inspect.js';

// graphql-jit catches what a scalar's `serialize` throws and keeps only its message: the
// error itself (its class, extensions and stack) is lost, and a serializer answering
// nothing gets graphql-jit's own wording. The serializers below throw a stand-in whose
// message is a one-off token; `takeSerializeError` trades the token back for the error.

const TOKEN = '\u0000serialize-error:';
const MAX_PENDING = 1000;
const pending = new Map<string, unknown>();
let next = 0;

function standIn(error: unknown): Error {
  const token = `${TOKEN}${(next += 1)}`;
  pending.set(token, error);
  // Errors graphql-jit never reports (none known) must not pile up.
  if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
  return new Error(token);
}

/**
 * graphql-jit `customSerializers` for every scalar and enum of `schema`: each calls the type's
 * own `serialize`, and fails as graphql-js does — with the error `serialize` threw, or
 * graphql-js's error when it returns null or undefined — through a stand-in graphql-jit
 * can only carry the message of.
 */
export function jitSerializers(schema: GraphQLSchema): Record<string, (value: unknown) => unknown> {
  const serializers: Record<string, (value: unknown) => unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isLeafType(type) || type.name.startsWith('__')) continue;
    serializers[type.name] = (value) => {
      let serialized: unknown;
      try {
        serialized = type.serialize(value);
      } catch (error) {
        throw standIn(error);
      }
      if (serialized === null || serialized === undefined) {
        throw standIn(new Error(`Expected \`${type.name}.serialize(${inspect(value)})\` to return non-nullable value, returned: ${inspect(serialized)}`));
      }
      return serialized;
    };
  }
  return serializers;
}

/** The error a serializer threw, for the message graphql-jit reported it with; undefined for any other message. */
export function takeSerializeError(message: string): { error: unknown } | undefined {
  if (!message.startsWith(TOKEN) || !pending.has(message)) return undefined;
  const error = pending.get(message);
  pending.delete(message);
  return { error };
}
