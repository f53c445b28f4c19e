import {
  htmlToSearchText,
  isWindowEmpty,
  searchHaystack,
  sessionInWindow,
  textsContainAllWords,
  type SessionModel,
  type SessionWindow,
} from '../../models/index.js';

/** Which Planstone sessions to return. Every field given must hold (see matchesPlanstoneFilter). */
export interface PlanstoneSessionFilter {
  importId?: string;
  published?: boolean;
  trackName?: string;
  /** A person with an engagement in the session. */
  speakerPid?: string;
  /** Start and effective end as SessionWindow says (bounds as instants). */
  window?: SessionWindow;
  /** A room by the feed's `roomid`. */
  roomId?: string;
  /** A room without a `roomid`, by its name. */
  roomName?: string;
  /** Words (searchWords) that must each occur in the name, description, speaker, track or room names. */
  search?: readonly string[];
  /** Only these sessions (their own ids: `schedid`, else `_id`; `SessionFilter.ids`). */
  ids?: readonly string[];
}

/** Whether the filter needs the session's description: then a list read (without it) is not enough. */
export function filterNeedsDetails(filter: PlanstoneSessionFilter): boolean {
  return filter.search !== undefined && filter.search.length > 0;
}

/**
 * Whether `session` satisfies every field of `filter`: the one rule for Planstone, whether
 * the feed was asked with a `where` or not (a pushed-down read must answer exactly these).
 * `search` reads `descriptionHtml`: the session must come from a whole read (filterNeedsDetails).
 */
export function matchesPlanstoneFilter(session: SessionModel, filter: PlanstoneSessionFilter): boolean {
  if (filter.ids !== undefined && !filter.ids.includes(session.sourceId)) return false;
  if (filter.importId !== undefined && session.importId !== filter.importId) return false;
  if (filter.published !== undefined && (session.published ?? false) !== filter.published) return false;
  if (filter.trackName !== undefined && !session.tracks.some((t) => t.kind === 'inline' && t.track.name === filter.trackName)) return false;
  if (filter.speakerPid !== undefined && !session.speakers.some((e) => e.personId === filter.speakerPid)) return false;
  if (filter.window && !isWindowEmpty(filter.window) && !sessionInWindow(session, filter.window)) return false;
  if (filter.roomId !== undefined && !session.locations.some((l) => l.kind === 'inline' && l.location.sourceId === filter.roomId)) return false;
  if (
    filter.roomName !== undefined &&
    !session.locations.some((l) => l.kind === 'inline' && l.location.sourceId === null && l.location.name === filter.roomName)
  ) {
    return false;
  }
  if (filter.search && filter.search.length > 0 && !textsContainAllWords(haystackOf(session), filter.search)) return false;
  return true;
}

// A Planstone session's texts are all its own (no names looked up elsewhere), and its model
// lives as long as the cached page it was mapped from: fold them once per model, not per search.
const haystacks = new WeakMap<SessionModel, string>();

function haystackOf(session: SessionModel): string {
  let haystack = haystacks.get(session);
  if (haystack === undefined) haystacks.set(session, (haystack = searchHaystack(searchTexts(session))));
  return haystack;
}

function searchTexts(session: SessionModel): Array<string | null> {
  return [
    session.name,
    session.descriptionHtml === null ? null : htmlToSearchText(session.descriptionHtml),
    ...session.speakers.map((e) => e.displayName),
    ...session.tracks.map((t) => (t.kind === 'inline' ? t.track.name : null)),
    ...session.locations.map((l) => (l.kind === 'inline' ? l.location.name : null)),
  ];
}
