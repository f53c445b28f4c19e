import type { SpeakerFilter } from '../__generated__/resolvers-types.js';
import { connectionFromOffsetSource, fingerprint, type Connection, type ConnectionArgs } from '../connections/index.js';
import { DEFAULT_SESSION_ORDER, omitNulls, type SessionModel, type SpeakerModel } from '../models/index.js';
import type { GatewayContext } from './context.js';
import { requireProvider } from './requireProvider.js';

/**
 * One speaker by its Planstone pid (speakers are Planstone's alone); rejects with
 * NotFoundError naming Planstone when it has none, PROVIDER_DISABLED when it is switched off.
 */
export function speakerById(context: GatewayContext, sourceId: string): Promise<SpeakerModel> {
  return requireProvider(context, 'planstone').speaker.load(sourceId);
}

/** Planstone's speakers matching `filter` (pids as given: the caller checks their form), as one connection. */
export function speakerConnection(context: GatewayContext, filter: SpeakerFilter, args: ConnectionArgs): Promise<Connection<SpeakerModel>> {
  const source = requireProvider(context, 'planstone').speakerSource(omitNulls({ published: filter.published, pids: filter.sourceIds }));
  return connectionFromOffsetSource(source, args, { kind: 'speakers', fingerprint: fingerprint({ filter }) });
}

/** A speaker's Planstone sessions in the default session order. `fieldsRead`: see operationFieldNames. */
export function speakerSessionConnection(
  context: GatewayContext,
  speaker: SpeakerModel,
  args: ConnectionArgs,
  fieldsRead?: ReadonlySet<string>,
): Promise<Connection<SessionModel>> {
  const source = requireProvider(context, 'planstone').sessionSource({ speakerPid: speaker.sourceId }, DEFAULT_SESSION_ORDER, fieldsRead);
  return connectionFromOffsetSource(source, args, { kind: 'speakerSessions', fingerprint: fingerprint({ speaker: speaker.sourceId }) });
}
