import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  Kind,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Shape measures of one operation. */
export interface OperationShape {
  depth: number;
  aliases: number;
  rootFields: number;
}

// Apollo's document store hands every repeat of an operation the same parsed document, so
// its shape — which depends on nothing else for a given schema — is measured once.
const measured = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, OperationShape>>();

/**
 * Measures one operation of a validated document. Depth and aliases are graphql-armor's
 * counts (depth with fragments flattened, so a spread adds no level; introspection's
 * `__schema` not counted; `__typename` aliases free), run here with no limit so that the
 * gateway, not the library, decides and words the rejection. Root fields are the distinct
 * response keys at the top level, fragments included, `__typename` excluded.
 */
export function measureOperation(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): OperationShape {
  let bySchema = measured.get(schema);
  if (!bySchema) measured.set(schema, (bySchema = new WeakMap()));
  let shape = bySchema.get(operation);
  if (!shape) bySchema.set(operation, (shape = measureFresh(schema, operation, fragments)));
  return shape;
}

function measureFresh(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): OperationShape {
  const shape: OperationShape = { depth: 0, aliases: 0, rootFields: rootFieldCount(operation.selectionSet, fragments) };
  // Only the operation being run, and the fragments: other operations of the document are not measured.
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...Object.values(fragments)] };
  validate(schema, document, [
    maxDepthRule({
      n: Number.POSITIVE_INFINITY,
      flattenFragments: true,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onAccept: [(_context, details: { n: number }) => void (shape.depth = details.n)],
    }),
    maxAliasesRule({
      n: Number.POSITIVE_INFINITY,
      propagateOnRejection: false,
      onAccept: [(_context, details: { n: number }) => void (shape.aliases = details.n)],
    }),
  ]);
  return shape;
}

function rootFieldCount(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): number {
  const keys = new Set<string>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename') keys.add(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return keys.size;
}
