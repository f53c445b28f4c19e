import {
  getNamedType,
  isCompositeType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

import type { SchemaCacheHints } from './cacheHints.js';

/** How long, and by whom, one operation's successful answer may be cached. */
export interface CachePolicy {
  /** Seconds; 0 means not cacheable at all. */
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

export interface OperationCachePolicyInput {
  schema: GraphQLSchema;
  hints: SchemaCacheHints;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** The `maxAge` of a type without one of its own (its providers' TTL); undefined: 0. */
  defaultMaxAge(type: GraphQLNamedType): number | undefined;
  /** Used when no field restricts the age (e.g. `{ __typename }`). */
  fallbackMaxAge: number;
}

/**
 * Apollo's `@cacheControl` rules, applied statically to one operation's selections (so it
 * is computed once per document, not per resolver call):
 * - a field's own hint wins over its type's; a field returning an object, interface or
 *   union without a `maxAge` takes its type's, else the type's default (providers' TTL),
 *   unless the field or type says `inheritMaxAge`; scalar fields restrict nothing unless
 *   hinted;
 * - fragments on a type (`... on Attendee`) apply that type's hint too, since the static
 *   walk cannot know which runtime type an interface field returns;
 * - `maxAge` is the smallest of all, `scope` is PRIVATE if any hint says so;
 * - introspection (`__schema`, `__type`) is never cacheable; `@skip`/`@include` are ignored
 *   (every selection counts, the safe side).
 * Mutations and subscriptions are never cacheable.
 */
export function operationCachePolicy(input: OperationCachePolicyInput): CachePolicy {
  const { schema, hints, operation, fragments, defaultMaxAge } = input;
  if (operation.operation !== 'query') return { maxAge: 0, scope: 'PUBLIC' };
  let maxAge = Number.POSITIVE_INFINITY;
  let scope: CachePolicy['scope'] = 'PUBLIC';
  const restrict = (age: number) => {
    if (age < maxAge) maxAge = age;
  };
  const root = schema.getQueryType();
  if (!root) return { maxAge: 0, scope: 'PUBLIC' };
  const applyType = (type: GraphQLNamedType) => {
    if (type === root) return;
    const hint = hints.type(type);
    if (hint?.scope === 'PRIVATE') scope = 'PRIVATE';
    if (hint?.maxAge !== undefined) restrict(hint.maxAge);
    else if (!hint?.inheritMaxAge) restrict(defaultMaxAge(type) ?? 0);
  };
  const spread = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        if (name.startsWith('__') || !('getFields' in parent)) {
          restrict(0);
          continue;
        }
        const field = parent.getFields()[name];
        // Validation has passed, so this is only a schema/document mismatch: be safe.
        if (!field) {
          restrict(0);
          continue;
        }
        const fieldHint = hints.field(field);
        const type = getNamedType(field.type);
        if (fieldHint?.scope === 'PRIVATE') scope = 'PRIVATE';
        if (fieldHint?.maxAge !== undefined) {
          restrict(fieldHint.maxAge);
          if (hints.type(type)?.scope === 'PRIVATE') scope = 'PRIVATE';
        } else if (isCompositeType(type)) {
          if (fieldHint?.inheritMaxAge) {
            if (hints.type(type)?.scope === 'PRIVATE') scope = 'PRIVATE';
          } else applyType(type);
        }
        if (selection.selectionSet && isCompositeType(type)) walk(selection.selectionSet, type);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (!type || !isCompositeType(type)) {
          restrict(0);
          continue;
        }
        if (selection.typeCondition) applyType(type);
        walk(selection.selectionSet, type);
      } else {
        const name = selection.name.value;
        if (spread.has(name)) continue;
        spread.add(name);
        const fragment = fragments[name];
        const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        if (!fragment || !type || !isCompositeType(type)) {
          restrict(0);
          continue;
        }
        applyType(type);
        walk(fragment.selectionSet, type);
      }
    }
  };

  walk(operation.selectionSet, root);
  return { maxAge: Number.isFinite(maxAge) ? maxAge : input.fallbackMaxAge, scope };
}
