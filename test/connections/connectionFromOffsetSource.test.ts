import { describe, expect, it } from 'vitest';

import { connectionFromOffsetSource, encodeCursor, fingerprint, type Connection } from '../../src/connections/index.js';
import { UserInputError } from '../../src/errors/index.js';
import { badInput, fakeSource, range, relayWindow } from './fakes.js';

const options = { kind: 'Query.things', fingerprint: fingerprint({ field: 'things', filter: null }) };

function nodes<T>(connection: Connection<T>): T[] {
  return connection.edges.map((edge) => edge.node);
}

describe('connectionFromOffsetSource: walking a list', () => {
  for (const total of [0, 1, 7, 100, 1000]) {
    for (const pageSize of [1, 3, 10, 100]) {
      it(`walks ${total} items forward and backward, ${pageSize} per page`, async () => {
        const items = range(total).map((i) => `item ${i}`);
        const source = fakeSource(items);
        const cursorOf = new Map<string, string>();

        const forward: string[] = [];
        let after: string | null = null;
        for (;;) {
          source.reads = [];
          const page: Connection<string> = await connectionFromOffsetSource(source, { first: pageSize, after }, options);
          expect(source.reads).toHaveLength(1);
          expect(nodes(page)).toEqual(items.slice(forward.length, forward.length + pageSize));
          expect(page.totalCount).toBe(total);
          expect(page.pageInfo).toEqual({
            hasPreviousPage: forward.length > 0,
            hasNextPage: forward.length + page.edges.length < total,
            startCursor: page.edges[0]?.cursor ?? null,
            endCursor: page.edges.at(-1)?.cursor ?? null,
          });
          for (const edge of page.edges) cursorOf.set(edge.node, edge.cursor);
          forward.push(...nodes(page));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(forward).toEqual(items);

        const backward: string[] = [];
        let before: string | null = null;
        let first = true;
        for (;;) {
          source.reads = [];
          const page: Connection<string> = await connectionFromOffsetSource(source, { last: pageSize, before }, options);
          // Only the first backward page (no `before`) needs the total first.
          expect(source.reads).toHaveLength(first && total > 0 ? 2 : 1);
          if (first) expect(source.reads[0]).toEqual([0, 0]);
          const remaining = total - backward.length;
          expect(nodes(page)).toEqual(items.slice(Math.max(0, remaining - pageSize), remaining));
          expect(page.pageInfo).toEqual({
            hasPreviousPage: remaining - page.edges.length > 0,
            hasNextPage: backward.length > 0,
            startCursor: page.edges[0]?.cursor ?? null,
            endCursor: page.edges.at(-1)?.cursor ?? null,
          });
          // An item has one cursor, whichever way it was reached.
          for (const edge of page.edges) expect(edge.cursor).toBe(cursorOf.get(edge.node));
          backward.unshift(...nodes(page));
          first = false;
          if (!page.pageInfo.hasPreviousPage) break;
          before = page.pageInfo.startCursor;
        }
        expect(backward).toEqual(items);
      });
    }
  }
});

describe('connectionFromOffsetSource: Relay argument combinations', () => {
  it('matches the Relay algorithm for every after/before/first/last on a 12-item list', async () => {
    const total = 12;
    const source = fakeSource(range(total));
    const cursor = (offset: number): string => encodeCursor(options, { offset });
    const positions = [undefined, ...range(total)];
    const counts = [undefined, 0, 1, 5, 20];
    for (const after of positions) {
      for (const before of positions) {
        for (const first of counts) {
          for (const last of counts) {
            const args = {
              after: after === undefined ? null : cursor(after),
              before: before === undefined ? null : cursor(before),
              first,
              last,
            };
            // Neither given: the default page size (20) applies, backwards when only `before` is given.
            const effective =
              first === undefined && last === undefined
                ? before !== undefined && after === undefined
                  ? { after, before, last: 20 }
                  : { after, before, first: 20 }
                : { after, before, first, last };
            const expected = relayWindow(total, effective);
            source.reads = [];
            const page = await connectionFromOffsetSource(source, args, options);
            const label = JSON.stringify(effective);
            expect(nodes(page), label).toEqual(range(total).slice(expected.start, expected.end));
            expect(
              page.edges.map((e) => e.cursor),
              label,
            ).toEqual(nodes(page).map(cursor));
            expect(source.reads.length, label).toBeLessThanOrEqual(2);
            if (after !== undefined && before !== undefined && after >= before) continue; // empty by construction
            expect({ hasPreviousPage: page.pageInfo.hasPreviousPage, hasNextPage: page.pageInfo.hasNextPage }, label).toEqual({
              hasPreviousPage: expected.hasPreviousPage,
              hasNextPage: expected.hasNextPage,
            });
          }
        }
      }
    }
  });

  it('applies first, then last, to the slice', async () => {
    const page = await connectionFromOffsetSource(fakeSource(range(50)), { first: 10, last: 3 }, options);
    expect(nodes(page)).toEqual([7, 8, 9]);
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('serves the window between after and before, in one read', async () => {
    const source = fakeSource(range(50));
    const after = encodeCursor(options, { offset: 9 });
    const before = encodeCursor(options, { offset: 15 });
    const page = await connectionFromOffsetSource(source, { after, before, first: 100 }, options);
    expect(nodes(page)).toEqual([10, 11, 12, 13, 14]);
    expect(source.reads).toEqual([[10, 5]]);
    const backward = await connectionFromOffsetSource(source, { after, before, last: 2 }, options);
    expect(nodes(backward)).toEqual([13, 14]);
    expect(source.reads.at(-1)).toEqual([13, 2]);
  });

  it('uses the default page size when neither first nor last is given, and the configured one', async () => {
    const source = fakeSource(range(50));
    expect(nodes(await connectionFromOffsetSource(source, {}, options))).toEqual(range(20));
    expect(nodes(await connectionFromOffsetSource(source, {}, { ...options, defaultPageSize: 5 }))).toEqual(range(5));
    const before = encodeCursor(options, { offset: 30 });
    expect(nodes(await connectionFromOffsetSource(source, { before }, { ...options, defaultPageSize: 5 }))).toEqual([25, 26, 27, 28, 29]);
  });

  it('answers first: 0 and last: 0 with an empty page, exact flags and null cursors', async () => {
    const page = await connectionFromOffsetSource(fakeSource(range(5)), { first: 0 }, options);
    expect(page).toEqual({
      edges: [],
      totalCount: 5,
      pageInfo: { hasPreviousPage: false, hasNextPage: true, startCursor: null, endCursor: null },
    });
    const end = await connectionFromOffsetSource(fakeSource(range(5)), { last: 0 }, options);
    expect(end.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: false, startCursor: null, endCursor: null });
  });
});

describe('connectionFromOffsetSource: cursors past the end', () => {
  it('answers an empty page when the list shrank below an after cursor', async () => {
    const source = fakeSource(range(100));
    const first = await connectionFromOffsetSource(source, { first: 60 }, options);
    source.items = range(30);
    const page = await connectionFromOffsetSource(source, { first: 10, after: first.pageInfo.endCursor }, options);
    expect(page).toEqual({
      edges: [],
      totalCount: 30,
      pageInfo: { hasPreviousPage: true, hasNextPage: false, startCursor: null, endCursor: null },
    });
  });

  it('serves what is left of the window when the list shrank below a before cursor', async () => {
    const source = fakeSource(range(100));
    const before = encodeCursor(options, { offset: 50 });
    source.items = range(30);
    const empty = await connectionFromOffsetSource(source, { last: 10, before }, options);
    expect(empty.edges).toEqual([]);
    expect(empty.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: false, startCursor: null, endCursor: null });
    const partial = await connectionFromOffsetSource(source, { last: 25, before }, options);
    expect(nodes(partial)).toEqual(range(30).slice(25));
    expect(partial.pageInfo.hasPreviousPage).toBe(true);
    expect(partial.pageInfo.hasNextPage).toBe(false);
  });
});

describe('connectionFromOffsetSource: bad arguments', () => {
  const source = fakeSource(range(10));
  const run = (args: Parameters<typeof connectionFromOffsetSource>[1], more: object = {}) => connectionFromOffsetSource(source, args, { ...options, ...more });

  it('refuses negative, fractional and too large page sizes', async () => {
    await badInput(run({ first: -1 }), 'first');
    await badInput(run({ last: -5 }), 'last');
    await badInput(run({ first: 1.5 }), 'first');
    const tooMany = await badInput(run({ first: 101 }), 'first');
    expect(tooMany.message).toContain('100');
    const configured = await badInput(run({ last: 11 }, { maxPageSize: 10 }), 'last');
    expect(configured.message).toContain('10');
    // With a small maximum, the default page size follows it down.
    expect(nodes(await run({}, { maxPageSize: 4 }))).toEqual(range(4));
    expect(tooMany).toBeInstanceOf(UserInputError);
    expect(nodes(await run({ first: 100 }))).toEqual(range(10));
  });

  it('refuses cursors that are not ours, tampered, from another connection, or for other arguments', async () => {
    source.reads = [];
    const good = encodeCursor(options, { offset: 3 });
    await badInput(run({ after: 'not a cursor!' }), 'after');
    await badInput(run({ after: '' }), 'after');
    await badInput(run({ before: Buffer.from('{"v":1').toString('base64url') }), 'before');
    await badInput(run({ after: good.slice(0, -2) }), 'after');
    await badInput(run({ after: `${good.slice(0, 5)}${good[5] === 'A' ? 'B' : 'A'}${good.slice(6)}` }), 'after');
    const otherFilter = encodeCursor({ ...options, fingerprint: fingerprint({ field: 'things', filter: { day: 2 } }) }, { offset: 3 });
    expect((await badInput(run({ after: otherFilter }), 'after')).message).toMatch(/different arguments/);
    const otherKind = encodeCursor({ ...options, kind: 'Query.others' }, { offset: 3 });
    expect((await badInput(run({ before: otherKind }), 'before')).message).toMatch(/another connection/);
    const merged = encodeCursor(options, { offsets: { a: 1, b: 2 }, source: 'a' });
    await badInput(run({ after: merged }), 'after');
    const future = Buffer.from(JSON.stringify({ v: 2, k: options.kind, f: options.fingerprint, o: 3 })).toString('base64url');
    await badInput(run({ after: future }), 'after');
    const negative = Buffer.from(JSON.stringify({ v: 1, k: options.kind, f: options.fingerprint, o: -1 })).toString('base64url');
    await badInput(run({ after: negative }), 'after');
    expect(source.reads).toEqual([]); // refused before any read
    expect(nodes(await run({ after: good, first: 2 }))).toEqual([4, 5]);
  });
});
