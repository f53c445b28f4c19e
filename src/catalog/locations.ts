import { NotFoundError } from '../errors/index.js';
import { toGlobalId } from '../ids/globalId.js';
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

/** A Planstone Location's source id: its conference and its room (by `roomid`, or by name for a room without one). */
export function planstoneRoomOf(sourceId: string): { conferenceId: string; roomId?: string; roomName?: string } | null {
  const match = /^(.+?)#(roomid|room):(.+)$/s.exec(sourceId);
  if (!match) return null;
  return match[2] === 'roomid' ? { conferenceId: match[1]!, roomId: match[3]! } : { conferenceId: match[1]!, roomName: match[3]! };
}

/** One location by the provider and source id of its global ID; NOT_FOUND naming the provider when there is none. */
export async function locationById(context: GatewayContext, provider: ProviderName, sourceId: string): Promise<LocationModel> {
  if (provider === 'guidebook') return requireProvider(context, 'guidebook').location.load(sourceId);
  requireProvider(context, 'planstone');
  const room = planstoneRoomOf(sourceId);
  const dataSource = room && planstoneConferenceByKey(context.dataSources, room.conferenceId);
  const found =
    room && dataSource
      ? planstoneRooms(await dataSource.allSessions('list')).find((location) =>
          room.roomId !== undefined ? location.sourceId === room.roomId : location.sourceId === null && location.name === room.roomName,
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
