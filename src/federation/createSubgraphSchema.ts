import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';

import type { GatewayContext } from '../catalog/index.js';
import { NotFoundError, UserInputError } from '../errors/index.js';
import { parseGlobalId } from '../ids/globalId.js';
import { resolvers } from '../resolvers/index.js';
import { loadTypeDefs } from '../schema.js';
import { ENTITY_TYPES, federatedTypeDefs } from './entityKeys.js';

type NodeResolver = (parent: unknown, args: { id: string }, context: GatewayContext, info: GraphQLResolveInfo) => Promise<unknown>;

/**
 * The gateway's schema as an Apollo Federation v2 subgraph: the same SDL and resolvers,
 * plus `@key(fields: "id")` on each entity, `_service { sdl }` and `_entities`. An entity
 * reference is resolved like `node(id:)` — through the datasources, so the per-request
 * DataLoaders batch a router's `_entities` call — and must name an object of its type.
 */
export function createSubgraphSchema(): GraphQLSchema {
  const node = resolvers.Query?.node as unknown as NodeResolver;
  const entityResolvers: Record<
    string,
    { __resolveReference: (reference: { id: string }, context: GatewayContext, info: GraphQLResolveInfo) => Promise<unknown> }
  > = {};
  for (const type of ENTITY_TYPES) {
    entityResolvers[type] = {
      async __resolveReference(reference, context, info) {
        const decoded = parseGlobalId(reference.id);
        if (!decoded) throw new UserInputError(`"${reference.id}" is not a valid ${type} ID.`, 'id');
        if (decoded.type !== type) throw new NotFoundError(`No ${type} with ID "${reference.id}" (it is the ID of a ${decoded.type}).`);
        return node(undefined, { id: reference.id }, context, info);
      },
    };
  }
  const merged: Record<string, unknown> = { ...resolvers };
  for (const [type, extra] of Object.entries(entityResolvers)) merged[type] = { ...(resolvers as Record<string, object>)[type], ...extra };
  return buildSubgraphSchema([{ typeDefs: federatedTypeDefs(loadTypeDefs()), resolvers: merged as GraphQLResolverMap<GatewayContext> }]);
}
