import { htmlToSearchText, isWindowEmpty, sessionInWindow, textsContainAllWords, type SessionModel, type SessionWindow } from '../../models/index.js';

/** Which Guidebook sessions to return. Every field given must hold (see matchesGuidebookFilter). */
export interface GuidebookSessionFilter {
  guideId?: string;
  trackId?: string;
  importId?: string;
  /** Start and effective end as SessionWindow says (bounds as instants), for every guide. */
  window?: SessionWindow;
  /**
   * Per guide id, a window its sessions must also be in (a local day in each guide's own
   * time zone); a session of a guide not listed matches nothing.
   */
  windowByGuide?: Readonly<Record<string, SessionWindow>>;
  /** A location (room) id among the session's `locations`. */
  locationId?: string;
  /** Words (searchWords) that must each occur in the name, description, track or location names. */
  search?: readonly string[];
  /** Only these sessions (ids; `SessionFilter.ids`). */
  ids?: readonly string[];
}

/** Names of the guides' schedule tracks and locations by id, for `search`. */
export interface GuidebookNames {
  track(id: string): string | undefined;
  location(id: string): string | undefined;
}

/** The filter without what Guidebook's list query already applied (see isUpstreamFilter). */
export function withoutUpstreamFields({ guideId: _guide, trackId: _track, importId: _import, ...rest }: GuidebookSessionFilter): GuidebookSessionFilter {
  return rest;
}

/** Whether Guidebook itself can answer the filter (guide, track and import id are its list filters). */
export function isUpstreamFilter(filter: GuidebookSessionFilter): boolean {
  return (
    (filter.window === undefined || isWindowEmpty(filter.window)) &&
    !filter.windowByGuide &&
    filter.locationId === undefined &&
    !filter.search?.length &&
    filter.ids === undefined
  );
}

/**
 * Whether `session` satisfies every field of `filter`: the one rule for Guidebook, whether
 * the list was filtered upstream, read page by page or in memory (a pushed-down read must
 * answer exactly these). `names` is needed when the filter has a search.
 */
export function matchesGuidebookFilter(session: SessionModel, filter: GuidebookSessionFilter, names?: GuidebookNames): boolean {
  if (filter.ids !== undefined && !filter.ids.includes(session.sourceId)) return false;
  if (filter.guideId !== undefined && session.guideId !== filter.guideId) return false;
  if (filter.trackId !== undefined && !session.tracks.some((t) => t.kind === 'guidebook' && t.id === filter.trackId)) return false;
  // As Guidebook's `import_id` filter reads its value: trimmed, and blank means no filter.
  const importId = filter.importId?.trim();
  if (importId && session.importId !== importId) return false;
  if (filter.window && !isWindowEmpty(filter.window) && !sessionInWindow(session, filter.window)) return false;
  if (filter.windowByGuide) {
    const own = session.guideId === null ? undefined : filter.windowByGuide[session.guideId];
    if (!own || !sessionInWindow(session, own)) return false;
  }
  if (filter.locationId !== undefined && !session.locations.some((l) => l.kind === 'guidebook' && l.id === filter.locationId)) return false;
  if (filter.search?.length) {
    if (!names) throw new Error('matchesGuidebookFilter: a search needs the track and location names');
    if (!textsContainAllWords(searchTexts(session, names), filter.search)) return false;
  }
  return true;
}

function searchTexts(session: SessionModel, names: GuidebookNames): Array<string | null | undefined> {
  return [
    session.name,
    session.descriptionHtml === null ? null : htmlToSearchText(session.descriptionHtml),
    ...session.tracks.map((t) => (t.kind === 'guidebook' ? names.track(t.id) : t.track.name)),
    ...session.locations.map((l) => (l.kind === 'guidebook' ? names.location(l.id) : l.location.name)),
  ];
}

/**
 * A window every session `filter` accepts lies in, for reading only the pages that can hold
 * them: the filter's own `window`, else the union of its per-guide windows (the bounds all of
 * them have, the widest of each). Undefined when the filter sets no time bound.
 */
export function boundingWindow(filter: GuidebookSessionFilter): SessionWindow | undefined {
  if (filter.window && !isWindowEmpty(filter.window)) return filter.window;
  const windows = Object.values(filter.windowByGuide ?? {});
  if (windows.length === 0) return undefined;
  const widest = (key: keyof SessionWindow, pick: (a: number, b: number) => number): Date | undefined => {
    if (!windows.every((w) => w[key])) return undefined;
    return new Date(windows.map((w) => w[key]!.getTime()).reduce((a, b) => pick(a, b)));
  };
  const union: SessionWindow = {
    startsAfter: widest('startsAfter', Math.min),
    startsBefore: widest('startsBefore', Math.max),
    endsAfter: widest('endsAfter', Math.min),
    endsBefore: widest('endsBefore', Math.max),
  };
  return isWindowEmpty(union) ? undefined : union;
}
