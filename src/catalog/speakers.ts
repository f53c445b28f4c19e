import type { SpeakerFilter } from '../__generated__/resolvers-types.js';
import { connectionFromOffsetSource, fingerprint, type Connection, type ConnectionArgs } from '../connections/index.js';
import { NotFoundError } from '../errors/index.js';
import { omitNulls, type SpeakerEngagementModel, type SpeakerModel } from '../models/index.js';
import type { GatewayContext } from './context.js';
import { planstoneScopeOf, planstoneSourceOf } from './planstoneScopes.js';
import { requireProvider } from './requireProvider.js';

/**
 * One speaker by its Planstone pid (speakers are Planstone's alone); rejects with
 * NotFoundError naming Planstone when it has none, PROVIDER_DISABLED when it is switched off.
 */
export function speakerById(context: GatewayContext, sourceId: string): Promise<SpeakerModel> {
  requireProvider(context, 'planstone');
  const { dataSource, ownId } = planstoneScopeOf(context.dataSources, sourceId);
  return dataSource.speaker.load(ownId);
}

/**
 * The speaker of an engagement, read in the conference whose session lists the engagement;
 * null when the feed lists no person with its pid. Such a dangling reference is the feed's
 * data, not a failure, so it carries no error (an answer with errors could never be cached);
 * an upstream failure still rejects.
 */
export function speakerOfEngagement(context: GatewayContext, engagement: SpeakerEngagementModel): Promise<SpeakerModel | null> {
  return planstoneSourceOf(context.dataSources, engagement).speaker.load(engagement.personId).catch(nullWhenNotFound);
}

function nullWhenNotFound(error: unknown): null {
  if (error instanceof NotFoundError) return null;
  throw error;
}

/** Planstone's speakers matching `filter` (pids as given: the caller checks their form), as one connection. */
export function speakerConnection(context: GatewayContext, filter: SpeakerFilter, args: ConnectionArgs): Promise<Connection<SpeakerModel>> {
  const source = requireProvider(context, 'planstone').speakerSource(omitNulls({ published: filter.published, pids: filter.sourceIds }));
  return connectionFromOffsetSource(source, args, { kind: 'speakers', fingerprint: fingerprint({ filter }) });
}
