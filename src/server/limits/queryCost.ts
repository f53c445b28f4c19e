import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The page size a connection is assumed to return when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

export interface QueryCostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced variable values (cost depends on `first: $n`). */
  variables: Record<string, unknown>;
}

/**
 * The estimated cost of an operation, with variables resolved:
 *
 * - a field that returns an object (one more thing to fetch or resolve) costs 1, plus the
 *   cost of its selection; scalar and enum fields cost 0 (they come with their object);
 * - a connection (a `…Connection` type with `edges`) costs 1, plus its `edges` and
 *   `nodes` selections multiplied by its page size — `first` or `last` (the larger if
 *   both), 20 when absent — plus its other fields once (`pageInfo`, `totalCount`);
 * - `nodes(ids:)` multiplies its selection by the number of ids; other lists count once
 *   (their length is the provider's, and DataLoader batches them);
 * - fields under `@skip(if: true)` / `@include(if: false)` cost nothing; the fragments of
 *   an abstract type are all counted (an upper bound).
 *
 * Fragment costs are memoised, so nested fragment spreads cannot make this exponential.
 */
export function queryCost({ schema, operation, fragments, variables }: QueryCostInput): number {
  const memo = new Map<string, number>();
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;

  const included = (node: FieldNode | SelectionSetNode['selections'][number]): boolean => {
    const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
    return include?.if !== false;
  };

  const selectionCost = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, pageSize: number | null): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const multiplier = pageSize !== null && (selection.name.value === 'edges' || selection.name.value === 'nodes') ? pageSize : 1;
        total += multiplier * fieldCost(selection, type);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += selectionCost(selection.selectionSet, asComposite(condition) ?? type, pageSize);
      } else {
        const key = `${selection.name.value}:${pageSize ?? ''}`;
        let cost = memo.get(key);
        if (cost === undefined) {
          const fragment = fragments[selection.name.value];
          const condition = fragment && asComposite(schema.getType(fragment.typeCondition.name.value));
          cost = fragment && condition ? selectionCost(fragment.selectionSet, condition, pageSize) : 0;
          memo.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType): number => {
    const definition = fieldDefinition(parent, node.name.value);
    if (!definition || !node.selectionSet) return 0;
    const type = asComposite(getNamedType(definition.type));
    if (!type) return 0;
    const args = argumentValues(definition, node, variables);
    if (isConnection(type)) return 1 + selectionCost(node.selectionSet, type, pageSizeOf(args));
    const own = 1 + selectionCost(node.selectionSet, type, null);
    return node.name.value === 'nodes' && Array.isArray(args.ids) ? Math.max(1, args.ids.length) * own : own;
  };

  return selectionCost(operation.selectionSet, root, null);
}

function fieldDefinition(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function asComposite(type: GraphQLNamedType | null | undefined): GraphQLCompositeType | undefined {
  return type && isCompositeType(type) ? type : undefined;
}

function isConnection(type: GraphQLCompositeType): boolean {
  return type.name.endsWith('Connection') && (isObjectType(type) || isInterfaceType(type)) && 'edges' in type.getFields();
}

function pageSizeOf(args: Record<string, unknown>): number {
  const sizes = [args.first, args.last].filter((value): value is number => typeof value === 'number');
  return sizes.length > 0 ? Math.max(0, ...sizes) : DEFAULT_PAGE_SIZE;
}

function argumentValues(definition: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  try {
    return getArgumentValues(definition, node, variables);
  } catch {
    // Invalid arguments fail at execution with BAD_USER_INPUT; cost them as defaults.
    return {};
  }
}
