import { isInterfaceType, isObjectType, Kind, type ConstDirectiveNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema } from 'graphql';

/** One `@cacheControl` hint as declared in the SDL (Apollo's directive). */
export interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
}

/** The schema's `@cacheControl` hints: on types (and interfaces, unions) and on fields. */
export interface SchemaCacheHints {
  type(type: GraphQLNamedType): CacheHint | undefined;
  field(field: GraphQLField<unknown, unknown>): CacheHint | undefined;
}

/**
 * Reads every `@cacheControl` of the schema's SDL once (from the AST nodes, extensions
 * included), so the per-document walk only looks hints up.
 */
export function schemaCacheHints(schema: GraphQLSchema): SchemaCacheHints {
  const types = new Map<GraphQLNamedType, CacheHint>();
  const fields = new Map<GraphQLField<unknown, unknown>, CacheHint>();
  for (const type of Object.values(schema.getTypeMap())) {
    const typeHint = hintOf([type.astNode, ...(type.extensionASTNodes ?? [])]);
    if (typeHint) types.set(type, typeHint);
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const fieldHint = hintOf([field.astNode]);
      if (fieldHint) fields.set(field, fieldHint);
    }
  }
  return { type: (type) => types.get(type), field: (field) => fields.get(field) };
}

function hintOf(nodes: ReadonlyArray<{ directives?: ReadonlyArray<ConstDirectiveNode> } | null | undefined>): CacheHint | undefined {
  let hint: CacheHint | undefined;
  for (const node of nodes) {
    for (const directive of node?.directives ?? []) {
      if (directive.name.value !== 'cacheControl') continue;
      hint ??= {};
      for (const argument of directive.arguments ?? []) {
        const { value } = argument;
        if (argument.name.value === 'maxAge' && value.kind === Kind.INT) hint.maxAge = Number.parseInt(value.value, 10);
        if (argument.name.value === 'scope' && value.kind === Kind.ENUM) hint.scope = value.value === 'PRIVATE' ? 'PRIVATE' : 'PUBLIC';
        if (argument.name.value === 'inheritMaxAge' && value.kind === Kind.BOOLEAN) hint.inheritMaxAge = value.value;
      }
    }
  }
  return hint;
}
