import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf, expectUnique, walkBackward, walkForward } from '../support/paging.js';
import { planstoneDayPages, readProviderData, refSessions, sortSessions, type ProviderData, type RefSession } from '../support/providerData.js';
import { keysOf, refKeys, sessionPages } from '../support/sessionQueries.js';

// The unfiltered merged list (Query.sessions, start-time order) reads only the days of the
// Planstone feed its page needs — the feed sorted by startDate on the server, read until the
// day after the page's last session (src/datasources/planstone/dayOrderedSource.ts) — and
// stays exact in both directions. Expectations from the emulators' own data.

let cached: Harness;
let uncached: Harness;
let data: ProviderData;
let expected: RefSession[];

const planstoneCalls = (harness: Harness) => harness.emulators.planstone.log.entries().filter((e) => e.route === '/sessions');
const pagesOf = () => Math.ceil(data.planstone.sessions.length / 100);

beforeAll(async () => {
  [cached, uncached] = await Promise.all([startHarness(), startHarness({ env: NO_CACHE_ENV })]);
  data = await readProviderData(cached);
  expected = sortSessions(refSessions(data));
  cached.resetLogs();
  uncached.resetLogs();
}, 60_000);
afterAll(() => Promise.all([cached?.close(), uncached?.close()]));

describe('the merged list reads only the Planstone days a page needs', () => {
  it('first: 20 (cold): the first day(s) of the feed, sorted by startDate on the server; exactly the first 20 sessions', async () => {
    const page = await sessionPages(cached)({ first: 20 });
    expect(keysOf(page.edges.map((e) => e.node))).toEqual(refKeys(expected.slice(0, 20)));
    expect(page.totalCount).toBe(expected.length);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const calls = planstoneCalls(cached);
    expect(calls).toHaveLength(planstoneDayPages(data, expected.slice(0, 20).filter((s) => s.source === 'PLANSTONE').length));
    expect(calls.length).toBeLessThan(pagesOf());
    for (const call of calls) expect(new URL(call.url, 'http://feed').searchParams.get('sort')).toBe('startDate,schedid');

    // Warm: no call.
    cached.resetLogs();
    await sessionPages(cached)({ first: 20 });
    expect(cached.upstreamCalls().total).toBe(0);
  });

  it('last: 20 from the end: the feed read from its last day backwards, not whole; exactly the last 20 sessions', async () => {
    cached.resetLogs();
    const page = await sessionPages(cached)({ last: 20 });
    expect(keysOf(page.edges.map((e) => e.node))).toEqual(refKeys(expected.slice(-20)));
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    expect(page.pageInfo.hasNextPage).toBe(false);
    const calls = planstoneCalls(cached);
    expect(calls.length).toBeLessThan(pagesOf());
    for (const call of calls) expect(new URL(call.url, 'http://feed').searchParams.get('sort')).toMatch(/^-?startDate,-?schedid$/);
  });

  it('Planstone alone: sessions(first: 20) costs the first day pages too', async () => {
    uncached.resetLogs();
    const answer = dataOf(
      await uncached.query<{ sessions: { edges: Array<{ node: { sourceId: string } }> } }>(
        '{ sessions(first: 20, filter: { sources: [PLANSTONE] }) { edges { node { sourceId } } } }',
      ),
    );
    const planstone = expected.filter((s) => s.source === 'PLANSTONE');
    expect(answer.sessions.edges.map((e) => e.node.sourceId)).toEqual(planstone.slice(0, 20).map((s) => s.sourceId));
    expect(planstoneCalls(uncached)).toHaveLength(planstoneDayPages(data, 20));
  });
});

describe('paging stays exact in both directions (cache off: every page reads its days again)', () => {
  for (const size of [33, 100]) {
    it(`forward and backward walks with ${size} a page equal the providers' order`, async () => {
      const forward = await walkForward(sessionPages(uncached), size);
      expectUnique(forward.nodes, (n) => n.id);
      expect(keysOf(forward.nodes)).toEqual(refKeys(expected));
      const backward = await walkBackward(sessionPages(uncached), size);
      expect(keysOf(backward.nodes)).toEqual(refKeys(expected));
      // From the middle, backward: the cursors of a forward walk resume exactly.
      const middle = Math.floor(forward.cursors.length / 2);
      const before = await sessionPages(uncached)({ last: size, before: forward.cursors[middle]! });
      expect(keysOf(before.edges.map((e) => e.node))).toEqual(refKeys(expected.slice(Math.max(0, middle - size), middle)));
    }, 120_000);
  }
});
