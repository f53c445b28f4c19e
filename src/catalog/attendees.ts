import type { AttendeeFilter, AttendeeOrder } from '../__generated__/resolvers-types.js';
import { connectionFromOffsetSource, fingerprint, type Connection, type ConnectionArgs } from '../connections/index.js';
import { expectGlobalId } from '../ids/globalId.js';
import { omitNulls, type AttendeeModel } from '../models/index.js';
import type { GatewayContext } from './context.js';
import { requireProvider } from './requireProvider.js';

/**
 * One attendee by its Guidebook id (attendees are Guidebook's alone); rejects with
 * NotFoundError naming Guidebook when it has none, PROVIDER_DISABLED when it is switched off.
 */
export function attendeeById(context: GatewayContext, sourceId: string): Promise<AttendeeModel> {
  return requireProvider(context, 'guidebook').attendee.load(sourceId);
}

/**
 * Guidebook's attendees matching `filter` (its `guideId` a Guide's global ID, checked:
 * BAD_USER_INPUT naming `filter.guideId`), in `orderBy` then by id, as one connection.
 */
export function attendeeConnection(
  context: GatewayContext,
  filter: AttendeeFilter,
  orderBy: AttendeeOrder[],
  args: ConnectionArgs,
): Promise<Connection<AttendeeModel>> {
  const source = requireProvider(context, 'guidebook').attendeeSource(
    { ...omitNulls(filter), guideId: filter.guideId ? expectGlobalId(filter.guideId, 'filter.guideId', 'Guide').sourceId : undefined },
    orderBy,
  );
  return connectionFromOffsetSource(source, args, { kind: 'attendees', fingerprint: fingerprint({ filter, orderBy }) });
}
