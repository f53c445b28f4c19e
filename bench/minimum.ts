import type { BenchData } from './providerData.js';

// The fewest upstream calls each scenario needs, computed from the providers' data. The
// rules (docs/performance.md explains them):
// - Guidebook lists come in server-sized pages P; a by-id GET costs one call. Reading k
//   objects costs min(k GETs, the pages that hold them).
// - A merged page of n sessions must read, from Guidebook, the items it shows plus one more
//   (to know the next one sorts later): the pages covering them.
// - Planstone's feed cannot be sorted by the real start instant (local 12-hour strings),
//   so any start-time order needs every page of it.
// - Planstone speakers batch as `pid $in [...]`, one page of the feed's page size per call.
//
// Rounds: the fewest dependent waves of calls, once the page sizes and totals of the lists
// are known (a first read ever must ask page 1 first): calls that need no answer of another
// go out together; a look-up that needs ids from another answer (speakers by pid, a
// schedule's sessions) is one more round.

const pages = (items: number, size: number) => (items <= 0 ? 0 : Math.ceil(items / Math.max(1, size)));

export interface HomeShown {
  /** Guidebook sessions on the page. */
  guidebookSessions: number;
  /** Distinct Guidebook tracks they list. */
  guidebookTracks: number;
  /** Distinct Planstone speakers on the page. */
  speakers: number;
}

export function minimumHome(data: BenchData, shown: HomeShown): number {
  const P = data.guidebookPageSize;
  const guidebookItems = Math.min(data.guidebookSessions, shown.guidebookSessions + 1);
  return (
    pages(guidebookItems, P) +
    pages(data.planstoneSessions, data.planstonePageSize) +
    Math.min(shown.guidebookTracks, pages(data.guidebookTracks, P)) +
    pages(shown.speakers, data.planstonePageSize)
  );
}

/**
 * Rounds of a single-operation scenario (see the rules above): the speakers of (a) and (i)
 * and the sessions of (b)'s schedules need ids from an earlier answer; (a) needs that second
 * round only when its page shows Planstone speakers. (d), a walk, costs one per page.
 */
export function minimumRounds(scenario: 'a' | 'b' | 'c' | 'i' | 'j', shown?: HomeShown): number {
  switch (scenario) {
    case 'a':
      return (shown?.speakers ?? 1) > 0 ? 2 : 1;
    case 'b':
    case 'i':
      return 2;
    case 'c':
    case 'j':
      return 1;
  }
}

/**
 * (i) `sessions(first: n)` of the feed with the speakers shown: the feed pages sorted by
 * `startDate` up to the one that shows a later date than the n-th (+1, for `hasNextPage`)
 * dated session's — only then are that date's sessions all read and can be put in start
 * order — and the speakers' pages.
 */
export function minimumPlanstoneSpeakers(data: BenchData, first: number, speakersShown: number): number {
  const dates = data.planstoneDates;
  const undated = dates.filter((d) => d === '').length;
  const wanted = Math.min(dates.length, undated + first + 1);
  const lastDate = dates[wanted - 1] ?? '';
  const later = dates.findIndex((d, i) => i >= wanted && d > lastDate);
  const sessionPages = later === -1 ? pages(dates.length, data.planstonePageSize) : Math.floor(later / data.planstonePageSize) + 1;
  return sessionPages + pages(speakersShown, data.planstonePageSize);
}

/** (j) Guidebook `sessions(first: n)` with track names: the pages of n + 1 sessions, and the track pages (or one GET per track shown, if fewer). */
export function minimumGuidebookTracks(data: BenchData, first: number, tracksShown: number): number {
  const P = data.guidebookPageSize;
  return pages(Math.min(data.guidebookSessions, first + 1), P) + Math.min(tracksShown, pages(data.guidebookTracks, P));
}

/**
 * (b) The attendee's schedules (server pages), then per guide the fewer of one GET per
 * session id and the guide's session list — read whole in pages of `listPageSize` (the
 * gateway's GUIDEBOOK_WINDOW_PAGE_SIZE, which the emulator honours; DRF's cap is 500).
 */
export function minimumSchedules(data: BenchData, listPageSize = 500): number {
  const mine = data.schedules.filter((s) => s.attendees.includes(data.attendeeId));
  const idsPerGuide = new Map<number, Set<number>>();
  for (const s of mine) {
    const set = idsPerGuide.get(s.guide) ?? new Set<number>();
    for (const id of s.sessions) set.add(id);
    idsPerGuide.set(s.guide, set);
  }
  let sessionCalls = 0;
  for (const [guide, ids] of idsPerGuide)
    sessionCalls += Math.min(ids.size, pages(data.sessionsPerGuide.get(guide) ?? 0, Math.max(data.guidebookPageSize, listPageSize)));
  return Math.max(1, pages(mine.length, data.guidebookPageSize)) + sessionCalls;
}

export const minimumClientSessions = (): number => 1;

/** A walk to the end of the merged sessions: every page of both sources, once. */
export function minimumWalk(data: BenchData): number {
  return pages(data.guidebookSessions, data.guidebookPageSize) + pages(data.planstoneSessions, data.planstonePageSize);
}

// Schedule scenarios (e)–(h). Rules, in addition to the ones above:
// - Guidebook: a filtered window of a list in `ordering=start_time` order costs at least the
//   pages that hold the sessions it shows, plus the page after the last one when there are
//   more (positions taken as known: a lower bound; finding them costs more on a cold cache).
//   A `day` filter needs the guide's time zone: one guides call.
// - Planstone: `where` can select exactly a time filter's sessions (`startDate`, and `$in`
//   lists of the `rstartmins`/`rendmins` minute strings), but the feed cannot order by the
//   instant (those are strings, compared by code point), so a page in start order needs every
//   matching session: the pages of all of them, at least one call per connection asked. A
//   search matches text the feed cannot search (accents, several fields): every page.

export interface ShownConnection {
  /** Guidebook session ids shown, in order. */
  guidebookIds: number[];
  hasNextPage: boolean;
}

export interface ScheduleShown {
  connections: ShownConnection[];
  /** Distinct Guidebook track ids and Planstone speaker ids the operation shows. */
  guidebookTracks: number;
  planstoneSpeakers: number;
}

export interface ScheduleMinimumInput {
  /** The Guidebook list the connections page through (ids in start-time order), if Guidebook is asked. */
  guidebookOrder?: number[];
  guidebookPageSize: number;
  guidebookTracksTotal: number;
  /** Whether the filter needs the guide's time zone (`day`). */
  needsGuideTimeZone: boolean;
  /** Per Planstone connection (or conference) asked: the sessions its filter matches. */
  planstoneSessions: number[];
  planstonePageSize: number;
  shown: ScheduleShown;
}

export interface ProviderCalls {
  guidebook: number;
  planstone: number;
}

export function minimumSchedule(input: ScheduleMinimumInput): ProviderCalls {
  let guidebook = 0;
  if (input.guidebookOrder) {
    const P = Math.max(1, input.guidebookPageSize);
    const position = new Map(input.guidebookOrder.map((id, i) => [id, i]));
    const read = new Set<number>();
    for (const connection of input.shown.connections) {
      const at = connection.guidebookIds.map((id) => position.get(id)).filter((i): i is number => i !== undefined);
      for (const i of at) read.add(Math.floor(i / P));
      const last = Math.max(-1, ...at);
      if (connection.hasNextPage && last >= 0 && last + 1 < input.guidebookOrder.length) read.add(Math.floor((last + 1) / P));
    }
    guidebook = Math.max(1, read.size);
    guidebook += Math.min(input.shown.guidebookTracks, pages(input.guidebookTracksTotal, P));
    if (input.needsGuideTimeZone) guidebook += 1;
  }
  let planstone = 0;
  for (const sessions of input.planstoneSessions) planstone += Math.max(1, pages(sessions, input.planstonePageSize));
  if (input.planstoneSessions.length > 0) planstone += pages(input.shown.planstoneSpeakers, 100);
  return { guidebook, planstone };
}
