import { addResolversToSchema } from '@graphql-tools/schema';
import { getNullableType, isListType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { inspect } from 'graphql/jsutils/inspect.js';

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function';

/** A list whose entries may be promises → one promise of the list, a rejected entry as its `Error`. */
function settle(value: unknown): unknown {
  if (!Array.isArray(value) || !value.some(isThenable)) return value;
  return Promise.all(
    value.map((entry) =>
      Promise.resolve(entry).then(
        (item) => item,
        (error: unknown) => (error instanceof Error ? error : new Error(`Unexpected error value: ${inspect(error)}`)),
      ),
    ),
  );
}

/**
 * A copy of `schema` (for graphql-jit only) whose resolved list fields never hand the executor a
 * list with promise entries: the entries are settled first and a rejected one becomes its
 * `Error`, which both executors report at the entry's path. graphql-jit 0.8.9 mishandles
 * a rejected entry (it appends a `null` to the list and leaves a hole where the entry
 * was: `['a', <rejected>, 'd']` comes out `['a', null, 'd', null]`, and a list of non-null
 * entries is not nulled); graphql-js answers the settled list exactly as the original.
 */
export function withSettledListItems(schema: GraphQLSchema): GraphQLSchema {
  const resolvers: Record<string, Record<string, GraphQLFieldResolver<unknown, unknown>>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      // A field read straight off its parent (no resolver) holds the model's own array, never
      // promises: left alone, graphql-jit keeps its inlined property read for it (edges,
      // tracks, locations… of every warm page).
      if (!field.resolve || !isListType(getNullableType(field.type))) continue;
      const resolve = field.resolve;
      (resolvers[type.name] ??= {})[field.name] = (source, args, context, info) => {
        const value = resolve(source, args, context, info);
        return isThenable(value) ? Promise.resolve(value).then(settle) : settle(value);
      };
    }
  }
  return addResolversToSchema({ schema, resolvers, updateResolversInPlace: false });
}
