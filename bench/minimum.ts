import type { BenchData } from './providerData.js';

// The fewest upstream calls each scenario needs, computed from the providers' data. The
// rules (docs/performance.md explains them):
// - Guidebook lists come in server-sized pages P; a by-id GET costs one call. Reading k
//   objects costs min(k GETs, the pages that hold them).
// - A merged page of n sessions must read, from Guidebook, the items it shows plus one more
//   (to know the next one sorts later): the pages covering them.
// - Planstone's feed cannot be sorted by the real start instant (local 12-hour strings),
//   so any start-time order needs every page of it.
// - Planstone speakers batch as `pid $in [...]`, 100 per call.

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
    pages(shown.speakers, 100)
  );
}

export function minimumSchedules(data: BenchData): number {
  const mine = data.schedules.filter((s) => s.attendees.includes(data.attendeeId));
  const idsPerGuide = new Map<number, Set<number>>();
  for (const s of mine) {
    const set = idsPerGuide.get(s.guide) ?? new Set<number>();
    for (const id of s.sessions) set.add(id);
    idsPerGuide.set(s.guide, set);
  }
  let sessionCalls = 0;
  for (const [guide, ids] of idsPerGuide) sessionCalls += Math.min(ids.size, pages(data.sessionsPerGuide.get(guide) ?? 0, data.guidebookPageSize));
  return Math.max(1, pages(mine.length, data.guidebookPageSize)) + sessionCalls;
}

export const minimumClientSessions = (): number => 1;

/** A walk to the end of the merged sessions: every page of both sources, once. */
export function minimumWalk(data: BenchData): number {
  return pages(data.guidebookSessions, data.guidebookPageSize) + pages(data.planstoneSessions, data.planstonePageSize);
}
