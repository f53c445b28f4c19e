import type { GraphQLResolveInfo } from 'graphql';

import type { NodeResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import { nodeById, type GatewayContext, type NodeModel } from '../catalog/index.js';
import { UserInputError } from '../errors/index.js';
import { parseGlobalId } from '../ids/globalId.js';
import { operationFieldNames } from './lookahead.js';
import { asNode, nodeTypeOf } from './support.js';

/** At most this many IDs in one `nodes` call. */
const MAX_NODES = 100;

/** Fetches the object behind a global ID through the catalog's node registry; NOT_FOUND when its provider has no such object. */
async function resolveNode(context: GatewayContext, id: string, info: GraphQLResolveInfo, argumentName = 'id'): Promise<NodeModel> {
  const decoded = parseGlobalId(id);
  if (!decoded) throw new UserInputError(`"${id}" is not a valid ID. Use an \`id\` value returned by this API.`, argumentName);
  const model = await nodeById(context, decoded, operationFieldNames(info));
  return asNode(model, decoded.type);
}

export const nodeQueries: Pick<QueryResolvers, 'node' | 'nodes'> = {
  node: (_parent, { id }, context, info) => resolveNode(context, id, info),
  async nodes(_parent, { ids }, context, info) {
    if (ids.length > MAX_NODES) throw new UserInputError(`\`ids\` takes at most ${MAX_NODES} IDs; split the request.`, 'ids');
    // Each entry fails alone — a missing ID is null with its own error at nodes[i] — because
    // an Error in a list is completed as that entry's error. (Not a list of promises:
    // graphql-jit lengthens such a list when an entry rejects after later ones resolved.)
    const settled = await Promise.all(
      ids.map((id, index) =>
        resolveNode(context, id, info, `ids[${index}]`).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
      ),
    );
    return settled as NodeModel[];
  },
};

export const Node: NodeResolvers = {
  __resolveType: (model) => nodeTypeOf(model) ?? null,
};
