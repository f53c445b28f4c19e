import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/** A string argument (or part of one) that holds a lone UTF-16 surrogate. */
export interface LoneSurrogateArgument {
  /** The argument and its path inside an input object or list: `filter.importId`, `ids[2]`. */
  argumentName: string;
  /** The field that takes the argument (its name in the schema, not an alias). */
  fieldName: string;
  /** The offending code unit, e.g. `U+DC00`. */
  codeUnit: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first lone surrogate in `text` as `U+XXXX`, or null when `text` is well-formed. */
export function loneSurrogateIn(text: string): string | null {
  const found = LONE_SURROGATE.exec(text);
  return found ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/**
 * The first argument of `operation` (fields and directives, through fragments) whose
 * string value — written in the document or passed in `variables` — holds a lone
 * surrogate; null when every string is well-formed Unicode. graphql-js refuses lone
 * surrogates in the document's own strings, but not in variables, which arrive as JSON.
 * Raw variables are read (before coercion): any string in them that an argument uses counts.
 *
 * Variables holding no lone surrogate at all (nearly every request) leave only the
 * document's own strings, whose answer is kept per operation: a repeated operation costs a
 * walk of its variables' values, not of its selections.
 */
export function findLoneSurrogate(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): LoneSurrogateArgument | null {
  if (holdsLoneSurrogate(variables)) return walkOperation(document, operation, variables);
  // An operation node belongs to the one document it was parsed in (and its fragments).
  let found = inLiteralsOnly.get(operation);
  if (found === undefined) inLiteralsOnly.set(operation, (found = walkOperation(document, operation, {})));
  return found;
}

/** `findLoneSurrogate` of an operation with no variables, by operation node. */
const inLiteralsOnly = new WeakMap<OperationDefinitionNode, LoneSurrogateArgument | null>();

/** Whether any string anywhere in `value` holds a lone surrogate (an explicit stack: JSON may nest deep). */
function holdsLoneSurrogate(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) return true;
    } else if (Array.isArray(item)) {
      for (const entry of item) pending.push(entry);
    } else if (item !== null && typeof item === 'object') {
      for (const entry of Object.values(item)) pending.push(entry);
    }
  }
  return false;
}

function walkOperation(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): LoneSurrogateArgument | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const visited = new Set<string>();

  const inValue = (node: ValueNode, path: string): { path: string; codeUnit: string } | null => {
    switch (node.kind) {
      case Kind.STRING: {
        const codeUnit = loneSurrogateIn(node.value);
        return codeUnit ? { path, codeUnit } : null;
      }
      case Kind.LIST:
        for (const [index, item] of node.values.entries()) {
          const found = inValue(item, `${path}[${index}]`);
          if (found) return found;
        }
        return null;
      case Kind.OBJECT:
        for (const field of node.fields) {
          const found = inValue(field.value, `${path}.${field.name.value}`);
          if (found) return found;
        }
        return null;
      case Kind.VARIABLE:
        return inRaw(variables[node.name.value], path);
      default:
        return null;
    }
  };

  const inSelections = (selectionSet: SelectionSetNode | undefined): LoneSurrogateArgument | null => {
    for (const selection of selectionSet?.selections ?? []) {
      const fieldName = selection.kind === Kind.FIELD ? selection.name.value : selection.kind === Kind.FRAGMENT_SPREAD ? `...${selection.name.value}` : '...';
      for (const argument of [
        ...(selection.kind === Kind.FIELD ? (selection.arguments ?? []) : []),
        ...(selection.directives ?? []).flatMap((d) => d.arguments ?? []),
      ]) {
        const found = inValue(argument.value, argument.name.value);
        if (found) return { argumentName: found.path, fieldName, codeUnit: found.codeUnit };
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (visited.has(selection.name.value)) continue;
        visited.add(selection.name.value);
        const found = inSelections(fragments.get(selection.name.value)?.selectionSet);
        if (found) return found;
      } else {
        const found = inSelections(selection.selectionSet);
        if (found) return found;
      }
    }
    return null;
  };

  return inSelections(operation.selectionSet);
}

/**
 * The first lone surrogate in a JSON value (a variable as sent), with its path. Walked with
 * an explicit stack, not recursion: variables are the client's JSON, nested as deep as it
 * likes (thousands of levels overflowed the call stack, a server error found by fuzzing).
 */
function inRaw(value: unknown, path: string): { path: string; codeUnit: string } | null {
  const pending: Array<[unknown, string]> = [[value, path]];
  while (pending.length > 0) {
    const [item, itemPath] = pending.pop()!;
    if (typeof item === 'string') {
      const codeUnit = loneSurrogateIn(item);
      if (codeUnit) return { path: itemPath, codeUnit };
    } else if (Array.isArray(item)) {
      // Pushed last to first, so entries are looked at in order.
      for (let index = item.length - 1; index >= 0; index--) pending.push([item[index], `${itemPath}[${index}]`]);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (let index = entries.length - 1; index >= 0; index--) pending.push([entries[index]![1], `${itemPath}.${entries[index]![0]}`]);
    }
  }
  return null;
}
