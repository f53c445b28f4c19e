import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { expectUnique, walkBackward, walkForward } from '../support/paging.js';
import { readProviderData, refSessions, sortSessions, type RefSession } from '../support/providerData.js';
import { keysOf, refKeys, sessionPages, type SessionNode } from '../support/sessionQueries.js';

// `Query.sessions` without a source filter: one connection over Guidebook and Planstone,
// merged in start-time order (ties: source, then source id), whose cursors resume each
// provider where it stopped. Expectations come from the emulators' own data, sorted here.

let harness: Harness;
let expected: RefSession[];
let forward: { nodes: SessionNode[]; cursors: string[] };

beforeAll(async () => {
  harness = await startHarness();
  const data = await readProviderData(harness);
  expected = sortSessions(refSessions(data));
  // The merge must actually interleave the providers for these tests to mean anything.
  const switches = expected.filter((s, i) => i > 0 && s.source !== expected[i - 1]!.source).length;
  expect(switches).toBeGreaterThanOrEqual(2);
});
afterAll(() => harness?.close());

const merged = () => sessionPages(harness);

describe('merged sessions: whole walks', () => {
  it('has totalCount = Guidebook count + Planstone total', async () => {
    const page = await merged()({ first: 1 });
    expect(page.totalCount).toBe(expected.length);
    expect(page.totalCount).toBe(expected.filter((s) => s.source === 'GUIDEBOOK').length + expected.filter((s) => s.source === 'PLANSTONE').length);
  });

  it('walks forward with first: 100 through every session, in the providers’ start-time order', async () => {
    const walk = await walkForward(merged(), 100);
    expect(walk.pages).toHaveLength(Math.ceil(expected.length / 100));
    expectUnique(walk.nodes, (n) => n.id);
    expect(keysOf(walk.nodes)).toEqual(refKeys(expected));
    expect(walk.pages[0]!.pageInfo.hasPreviousPage).toBe(false);
    expect(walk.pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
    forward = walk;
  });

  it('reports each session’s start time as the provider has it', () => {
    const byKey = new Map(expected.map((s) => [`${s.source}:${s.sourceId}`, s]));
    const wrong = forward.nodes.filter((n) => {
      const ref = byKey.get(`${n.source}:${n.sourceId}`)!;
      return (n.startTime === null ? null : Date.parse(n.startTime)) !== ref.start;
    });
    expect(wrong).toEqual([]);
  });

  it('walks backward with last: 100 and meets the forward order exactly, cursors included', async () => {
    const walk = await walkBackward(merged(), 100);
    expect(keysOf(walk.nodes)).toEqual(refKeys(expected));
    expect(walk.cursors).toEqual(forward.cursors);
    expect(walk.pages[0]!.pageInfo.hasPreviousPage).toBe(false);
  });

  it('walks forward with first: 73 (a size that matches no provider page) through every session', async () => {
    const walk = await walkForward(merged(), 73);
    expect(keysOf(walk.nodes)).toEqual(refKeys(expected));
    expect(walk.cursors).toEqual(forward.cursors);
  });
});

/** Indexes in the merged list where the source changes. */
const boundaries = () => expected.flatMap((s, i) => (i > 0 && s.source !== expected[i - 1]!.source ? [i] : []));

describe('merged sessions: small pages across the points where the providers interleave', () => {
  for (const size of [1, 7, 13]) {
    it(`first: ${size} forward across every boundary: no gaps, no duplicates`, async () => {
      for (const boundary of boundaries()) {
        const start = Math.max(0, boundary - 2 * size - 1);
        const after = start === 0 ? null : forward.cursors[start - 1]!;
        const pages = Math.ceil((boundary - start + 2 * size) / size);
        const walk = await walkForward(merged(), size, { after, maxPages: pages });
        const end = Math.min(expected.length, start + walk.nodes.length);
        expect(keysOf(walk.nodes)).toEqual(refKeys(expected.slice(start, end)));
        expect(walk.cursors).toEqual(forward.cursors.slice(start, end));
        expect(end).toBeGreaterThan(boundary);
      }
    });

    it(`last: ${size} backward across every boundary: no gaps, no duplicates`, async () => {
      for (const boundary of boundaries()) {
        const end = Math.min(expected.length, boundary + 2 * size + 1);
        const before = end === expected.length ? null : forward.cursors[end]!;
        const pages = Math.ceil((end - boundary + 2 * size) / size);
        const walk = await walkBackward(merged(), size, { before, maxPages: pages });
        const start = end - walk.nodes.length;
        expect(keysOf(walk.nodes)).toEqual(refKeys(expected.slice(start, end)));
        expect(walk.cursors).toEqual(forward.cursors.slice(start, end));
        expect(start).toBeLessThan(boundary);
      }
    });
  }

  it('walks the last 63 sessions (those without a start time last) backward from the end with last: 7', async () => {
    const walk = await walkBackward(merged(), 7, { maxPages: 9 });
    expect(keysOf(walk.nodes)).toEqual(refKeys(expected.slice(-walk.nodes.length)));
    expect(walk.nodes.length).toBe(63);
    expect(expected.at(-1)!.start).toBeNull();
  });
});

describe('merged sessions: cursors', () => {
  it('turns around: the page before a forward page’s start is the page read before it', async () => {
    const fetch = merged();
    const b = boundaries()[0]!;
    const first = await fetch({ first: 25, after: forward.cursors[b - 12]! });
    const second = await fetch({ first: 25, after: first.pageInfo.endCursor });
    const back = await fetch({ last: 25, before: second.pageInfo.startCursor });
    expect(back.edges.map((e) => e.cursor)).toEqual(first.edges.map((e) => e.cursor));
    expect(back.pageInfo.hasPreviousPage).toBe(true);
    expect(back.pageInfo.hasNextPage).toBe(true);
  });

  it('after + before selects exactly the sessions between the two cursors', async () => {
    const fetch = merged();
    const [i, j] = [boundaries()[0]! - 40, boundaries()[0]! + 50];
    const page = await fetch({ first: 100, after: forward.cursors[i]!, before: forward.cursors[j]! });
    expect(keysOf(page.edges.map((e) => e.node))).toEqual(refKeys(expected.slice(i + 1, j)));
    const backward = await fetch({ last: 100, after: forward.cursors[i]!, before: forward.cursors[j]! });
    expect(backward.edges.map((e) => e.cursor)).toEqual(page.edges.map((e) => e.cursor));
  });

  it('first + last on one slice applies first, then last (Relay)', async () => {
    const i = boundaries()[0]! - 15;
    const page = await merged()({ first: 40, last: 10, after: forward.cursors[i]! });
    expect(keysOf(page.edges.map((e) => e.node))).toEqual(refKeys(expected.slice(i + 31, i + 41)));
  });

  it('an empty page past the end has no cursors and says there is nothing next', async () => {
    const page = await merged()({ first: 10, after: forward.cursors.at(-1)! });
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
    expect(page.totalCount).toBe(expected.length);
  });

  it('first: 0 returns no edges but the total', async () => {
    const page = await merged()({ first: 0 });
    expect(page.edges).toEqual([]);
    expect(page.totalCount).toBe(expected.length);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });
});
