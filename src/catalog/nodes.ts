import type { ResolversTypes } from '../__generated__/resolvers-types.js';
import type { NodeType } from '../ids/globalId.js';
import type { ProviderName } from '../providers.js';
import { conferenceById } from './conferences.js';
import type { GatewayContext } from './context.js';
import { locationById } from './locations.js';
import { planstoneScopeOf } from './planstoneScopes.js';
import { requireProvider } from './requireProvider.js';
import { sessionById } from './sessions.js';
import { trackById } from './tracks.js';

/** Any object with a global ID. */
export type NodeModel = ResolversTypes['Node'];

type NodeReader = (context: GatewayContext, provider: ProviderName, sourceId: string, fieldsRead?: ReadonlySet<string>) => Promise<NodeModel>;

/**
 * The node registry: for each type with global IDs, how its object is read by the provider
 * and source id written in the ID. Each reader rejects with NotFoundError naming the
 * provider when there is no such object (the by-id contract of every datasource).
 */
export const NODE_READERS: Readonly<Record<NodeType, NodeReader>> = {
  Session: sessionById,
  Track: trackById,
  Guide: (context, _provider, sourceId) => requireProvider(context, 'guidebook').guide.load(sourceId),
  Attendee: (context, _provider, sourceId) => requireProvider(context, 'guidebook').attendee.load(sourceId),
  PersonalizedSchedule: (context, _provider, sourceId) => requireProvider(context, 'guidebook').personalizedSchedule.load(sourceId),
  Speaker: (context, _provider, sourceId) => {
    requireProvider(context, 'planstone');
    const { dataSource, ownId } = planstoneScopeOf(context.dataSources, sourceId);
    return dataSource.speaker.load(ownId);
  },
  ClientSession: (context, _provider, sourceId) => requireProvider(context, 'roundware').clientSession.load(sourceId),
  Conference: (context, provider, sourceId) => conferenceById(context, provider, sourceId),
  Location: (context, provider, sourceId) => locationById(context, provider, sourceId),
};

/** The object behind a decoded global ID (see NODE_READERS). */
export function nodeById(
  context: GatewayContext,
  id: { type: NodeType; provider: ProviderName; sourceId: string },
  fieldsRead?: ReadonlySet<string>,
): Promise<NodeModel> {
  return NODE_READERS[id.type](context, id.provider, id.sourceId, fieldsRead);
}
