import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Whether the operation asks, below the field being resolved, for the fields `path` names
 * (e.g. `['edges', 'node', 'tracks']`), through fragments and under any alias, honouring
 * `@skip` and `@include`. Type conditions are not checked: a fragment on another type
 * counts, so a caller can only be told yes too often, which must cost no more than a
 * read it did not need.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const node of level) if (node.selectionSet) collectFields(node.selectionSet, name, info, next, new Set());
    if (next.length === 0) return false;
    level = next;
  }
  return true;
}

/**
 * Whether the operation asks, below the field being resolved, for no field outside `names`
 * (through fragments, under any alias, honouring `@skip` and `@include`; `__typename` is
 * always allowed): then an object known by its id alone can answer without being read.
 */
export function selectsOnly(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  // Asked once per object of a list, with the same field nodes and variables each time.
  let byVariables = onlyByFieldNodes.get(info.fieldNodes);
  if (!byVariables) onlyByFieldNodes.set(info.fieldNodes, (byVariables = new WeakMap()));
  let byNames = byVariables.get(info.variableValues);
  if (!byNames) byVariables.set(info.variableValues, (byNames = new Map()));
  let only = byNames.get(names);
  if (only === undefined) {
    const found = new Set<string>();
    for (const node of info.fieldNodes) if (node.selectionSet) collectNames(node.selectionSet, info, found, new Set());
    only = [...found].every((name) => name === '__typename' || names.has(name));
    byNames.set(names, only);
  }
  return only;
}

const onlyByFieldNodes = new WeakMap<readonly FieldNode[], WeakMap<object, Map<ReadonlySet<string>, boolean>>>();

/**
 * Whether the operation asks, at `path` below the field being resolved (as `selects`), for a
 * field outside `names` (`__typename` aside): e.g. whether a page of sessions shows more of
 * its tracks than the ids the sessions carry.
 */
export function selectsBeyond(info: GraphQLResolveInfo, path: readonly string[], names: ReadonlySet<string>): boolean {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const node of level) if (node.selectionSet) collectFields(node.selectionSet, name, info, next, new Set());
    if (next.length === 0) return false;
    level = next;
  }
  const found = new Set<string>();
  for (const node of level) if (node.selectionSet) collectNames(node.selectionSet, info, found, new Set());
  return [...found].some((name) => name !== '__typename' && !names.has(name));
}

// Per operation and per request's variables (which decide @skip/@include): resolvers ask
// once per list they resolve, the answer is the same for the whole operation.
const namesByOperation = new WeakMap<OperationDefinitionNode, WeakMap<object, ReadonlySet<string>>>();

/**
 * The name of every field the operation selects, anywhere in it (through fragments, under
 * any alias, honouring `@skip` and `@include`; type conditions are not checked), so a
 * datasource can tell that no selection reads a field it would have to fetch.
 */
export function operationFieldNames(info: GraphQLResolveInfo): ReadonlySet<string> {
  let byVariables = namesByOperation.get(info.operation);
  if (!byVariables) namesByOperation.set(info.operation, (byVariables = new WeakMap()));
  let names = byVariables.get(info.variableValues);
  if (!names) {
    const found = new Set<string>();
    collectNames(info.operation.selectionSet, info, found, new Set());
    byVariables.set(info.variableValues, (names = found));
  }
  return names;
}

function collectNames(set: SelectionSetNode, info: GraphQLResolveInfo, into: Set<string>, spread: Set<string>): void {
  for (const selection of set.selections) {
    if (!isIncluded(selection, info)) continue;
    if (selection.kind === Kind.FIELD) {
      into.add(selection.name.value);
      if (selection.selectionSet) collectNames(selection.selectionSet, info, into, spread);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectNames(selection.selectionSet, info, into, spread);
    } else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      const fragment = info.fragments[selection.name.value];
      if (fragment) collectNames(fragment.selectionSet, info, into, spread);
    }
  }
}

function collectFields(set: SelectionSetNode, name: string, info: GraphQLResolveInfo, into: FieldNode[], spread: Set<string>): void {
  for (const selection of set.selections) {
    if (!isIncluded(selection, info)) continue;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) into.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(selection.selectionSet, name, info, into, spread);
    } else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      const fragment = info.fragments[selection.name.value];
      if (fragment) collectFields(fragment.selectionSet, name, info, into, spread);
    }
  }
}

function isIncluded(node: SelectionNode, info: GraphQLResolveInfo): boolean {
  if (!node.directives || node.directives.length === 0) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}
