import type { LoggedRequest } from '@sessions-gateway/emulators/kit/requestLog.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf } from '../support/paging.js';
import { guidebookPageSize, readProviderData, type ProviderData } from '../support/providerData.js';

// Round trips, read from the emulators' request logs with the shared cache off: calls that
// all arrived before any of them was answered were sent together, in one round trip;
// a call that waited for another's answer arrives after it. The emulators answer after a
// fixed latency so that a round trip cannot be mistaken for the gateway being slow.

const LATENCY_MS = 150;

let harness: Harness;
let data: ProviderData;
let pageSize: number;

beforeAll(async () => {
  harness = await startHarness({ env: NO_CACHE_ENV });
  data = await readProviderData(harness);
  pageSize = await guidebookPageSize(harness);
  for (const emulator of [harness.emulators.guidebook, harness.emulators.planstone]) emulator.setLatency({ fixedMs: LATENCY_MS, jitterMs: 0 });
});
afterAll(() => harness?.close());
beforeEach(() => harness.resetLogs());

const calls = (): LoggedRequest[] => [...harness.emulators.guidebook.log.entries(), ...harness.emulators.planstone.log.entries()];

/** Whether every call arrived before the first answer left: one round trip. */
function inOneRound(entries: readonly LoggedRequest[]): boolean {
  const firstAnswer = Math.min(...entries.map((e) => e.answeredAtMs ?? Number.POSITIVE_INFINITY));
  return entries.every((e) => e.receivedAtMs < firstAnswer);
}

const HOME = `{ sessions(first: 50) { edges { node { id name startTime tracks { name } speakers { role } } } } }`;

describe('upstream round trips of a read (cache off)', () => {
  it('a home page read before sends all its calls at once, and no more calls than the first time', async () => {
    dataOf(await harness.query(HOME)); // learns the lists' layouts
    const first = calls();
    // The first read could not know the page layouts: it waited for page 1 of each list.
    expect(inOneRound(first)).toBe(false);

    harness.resetLogs();
    dataOf(await harness.query(HOME));
    const again = calls();
    expect(inOneRound(again)).toBe(true);
    expect(again.map((e) => e.url).sort()).toEqual(first.map((e) => e.url).sort());
    // The track list is asked for in pages of GUIDEBOOK_WINDOW_PAGE_SIZE, not the server's own size.
    expect(again.filter((e) => e.route === '/schedule-tracks/')).toHaveLength(
      Math.ceil(data.guidebook.tracks.length / harness.config.guidebook!.windowPageSize!),
    );
  });

  it('reads the track list only when the operation asks for tracks', async () => {
    dataOf(await harness.query(`{ sessions(first: 50) { edges { node { id name } } } }`));
    expect(calls().filter((e) => e.route === '/schedule-tracks/')).toHaveLength(0);
    expect(calls().length).toBeGreaterThan(0);
  });

  /** Attendees whose schedule entries in one guide compare with that guide's session pages as `wanted` says. */
  function attendeesWhoseSessions(wanted: (ids: number, pages: number) => boolean): number[] {
    const sessionsPerGuide = new Map<number, number>();
    for (const s of data.guidebook.sessions) sessionsPerGuide.set(s.guide, (sessionsPerGuide.get(s.guide) ?? 0) + 1);
    return data.guidebook.attendees.flatMap((attendee) => {
      const mine = data.guidebook.schedules.filter((s) => s.attendees.includes(attendee.id));
      const byGuide = new Map<number, Set<number>>();
      for (const s of mine) for (const id of s.sessions) byGuide.set(s.guide, (byGuide.get(s.guide) ?? new Set()).add(id));
      return byGuide.size === 1 && [...byGuide].every(([guide, ids]) => wanted(ids.size, Math.ceil((sessionsPerGuide.get(guide) ?? 0) / pageSize)))
        ? [attendee.id]
        : [];
    });
  }

  it.each([
    ['more schedule entries than the guide has session pages', (ids: number, pages: number) => ids > pages],
    ['as many schedule entries as the guide has session pages', (ids: number, pages: number) => ids === pages],
  ])("an attendee's schedules, %s: the guide's session pages go out at once, after the schedules", async (_case, wanted) => {
    const candidates = attendeesWhoseSessions(wanted);
    expect(candidates.length).toBeGreaterThan(0);
    const doc = `query($id: ID!) { personalizedSchedules(first: 20, filter: { attendeeId: $id }) { edges { node { sessions(first: 100) { edges { node { id } } } } } } }`;
    const variables = { id: toGlobalId('Attendee', 'guidebook', String(candidates[0])) };
    dataOf(await harness.query(doc, variables));
    const first = calls();

    harness.resetLogs();
    dataOf(await harness.query(doc, variables));
    const again = calls();
    const sessionPages = again.filter((e) => e.route === '/sessions/');
    expect(sessionPages.length).toBeGreaterThan(1);
    expect(inOneRound(sessionPages)).toBe(true);
    expect(again.length).toBeLessThanOrEqual(first.length);
  });
});
