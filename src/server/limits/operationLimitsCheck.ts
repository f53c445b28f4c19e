import { getVariableValues, Kind, type FragmentDefinitionNode, type GraphQLError } from 'graphql';

import type { OperationLimitsConfig } from '../../config/index.js';
import { ErrorCode, limitError } from '../../errors/index.js';
import type { OperationCheck } from '../plugins/gatewayRequestPlugin.js';
import { formatCount } from './formatCount.js';
import { measureOperation } from './measureOperation.js';
import { queryCost } from './queryCost.js';

export type OperationLimitsOptions = Pick<OperationLimitsConfig, 'maxDepth' | 'maxAliases' | 'maxRootFields' | 'maxCost'>;

/**
 * Refuses operations that are too deep (QUERY_TOO_DEEP), use too many aliases
 * (TOO_MANY_ALIASES), select too many root fields (TOO_MANY_ROOT_FIELDS) or cost more
 * than the budget (QUERY_TOO_COSTLY), each with HTTP 400 and a message naming the limit
 * and the measured value.
 *
 * The checks run in `didResolveOperation`: after parsing and validation (both bounded by
 * the token limit checked before Apollo), with the operation chosen and — what the cost
 * needs — the variables known. An error thrown there keeps its own code, where a
 * validation rule's error would be rewritten to GRAPHQL_VALIDATION_FAILED.
 */
export function operationLimitsCheck(limits: OperationLimitsOptions): OperationCheck {
  return ({ document, operation, schema, request }) => {
    if (!operation) return;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    const shape = measureOperation(schema, operation, fragments);
    const refusal = shapeRefusal(shape, limits);
    if (refusal) throw refusal;
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
    // Invalid variables: execution refuses the operation with BAD_USER_INPUT anyway.
    if (!variables.coerced) return;
    const cost = queryCost({ schema, operation, fragments, variables: variables.coerced });
    if (cost > limits.maxCost) {
      throw limitError(
        ErrorCode.QUERY_TOO_COSTLY,
        `The operation's estimated cost is ${formatCount(cost)}; this gateway allows at most ${formatCount(limits.maxCost)}. Each connection multiplies the cost of its edges by its page size (first/last, 20 when absent): ask for smaller pages or fewer nested connections.`,
        { limit: limits.maxCost, measured: cost },
      );
    }
  };
}

function shapeRefusal(shape: { depth: number; aliases: number; rootFields: number }, limits: OperationLimitsOptions): GraphQLError | undefined {
  if (shape.depth > limits.maxDepth) {
    return limitError(
      ErrorCode.QUERY_TOO_DEEP,
      `The operation is ${shape.depth} levels deep; this gateway allows at most ${limits.maxDepth}. Select less deeply nested fields, or fetch the nested objects in a second operation (by id with node/nodes).`,
      { limit: limits.maxDepth, measured: shape.depth },
    );
  }
  if (shape.aliases > limits.maxAliases) {
    return limitError(
      ErrorCode.TOO_MANY_ALIASES,
      `The operation uses ${shape.aliases} aliases; this gateway allows at most ${limits.maxAliases}. Use fewer aliases (nodes(ids:) fetches many objects at once), or split the operation.`,
      { limit: limits.maxAliases, measured: shape.aliases },
    );
  }
  if (shape.rootFields > limits.maxRootFields) {
    return limitError(
      ErrorCode.TOO_MANY_ROOT_FIELDS,
      `The operation selects ${shape.rootFields} root fields; this gateway allows at most ${limits.maxRootFields}. Split it into several operations.`,
      { limit: limits.maxRootFields, measured: shape.rootFields },
    );
  }
  return undefined;
}
