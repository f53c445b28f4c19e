import type { ResolversTypes } from '../__generated__/resolvers-types.js';
import type { NodeType } from '../ids/globalId.js';
import type { ProviderName } from '../providers.js';
import { attendeeById } from './attendees.js';
import { clientSessionById } from './clientSessions.js';
import { conferenceById } from './conferences.js';
import type { GatewayContext } from './context.js';
import { guideById } from './guides.js';
import { locationById } from './locations.js';
import { personalizedScheduleById } from './personalizedSchedules.js';
import { sessionById } from './sessions.js';
import { speakerById } from './speakers.js';
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
  Guide: (context, _provider, sourceId) => guideById(context, sourceId),
  Attendee: (context, _provider, sourceId) => attendeeById(context, sourceId),
  PersonalizedSchedule: (context, _provider, sourceId) => personalizedScheduleById(context, sourceId),
  Speaker: (context, _provider, sourceId) => speakerById(context, sourceId),
  ClientSession: (context, _provider, sourceId) => clientSessionById(context, sourceId),
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
