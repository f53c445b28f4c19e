import type { ClientSessionFilter } from '../__generated__/resolvers-types.js';
import { connectionFromOffsetSource, fingerprint, type Connection, type ConnectionArgs } from '../connections/index.js';
import { omitNulls, type ClientSessionModel } from '../models/index.js';
import type { GatewayContext } from './context.js';
import { requireProvider } from './requireProvider.js';

/**
 * One client session by its Roundware id (client sessions are Roundware's alone); rejects
 * with NotFoundError naming Roundware when it has none, PROVIDER_DISABLED when it is switched off.
 */
export function clientSessionById(context: GatewayContext, sourceId: string): Promise<ClientSessionModel> {
  return requireProvider(context, 'roundware').clientSession.load(sourceId);
}

/** Roundware's client sessions matching `filter`, as one connection. */
export function clientSessionConnection(context: GatewayContext, filter: ClientSessionFilter, args: ConnectionArgs): Promise<Connection<ClientSessionModel>> {
  const source = requireProvider(context, 'roundware').clientSessionSource(omitNulls(filter));
  return connectionFromOffsetSource(source, args, { kind: 'clientSessions', fingerprint: fingerprint({ filter }) });
}
