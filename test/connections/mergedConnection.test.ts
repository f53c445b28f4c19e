import { describe, expect, it } from 'vitest';

import { connectionFromMergedSources, encodeCursor, fingerprint, type Connection } from '../../src/connections/index.js';
import { badInput, fakeSource, range, relayWindow, type FakeSource } from './fakes.js';

interface Session {
  source: string;
  id: number;
  start: number | null;
}

// (start, source, id), sessions without a start last: a total order with many ties on start.
function compare(a: Session, b: Session): number {
  if (a.start !== b.start) {
    if (a.start === null) return 1;
    if (b.start === null) return -1;
    return a.start - b.start;
  }
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.id - b.id;
}

// A deterministic pseudo-random list of sessions for one source, sorted by `compare`.
function sessions(source: string, count: number, seed: number): Session[] {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648);
  return range(count)
    .map((id) => ({ source, id, start: next() % 10 === 0 ? null : next() % 12 }))
    .sort(compare);
}

const options = { kind: 'Query.sessions', fingerprint: fingerprint({ field: 'sessions', filter: { day: 1 } }) };
const label = (s: Session): string => `${s.source}${s.id}`;
const labels = (connection: Connection<Session>): string[] => connection.edges.map((e) => label(e.node));

function setup(gCount: number, pCount: number): { g: FakeSource<Session>; p: FakeSource<Session>; all: Session[] } {
  const g = fakeSource(sessions('g', gCount, 7));
  const p = fakeSource(sessions('p', pCount, 11));
  return { g, p, all: [...g.items, ...p.items].sort(compare) };
}

function clearReads(...sources: FakeSource<Session>[]): void {
  for (const source of sources) source.reads = [];
}

describe('connectionFromMergedSources: walking the merged order', () => {
  for (const [gCount, pCount] of [
    [0, 0],
    [0, 5],
    [40, 25],
    [130, 90],
  ] as const) {
    for (const pageSize of [1, 3, 10, 100]) {
      it(`walks ${gCount}+${pCount} items forward and backward, ${pageSize} per page, one read per source per page`, async () => {
        const { g, p, all } = setup(gCount, pCount);
        const expected = all.map(label);
        const cursorOf = new Map<string, string>();

        const forward: string[] = [];
        let after: string | null = null;
        for (;;) {
          clearReads(g, p);
          const { connection, failures }: { connection: Connection<Session>; failures: unknown[] } = await connectionFromMergedSources(
            { g, p },
            compare,
            { first: pageSize, after },
            options,
          );
          expect(failures).toEqual([]);
          expect([g.reads.length, p.reads.length]).toEqual([1, 1]);
          expect(labels(connection)).toEqual(expected.slice(forward.length, forward.length + pageSize));
          expect(connection.totalCount).toBe(all.length);
          expect(connection.pageInfo).toEqual({
            hasPreviousPage: forward.length > 0,
            hasNextPage: forward.length + connection.edges.length < all.length,
            startCursor: connection.edges[0]?.cursor ?? null,
            endCursor: connection.edges.at(-1)?.cursor ?? null,
          });
          for (const edge of connection.edges) cursorOf.set(label(edge.node), edge.cursor);
          forward.push(...labels(connection));
          if (!connection.pageInfo.hasNextPage) break;
          after = connection.pageInfo.endCursor;
        }
        expect(forward).toEqual(expected);

        const backward: string[] = [];
        let before: string | null = null;
        for (;;) {
          clearReads(g, p);
          const { connection }: { connection: Connection<Session> } = await connectionFromMergedSources({ g, p }, compare, { last: pageSize, before }, options);
          // The first backward page reads each source's total first, then its window.
          const firstPage = before === null;
          expect(g.reads.length).toBe(firstPage && g.items.length > 0 ? 2 : 1);
          expect(p.reads.length).toBe(firstPage && p.items.length > 0 ? 2 : 1);
          if (firstPage)
            expect([g.reads[0], p.reads[0]]).toEqual([
              [0, 0],
              [0, 0],
            ]);
          const remaining = all.length - backward.length;
          expect(labels(connection)).toEqual(expected.slice(Math.max(0, remaining - pageSize), remaining));
          expect(connection.pageInfo).toEqual({
            hasPreviousPage: remaining - connection.edges.length > 0,
            hasNextPage: backward.length > 0,
            startCursor: connection.edges[0]?.cursor ?? null,
            endCursor: connection.edges.at(-1)?.cursor ?? null,
          });
          for (const edge of connection.edges) expect(edge.cursor).toBe(cursorOf.get(label(edge.node)));
          backward.unshift(...labels(connection));
          if (!connection.pageInfo.hasPreviousPage) break;
          before = connection.pageInfo.startCursor;
        }
        expect(backward).toEqual(expected);
      });
    }
  }
});

describe('connectionFromMergedSources: Relay argument combinations', () => {
  it('matches the Relay algorithm over the merged order for every after/before/first/last', async () => {
    const { g, p, all } = setup(9, 7);
    const everything = await connectionFromMergedSources({ g, p }, compare, { first: 100 }, options);
    const cursors = everything.connection.edges.map((e) => e.cursor);
    const expected = all.map(label);
    const positions = [undefined, ...range(all.length)];
    const counts = [undefined, 0, 1, 4, 30];
    for (const after of positions) {
      for (const before of positions) {
        for (const first of counts) {
          for (const last of counts) {
            if (first === undefined && last === undefined) continue;
            const args = {
              after: after === undefined ? null : (cursors[after] ?? null),
              before: before === undefined ? null : (cursors[before] ?? null),
              first,
              last,
            };
            const window = relayWindow(all.length, { after, before, first, last });
            const { connection } = await connectionFromMergedSources({ g, p }, compare, args, options);
            const name = JSON.stringify({ after, before, first, last });
            expect(labels(connection), name).toEqual(expected.slice(window.start, window.end));
            expect(
              connection.edges.map((e) => e.cursor),
              name,
            ).toEqual(cursors.slice(window.start, window.end));
            if (after !== undefined && before !== undefined && after >= before) continue;
            expect([connection.pageInfo.hasPreviousPage, connection.pageInfo.hasNextPage], name).toEqual([window.hasPreviousPage, window.hasNextPage]);
          }
        }
      }
    }
  });

  it('refuses bad cursors and page sizes with BAD_USER_INPUT', async () => {
    const { g, p } = setup(5, 5);
    const run = (args: object) => connectionFromMergedSources({ g, p }, compare, args, options);
    await badInput(run({ first: -1 }), 'first');
    await badInput(run({ last: 1000 }), 'last');
    await badInput(run({ after: 'garbage' }), 'after');
    await badInput(run({ after: encodeCursor(options, { offset: 3 }) }), 'after');
    await badInput(run({ before: encodeCursor({ ...options, fingerprint: 'other' }, { offsets: { g: 1, p: 1 }, source: 'g' }) }), 'before');
    const otherSources = await badInput(run({ after: encodeCursor(options, { offsets: { g: 1, r: 1 }, source: 'g' }) }), 'after');
    expect(otherSources.message).toMatch(/other sources/);
  });
});

describe('connectionFromMergedSources: partial results', () => {
  it('serves the healthy source when one fails, and the next page resumes the failed one', async () => {
    const { g, p, all } = setup(20, 20);
    const seen: string[] = [];
    const first = await connectionFromMergedSources({ g, p }, compare, { first: 6 }, options);
    seen.push(...labels(first.connection));

    const outage = new Error('planstone down');
    p.failWith = outage;
    const during = await connectionFromMergedSources({ g, p }, compare, { first: 6, after: first.connection.pageInfo.endCursor }, options);
    expect(during.failures).toEqual([{ source: 'p', error: outage }]);
    const gAlreadySeen = seen.filter((s) => s.startsWith('g')).length;
    expect(labels(during.connection)).toEqual(g.items.slice(gAlreadySeen, gAlreadySeen + 6).map(label));
    expect(during.connection.totalCount).toBe(20); // the healthy sources' totals only
    expect(during.connection.pageInfo.hasNextPage).toBe(true);
    seen.push(...labels(during.connection));

    p.failWith = null;
    let after = during.connection.pageInfo.endCursor;
    for (;;) {
      const { connection, failures } = await connectionFromMergedSources({ g, p }, compare, { first: 6, after }, options);
      expect(failures).toEqual([]);
      seen.push(...labels(connection));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    // Nothing lost, nothing twice; p's items missed during the outage came later.
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all.map(label).sort());
  });

  it('resumes a source that failed its totals read when paging backward', async () => {
    const { g, p, all } = setup(15, 12);
    p.failWith = new Error('timeout');
    const seen: string[] = [];
    const page1 = await connectionFromMergedSources({ g, p }, compare, { last: 5 }, options);
    expect(page1.failures.map((f) => f.source)).toEqual(['p']);
    expect(labels(page1.connection)).toEqual(g.items.slice(-5).map(label));
    seen.unshift(...labels(page1.connection));
    p.failWith = null;
    let before = page1.connection.pageInfo.startCursor;
    for (;;) {
      const { connection } = await connectionFromMergedSources({ g, p }, compare, { last: 5, before }, options);
      seen.unshift(...labels(connection));
      if (!connection.pageInfo.hasPreviousPage) break;
      before = connection.pageInfo.startCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all.map(label).sort());
  });

  it('answers an empty page listing every failure when all sources fail', async () => {
    const { g, p } = setup(3, 3);
    g.failWith = new Error('g down');
    p.failWith = new Error('p down');
    const { connection, failures } = await connectionFromMergedSources({ g, p }, compare, { first: 10 }, options);
    expect(connection).toEqual({
      edges: [],
      totalCount: 0,
      pageInfo: { hasPreviousPage: false, hasNextPage: false, startCursor: null, endCursor: null },
    });
    expect(failures.map((f) => f.source)).toEqual(['g', 'p']);
  });
});
