import type { GraphQLResolveInfo } from 'graphql';
import { responsePathAsArray } from 'graphql';

import type { GatewayContext } from '../catalog/index.js';
import type { ConnectionArgs } from '../connections/index.js';
import { NotFoundError, type UpstreamError } from '../errors/index.js';
import type { NodeType } from '../ids/globalId.js';
import type { GuideModel, GuideParent } from '../models/index.js';
import { selectsOnly } from './lookahead.js';

/** The Relay paging arguments of a connection field. */
export function pageArgs(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }): ConnectionArgs {
  return { first: args.first ?? null, after: args.after ?? null, last: args.last ?? null, before: args.before ?? null };
}

/** Adds provider failures to the response while the field still returns what the others gave. */
export function reportPartialFailures(context: GatewayContext, failures: UpstreamError[], info: GraphQLResolveInfo): void {
  const path = responsePathAsArray(info.path);
  for (const error of failures) context.partialErrors.push({ error, path });
}

/**
 * Keeps what exists, in order: a NOT_FOUND result (a dangling reference in the provider's
 * data) is left out and reported; any other failure fails the field.
 */
export function keepExisting<T>(results: ReadonlyArray<T | Error>, context: GatewayContext, info: GraphQLResolveInfo): T[] {
  const found: T[] = [];
  for (const result of results) {
    if (result instanceof NotFoundError) context.partialErrors.push({ error: result, path: responsePathAsArray(info.path) });
    else if (result instanceof Error) throw result;
    else found.push(result);
  }
  return found;
}

// Node's __resolveType needs each object's type; models stay plain, so the type is
// remembered beside them rather than written into them.
const nodeTypes = new WeakMap<object, NodeType>();

/** Marks a model as being of `type`, for `Node.__resolveType`. Returns the model. */
export function asNode<T extends object>(model: T, type: NodeType): T {
  nodeTypes.set(model, type);
  return model;
}

export function nodeTypeOf(model: object): NodeType | undefined {
  return nodeTypes.get(model);
}

/** The fields of a Guide its id alone answers. */
export const GUIDE_IDENTITY: ReadonlySet<string> = new Set(['id', 'sourceId']);
/** The fields of a Track a session's reference to it answers (Guidebook tracks: the id). */
export const TRACK_IDENTITY: ReadonlySet<string> = new Set(['id', 'source', 'sourceId']);

/**
 * A `guide` field: a reference built from `guideId` when the operation asks only for what
 * the id tells (`guide { id }` costs no request), else the guide as `load` reads it.
 */
export function guideReferenceOr(info: GraphQLResolveInfo, guideId: string, load: () => Promise<GuideModel>): GuideParent | Promise<GuideParent> {
  return selectsOnly(info, GUIDE_IDENTITY) ? { sourceId: guideId, reference: true } : load();
}
