import type { GraphQLResolveInfo } from 'graphql';
import type { NodeResolvers, QueryResolvers, ResolversTypes } from '../__generated__/resolvers-types.js';
import { NotFoundError, UserInputError } from '../errors/index.js';
import { parseGlobalId, type NodeType } from '../ids/globalId.js';
import { requireProvider, type GatewayContext } from '../server/context.js';
import { operationFieldNames } from './lookahead.js';
import { loadSession } from './session.js';
import { asNode, nodeTypeOf } from './support.js';
import { loadTrack } from './track.js';

/** At most this many IDs in one `nodes` call. */
const MAX_NODES = 100;

type NodeModel = ResolversTypes['Node'];

/** Fetches the object behind a global ID; NOT_FOUND when its provider has no such object. */
async function resolveNode(context: GatewayContext, id: string, info: GraphQLResolveInfo, argumentName = 'id'): Promise<NodeModel> {
  const decoded = parseGlobalId(id);
  if (!decoded) throw new UserInputError(`"${id}" is not a valid ID. Use an \`id\` value returned by this API.`, argumentName);
  const { type, provider, sourceId } = decoded;
  const load = async (): Promise<NodeModel | null> => {
    switch (type) {
      case 'Session':
        return loadSession(context, provider, sourceId, operationFieldNames(info));
      case 'Track':
        return loadTrack(context, provider, sourceId, operationFieldNames(info));
      case 'Guide':
        return requireProvider(context, 'guidebook').guide.load(sourceId);
      case 'Attendee':
        return requireProvider(context, 'guidebook').attendee.load(sourceId);
      case 'PersonalizedSchedule':
        return requireProvider(context, 'guidebook').personalizedSchedule.load(sourceId);
      case 'Speaker':
        return requireProvider(context, 'planstone').speaker.load(sourceId);
      case 'ClientSession':
        return requireProvider(context, 'roundware').clientSession.load(sourceId);
    }
  };
  const model = await load();
  if (!model) throw new NotFoundError(`No ${type} with ID "${id}".`);
  return asNode(model, type as NodeType);
}

export const nodeQueries: Pick<QueryResolvers, 'node' | 'nodes'> = {
  node: (_parent, { id }, context, info) => resolveNode(context, id, info),
  async nodes(_parent, { ids }, context, info) {
    if (ids.length > MAX_NODES) throw new UserInputError(`\`ids\` takes at most ${MAX_NODES} IDs; split the request.`, 'ids');
    // Each entry fails alone — a missing ID is null with its own error at nodes[i] — because
    // an Error in a list is completed as that entry's error. (Not a list of promises:
    // graphql-jit lengthens such a list when an entry rejects after later ones resolved.)
    const settled = await Promise.all(ids.map((id, index) => resolveNode(context, id, info, `ids[${index}]`).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
    return settled as NodeModel[];
  },
};

export const Node: NodeResolvers = {
  __resolveType: (model) => nodeTypeOf(model) ?? null,
};
