import type { LoggedRequest } from '@sessions-gateway/emulators/kit/requestLog.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf } from '../support/paging.js';
import { upstreamRounds } from '../support/upstreamRounds.js';

// Issue 21 item 3: misses in the fewest rounds. The feed here pages by 10 (Eve's
// PAGINATION_LIMIT set to 10: `max_results=100` is clamped silently and `_meta.max_results`
// says so), the shared cache is off so every operation goes upstream, and the emulators
// answer after a fixed latency so that rounds can be read from their logs (upstreamRounds).

const LATENCY_MS = 100;
const FEED_PAGE = 10;

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ env: NO_CACHE_ENV, emulators: { planstone: { paginationLimit: FEED_PAGE } } });
  for (const emulator of [harness.emulators.guidebook, harness.emulators.planstone]) emulator.setLatency({ fixedMs: LATENCY_MS, jitterMs: 0 });
});
afterAll(() => harness?.close());
beforeEach(() => harness.resetLogs());

const calls = (): LoggedRequest[] => [...harness.emulators.guidebook.log.entries(), ...harness.emulators.planstone.log.entries()];
const speakerCalls = (entries: readonly LoggedRequest[]) => entries.filter((e) => e.route === '/speakers');
/** The pids a speaker look-up asked for (its `where`'s `pid.$in`). */
const pidsAsked = (call: LoggedRequest) => (JSON.parse(new URL(call.url, 'http://feed').searchParams.get('where')!) as { pid: { $in: string[] } }).pid.$in;

const PLANSTONE_WITH_SPEAKERS = `{ sessions(first: 50, filter: { sources: [PLANSTONE] }) {
  edges { node { id name startTime speakers { role speaker { id displayName } } } } } }`;

describe('a feed that pages by 10 (cache off)', () => {
  it('regression: a speaker batch of n pids asks for all its ⌈n/10⌉ pages at once, not page 2 after page 1 (sessions + speakers: 2 rounds, the minimum)', async () => {
    // The first read learns the page size from the feed's answers (`_meta.max_results`).
    const cold = await harness.query(PLANSTONE_WITH_SPEAKERS);
    expect(cold.errors).toBeUndefined();
    const coldCalls = calls();

    harness.resetLogs();
    const again = await harness.query(PLANSTONE_WITH_SPEAKERS);
    expect(again).toEqual(cold);
    const entries = calls();
    const rounds = upstreamRounds(entries);
    // Round 1: the sessions pages; round 2: every page of the speaker batch. Before the fix,
    // page 1 of the batch came back with 10 of its speakers and the rest were asked after it.
    expect(rounds.map((round) => round.map((e) => e.route))).toEqual([expect.arrayContaining(['/sessions']), expect.arrayContaining(['/speakers'])]);
    expect(rounds[0]!.every((e) => e.route === '/sessions')).toBe(true);
    expect(rounds[1]!.every((e) => e.route === '/speakers')).toBe(true);
    const speakers = speakerCalls(entries);
    const pids = new Set(pidsAsked(speakers[0]!));
    expect(pids.size).toBeGreaterThan(FEED_PAGE);
    // One batch: every page asks for the same pids; its pages, each once, no more than n/10.
    expect(speakers.every((e) => new Set(pidsAsked(e)).size === pids.size)).toBe(true);
    const pages = speakers.map((e) => Number(new URL(e.url, 'http://feed').searchParams.get('page') ?? '1')).sort((a, b) => a - b);
    expect(pages).toEqual(Array.from({ length: pages.length }, (_, i) => i + 1));
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(pids.size / FEED_PAGE));
    // No more calls than the first read made.
    expect(entries.length).toBeLessThanOrEqual(coldCalls.length);
  });

  it('the first read ever learns the page size from the sessions pages: its speaker batch too goes out in one round', async () => {
    const fresh = await startHarness({ emulatorSet: harness.emulators, env: NO_CACHE_ENV });
    try {
      const answer = await fresh.query(PLANSTONE_WITH_SPEAKERS);
      expect(answer.errors).toBeUndefined();
      const rounds = upstreamRounds(calls());
      const speakerRounds = rounds.filter((round) => round.some((e) => e.route === '/speakers'));
      expect(speakerRounds).toHaveLength(1);
      expect(speakerCalls(calls()).length).toBeGreaterThan(1);
      // The speakers need the sessions: their round is the last.
      expect(rounds.at(-1)).toBe(speakerRounds[0]);
    } finally {
      await fresh.close();
    }
  });

  it('the merged home page read before: its feed pages go out together with page 1 (one round for the sessions)', async () => {
    const doc = `{ sessions(first: 50, filter: { sources: [PLANSTONE] }) { edges { node { id name } } } }`;
    dataOf(await harness.query(doc));
    const first = calls().length;
    harness.resetLogs();
    dataOf(await harness.query(doc));
    const entries = calls();
    expect(entries.length).toBeGreaterThan(1);
    expect(upstreamRounds(entries)).toHaveLength(1);
    expect(entries.length).toBeLessThanOrEqual(first);
  });
});

describe('fields the loaded objects answer cost no request', () => {
  const GUIDEBOOK = (selection: string) => `{ sessions(first: 30, filter: { sources: [GUIDEBOOK] }) { edges { node { id ${selection} } } } }`;
  type Node = {
    id: string;
    guide: { id: string; sourceId?: string; name?: string } | null;
    tracks: Array<{ id: string; sourceId: string; name?: string }> | null;
  };

  it('guide { id } and tracks { id sourceId } on Guidebook sessions: no guides/ or schedule-tracks/ request, the same ids a full read gives', async () => {
    const full = dataOf(
      await harness.query<{ sessions: { edges: Array<{ node: Node }> } }>(GUIDEBOOK('guide { id sourceId name } tracks { id sourceId name }')),
    );
    expect(harness.emulators.guidebook.log.count({ route: '/guides/' })).toBeGreaterThan(0);
    expect(harness.emulators.guidebook.log.count({ route: '/schedule-tracks/' })).toBeGreaterThan(0);

    harness.resetLogs();
    const light = dataOf(
      await harness.query<{ sessions: { edges: Array<{ node: Node }> } }>(GUIDEBOOK('guide { __typename id sourceId } tracks { id sourceId }')),
    );
    expect(harness.emulators.guidebook.log.count({ route: '/guides/' })).toBe(0);
    expect(harness.emulators.guidebook.log.count({ route: '/schedule-tracks/' })).toBe(0);
    expect(harness.emulators.guidebook.log.count()).toBeGreaterThan(0);
    const ids = (nodes: Node[]) =>
      nodes.map((n) => ({
        id: n.id,
        guide: n.guide && { id: n.guide.id, sourceId: n.guide.sourceId },
        tracks: (n.tracks ?? []).map((t) => ({ id: t.id, sourceId: t.sourceId })),
      }));
    expect(ids(light.sessions.edges.map((e) => e.node))).toEqual(ids(full.sessions.edges.map((e) => e.node)));
    expect(light.sessions.edges.every((e) => e.node.guide !== null)).toBe(true);
    expect(light.sessions.edges.some((e) => (e.node.tracks ?? []).length > 0)).toBe(true);
  });

  it('asking one more field of the guide or the tracks reads them as before', async () => {
    dataOf(await harness.query(GUIDEBOOK('guide { id name } tracks { id }')));
    expect(harness.emulators.guidebook.log.count({ route: '/guides/' })).toBeGreaterThan(0);
    expect(harness.emulators.guidebook.log.count({ route: '/schedule-tracks/' })).toBe(0);
    harness.resetLogs();
    dataOf(await harness.query(GUIDEBOOK('guide { id } tracks { id name }')));
    expect(harness.emulators.guidebook.log.count({ route: '/guides/' })).toBe(0);
    expect(harness.emulators.guidebook.log.count({ route: '/schedule-tracks/' })).toBeGreaterThan(0);
  });

  it('personalizedSchedules { guide { id } } reads no guide', async () => {
    dataOf(await harness.query(`{ personalizedSchedules(first: 5) { edges { node { id guide { id } } } } }`));
    expect(harness.emulators.guidebook.log.count({ route: '/guides/' })).toBe(0);
    expect(harness.emulators.guidebook.log.count()).toBeGreaterThan(0);
  });
});
