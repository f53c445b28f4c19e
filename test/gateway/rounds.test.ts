import type { LoggedRequest } from '@sessions-gateway/emulators/kit/requestLog.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf } from '../support/paging.js';
import { readProviderData, type ProviderData } from '../support/providerData.js';

// Round trips, read from the emulators' request logs with the shared cache off: calls that
// all arrived before any of them was answered were sent together, in one round trip;
// a call that waited for another's answer arrives after it. The emulators answer after a
// fixed latency so that a round trip cannot be mistaken for the gateway being slow.

const LATENCY_MS = 150;

let harness: Harness;
let data: ProviderData;

beforeAll(async () => {
  harness = await startHarness({ env: NO_CACHE_ENV });
  data = await readProviderData(harness);
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

  /** Attendees whose schedules are all in one guide and list more than a handful of its sessions (so its list is read, not each by id). */
  function attendeesOfOneGuide(): number[] {
    return data.guidebook.attendees.flatMap((attendee) => {
      const mine = data.guidebook.schedules.filter((s) => s.attendees.includes(attendee.id));
      const byGuide = new Map<number, Set<number>>();
      for (const s of mine) for (const id of s.sessions) byGuide.set(s.guide, (byGuide.get(s.guide) ?? new Set()).add(id));
      return byGuide.size === 1 && [...byGuide.values()][0]!.size > 3 ? [attendee.id] : [];
    });
  }

  it("an attendee's schedules with their sessions: the guide's session list in pages of GUIDEBOOK_WINDOW_PAGE_SIZE after the schedules; read again, along with them in one round (issue 21, scenario b), and exactly the schedules' sessions", async () => {
    const candidates = attendeesOfOneGuide();
    expect(candidates.length).toBeGreaterThan(0);
    const attendee = candidates[0]!;
    const doc = `query($id: ID!) { personalizedSchedules(first: 20, filter: { attendeeId: $id }) { edges { node { sourceId sessions(first: 100) { totalCount edges { node { sourceId } } } } } } }`;
    type Answer = {
      personalizedSchedules: { edges: Array<{ node: { sourceId: string; sessions: { totalCount: number; edges: Array<{ node: { sourceId: string } }> } } }> };
    };
    const variables = { id: toGlobalId('Attendee', 'guidebook', String(attendee)) };
    const mine = data.guidebook.schedules.filter((s) => s.attendees.includes(attendee));
    const guide = mine[0]!.guide;
    const guideSessions = data.guidebook.sessions.filter((s) => s.guide === guide);
    const known = new Set(data.guidebook.sessions.map((s) => s.id));
    const expectSchedulesSessions = (answer: Answer) => {
      const edges = answer.personalizedSchedules.edges;
      expect(edges.map((e) => Number(e.node.sourceId)).sort((a, b) => a - b)).toEqual(mine.map((s) => s.id).sort((a, b) => a - b));
      for (const { node } of edges) {
        const schedule = mine.find((s) => String(s.id) === node.sourceId)!;
        const listed = [...new Set(schedule.sessions)].filter((id) => known.has(id)).sort((a, b) => a - b);
        expect(node.sessions.edges.map((e) => Number(e.node.sourceId)).sort((a, b) => a - b)).toEqual(listed);
        expect(node.sessions.totalCount).toBe(listed.length);
      }
    };

    expectSchedulesSessions(dataOf(await harness.query<Answer>(doc, variables)));
    const first = calls();
    const pages = Math.ceil(guideSessions.length / harness.config.guidebook!.windowPageSize!);
    expect(first.filter((e) => e.route === '/sessions/')).toHaveLength(pages);
    expect(first.filter((e) => e.route === '/sessions/:id/')).toHaveLength(0);
    // Never read before: the guide was known only from the schedules' answer.
    expect(inOneRound(first)).toBe(false);

    harness.resetLogs();
    expectSchedulesSessions(dataOf(await harness.query<Answer>(doc, variables)));
    const again = calls();
    expect(again.map((e) => e.route).sort()).toEqual(['/personalized-schedules/', ...Array<string>(pages).fill('/sessions/')].sort());
    expect(inOneRound(again)).toBe(pages === 1);
  });
});
