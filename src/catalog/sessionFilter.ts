import type { GuidebookDataSource, GuidebookSessionFilter } from '../datasources/guidebook/index.js';
import type { PlanstoneSessionFilter } from '../datasources/planstone/index.js';
import { localDayBounds } from '../datetime/index.js';
import { NotFoundError } from '../errors/index.js';
import { isWindowEmpty, narrowStarts, omitNulls, type GuideModel, type SessionWindow } from '../models/index.js';
import type { ValidSessionFilter } from '../validation/sessionFilterInput.js';
import { planstoneRoomOf } from './locations.js';

// How a checked SessionFilter becomes each provider's datasource filter. Each function says
// null when no session of that provider (or of that Planstone conference) can match, so the
// provider is left out of the connection without asking it anything.

/** The zone a guide's local dates are in: its own, else UTC (a guide without one, or with one no zone database knows). */
export function guideTimeZone(guide: Pick<GuideModel, 'timeZone'>): string {
  return guide.timeZone && localDayBounds('2000-01-01', guide.timeZone) ? guide.timeZone : 'UTC';
}

/** `window` narrowed to the starts of local date `day` in `zone` (UTC when the zone is unknown). */
export function windowOnDay(window: SessionWindow, day: string, zone: string): SessionWindow {
  const bounds = localDayBounds(day, zone) ?? localDayBounds(day, 'UTC');
  // A day no instant can hold (validation refuses those): a window nothing starts in.
  return bounds ? narrowStarts(window, bounds.start, bounds.end) : narrowStarts(window, new Date(0), new Date(0));
}

/** The Guidebook guide a filter pins (`guideId`, a Guidebook `conferenceId`): undefined for none, null for two different ones. */
export function pinnedGuide(filter: ValidSessionFilter): string | null | undefined {
  const fromConference = filter.conference?.provider === 'guidebook' ? filter.conference.sourceId : undefined;
  if (filter.guideId !== undefined && fromConference !== undefined && filter.guideId !== fromConference) return null;
  return filter.guideId ?? fromConference;
}

/**
 * Guidebook's filter for a checked SessionFilter without its `day`, or null when no Guidebook
 * session can match (a Planstone track, room, conference or speaker; `published: false`; two
 * different guides). With a `day`, guidebookDayFilter completes it.
 */
export function guidebookSessionFilter(filter: ValidSessionFilter): GuidebookSessionFilter | null {
  if (!guidebookMayMatch(filter)) return null;
  return {
    ...omitNulls({
      guideId: pinnedGuide(filter) ?? undefined,
      trackId: filter.track?.sourceId,
      importId: filter.importId,
      locationId: filter.location?.sourceId,
      search: filter.search,
      ids: filter.ids && filter.ids.filter((id) => id.provider === 'guidebook').map((id) => id.sourceId),
    }),
    // No bound: no window at all, so a datasource sees an unfiltered read as one.
    window: isWindowEmpty(filter.window) ? undefined : filter.window,
  };
}

/**
 * `base` (guidebookSessionFilter's) narrowed to local date `day` in each guide's time zone, or
 * null when no session can match. With a guide pinned, that guide's zone narrows the window
 * (an unknown guide: null); otherwise every guide's own day goes into `windowByGuide` (one
 * `window` when all guides share it). Reads the guide list (one cached read).
 */
export async function guidebookDayFilter(base: GuidebookSessionFilter, day: string, guidebook: GuidebookDataSource): Promise<GuidebookSessionFilter | null> {
  const window = base.window ?? {};
  if (base.guideId !== undefined) {
    const guide = await guidebook.guide.load(base.guideId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    return guide ? { ...base, window: windowOnDay(window, day, guideTimeZone(guide)) } : null;
  }
  const windowByGuide: Record<string, SessionWindow> = {};
  for (const guide of await guidebook.allGuides()) windowByGuide[guide.sourceId] = windowOnDay(window, day, guideTimeZone(guide));
  const windows = Object.values(windowByGuide);
  if (windows.length === 0) return null;
  const first = windows[0]!;
  const same = windows.every((w) => w.startsAfter!.getTime() === first.startsAfter!.getTime() && w.startsBefore!.getTime() === first.startsBefore!.getTime());
  return same ? { ...base, window: first } : { ...base, windowByGuide };
}

/** Whether anything in `filter` rules out every Guidebook session before any read. */
export function guidebookMayMatch(filter: ValidSessionFilter): boolean {
  if (filter.sources && !filter.sources.includes('GUIDEBOOK')) return false;
  if (filter.published === false) return false; // Guidebook sessions are all published.
  if (filter.track && filter.track.provider !== 'guidebook') return false;
  if (filter.conference && filter.conference.provider !== 'guidebook') return false;
  if (filter.location && filter.location.provider !== 'guidebook') return false;
  if (filter.speakerPid !== undefined) return false; // Guidebook sessions have no speakers.
  if (filter.ids && !filter.ids.some((id) => id.provider === 'guidebook')) return false;
  return pinnedGuide(filter) !== null;
}

/** Whether anything in `filter` rules out every Planstone session (of any conference) before any read. */
export function planstoneMayMatch(filter: ValidSessionFilter): boolean {
  if (filter.sources && !filter.sources.includes('PLANSTONE')) return false;
  if (filter.guideId !== undefined) return false;
  if (filter.track && filter.track.provider !== 'planstone') return false;
  if (filter.location && filter.location.provider !== 'planstone') return false;
  if (filter.ids && !filter.ids.some((id) => id.provider === 'planstone')) return false;
  return !filter.conference || filter.conference.provider === 'planstone';
}

/** What a Planstone conference's datasource tells the filter: its zone and `account/conference` key. */
export interface PlanstoneScope {
  timeZone: string;
  conferenceId: string;
  /**
   * Whether it is the first configured conference: the one whose objects' ids carry no
   * `account/conference#` prefix (ids of every later conference carry theirs).
   */
  first: boolean;
}

/** A Planstone object's own id in `scope` (a track name, a pid), or null when the scoped id names another conference's. */
export function planstoneOwnId(scopedId: string, scope: PlanstoneScope): string | null {
  const prefix = `${scope.conferenceId}#`;
  if (scopedId.startsWith(prefix)) return scopedId.slice(prefix.length);
  return scope.first && !/^[^#/]+\/[^#/]+#/.test(scopedId) ? scopedId : null;
}

/**
 * One Planstone conference's filter for a checked SessionFilter, or null when none of its
 * sessions can match (a Guidebook guide, track, room or conference; another Planstone
 * conference's conference, track, room or speaker). `day` is a local date in the
 * conference's configured zone.
 */
export function planstoneSessionFilter(filter: ValidSessionFilter, scope: PlanstoneScope): PlanstoneSessionFilter | null {
  if (!planstoneMayMatch(filter)) return null;
  if (filter.conference && filter.conference.sourceId !== scope.conferenceId) return null;
  const trackName = filter.track ? planstoneOwnId(filter.track.sourceId, scope) : undefined;
  const speakerPid = filter.speakerPid !== undefined ? planstoneOwnId(filter.speakerPid, scope) : undefined;
  const room = filter.location ? planstoneRoomOf(filter.location.sourceId) : undefined;
  if (trackName === null || speakerPid === null || room === null || (room && room.conferenceId !== scope.conferenceId)) return null;
  return {
    ...omitNulls({
      trackName,
      importId: filter.importId,
      published: filter.published,
      speakerPid,
      roomId: room?.roomId,
      roomName: room?.roomName,
      search: filter.search,
      ids: filter.ids && filter.ids.flatMap((id) => (id.provider === 'planstone' ? (planstoneOwnId(id.sourceId, scope) ?? []) : [])),
    }),
    window: filter.day !== undefined ? windowOnDay(filter.window, filter.day, scope.timeZone) : isWindowEmpty(filter.window) ? undefined : filter.window,
  };
}
