import type { DataSources } from '../datasources/providers.js';
import { NotFoundError, ProviderDisabledError, UserInputError } from '../errors/index.js';
import { expectGlobalId, toGlobalId } from '../ids/globalId.js';
import type { LocationModel, SessionModel } from '../models/index.js';
import type { ProviderName } from '../providers.js';
import type { GatewayContext } from './context.js';
import { planstoneConferenceByKey } from './planstoneScopes.js';
import { requireProvider } from './requireProvider.js';

/**
 * A Planstone room's identity inside its conference: `roomid:<roomid>` when the feed gives a
 * `roomid`, else `room:<name>` (rooms, like tracks, have no list of their own in the feed).
 */
function roomKey(location: LocationModel): string {
  return location.sourceId !== null ? `roomid:${location.sourceId}` : `room:${location.name}`;
}

/**
 * A Location's global ID. Guidebook: the location id. Planstone (a location carrying its
 * conference): `account/conference#roomid:<roomid>`, or `#room:<name>` without a roomid —
 * stable as long as the feed keeps the room's id (or name).
 */
export function locationGlobalId(location: LocationModel): string {
  const conference = location.planstoneConference;
  return conference
    ? toGlobalId('Location', 'planstone', `${conference.key}#${roomKey(location)}`)
    : toGlobalId('Location', 'guidebook', location.sourceId ?? '');
}

/** The distinct rooms the sessions name (first mention wins), in session order. */
export function planstoneRooms(sessions: readonly SessionModel[]): LocationModel[] {
  const rooms = new Map<string, LocationModel>();
  for (const session of sessions) {
    for (const ref of session.locations) if (ref.kind === 'inline' && !rooms.has(roomKey(ref.location))) rooms.set(roomKey(ref.location), ref.location);
  }
  return [...rooms.values()];
}

/**
 * What a Location ID names, for a session filter (`SessionFilter.locationId`): a Guidebook
 * location id, or a room of one configured Planstone conference — by its `roomid` when the
 * feed gives one (`roomName` null), else by its name (`roomId` null).
 */
export type LocationTarget =
  { provider: 'guidebook'; locationId: string } | { provider: 'planstone'; conferenceKey: string; roomId: string | null; roomName: string | null };

const PLANSTONE_ROOM = /^(.+?)#(roomid|room):(.+)$/s;

function parsePlanstoneRoom(sourceId: string): { conferenceKey: string; roomId: string | null; roomName: string | null } | null {
  const match = PLANSTONE_ROOM.exec(sourceId);
  if (!match) return null;
  return { conferenceKey: match[1]!, roomId: match[2] === 'roomid' ? match[3]! : null, roomName: match[2] === 'room' ? match[3]! : null };
}

/**
 * Decodes a Location's global ID given as the argument `argumentName` into what a session
 * filter needs (see LocationTarget): BAD_USER_INPUT naming the argument when it is not a
 * Location ID, or names a Planstone conference the gateway does not serve; PROVIDER_DISABLED
 * when its provider is switched off. Pair it with `sessionAtLocation`.
 */
export function locationTarget(dataSources: DataSources, id: string, argumentName: string): LocationTarget {
  const { provider, sourceId } = expectGlobalId(id, argumentName, 'Location');
  if (provider === 'guidebook') {
    if (!dataSources.guidebook) throw new ProviderDisabledError('guidebook');
    return { provider, locationId: sourceId };
  }
  if (dataSources.planstoneConferences.length === 0) throw new ProviderDisabledError('planstone');
  const room = parsePlanstoneRoom(sourceId);
  if (!room || !planstoneConferenceByKey(dataSources, room.conferenceKey)) {
    throw new UserInputError(`\`${argumentName}\` names a room of a Planstone conference the gateway does not serve.`, argumentName);
  }
  return { provider: 'planstone', ...room };
}

/**
 * Whether a session takes place at the location `target` names. A Planstone session of
 * another conference never does; a Guidebook session does when it lists the location id.
 */
export function sessionAtLocation(session: SessionModel, target: LocationTarget): boolean {
  if (target.provider === 'guidebook')
    return session.source === 'GUIDEBOOK' && session.locations.some((ref) => ref.kind === 'guidebook' && ref.id === target.locationId);
  if (session.source !== 'PLANSTONE' || session.planstoneConference?.key !== target.conferenceKey) return false;
  return session.locations.some(
    (ref) =>
      ref.kind === 'inline' &&
      (target.roomId !== null ? ref.location.sourceId === target.roomId : ref.location.sourceId === null && ref.location.name === target.roomName),
  );
}

/** One location by the provider and source id of its global ID; NOT_FOUND naming the provider when there is none. */
export async function locationById(context: GatewayContext, provider: ProviderName, sourceId: string): Promise<LocationModel> {
  if (provider === 'guidebook') return requireProvider(context, 'guidebook').location.load(sourceId);
  requireProvider(context, 'planstone');
  const room = parsePlanstoneRoom(sourceId);
  const dataSource = room && planstoneConferenceByKey(context.dataSources, room.conferenceKey);
  const found =
    room && dataSource
      ? planstoneRooms(await dataSource.allSessions('list')).find((location) =>
          room.roomId !== null ? location.sourceId === room.roomId : location.sourceId === null && location.name === room.roomName,
        )
      : undefined;
  if (!found) throw new NotFoundError(`Planstone has no room ${JSON.stringify(sourceId)}.`, 'planstone');
  return found;
}

/**
 * Guidebook locations (a session's rooms) by id, in one batch and in order: each result is
 * the location or its error (NotFoundError naming Guidebook for a dangling reference), for
 * the caller to keep or report (resolvers/support's keepExisting).
 */
export function locationsByGuidebookIds(context: GatewayContext, sourceIds: readonly string[]): Promise<Array<LocationModel | Error>> {
  return requireProvider(context, 'guidebook').location.loadMany(sourceIds);
}
