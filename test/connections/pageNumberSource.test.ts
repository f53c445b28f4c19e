import { describe, expect, it } from 'vitest';

import { connectionFromOffsetSource, createPageNumberSource, type NumberedPage } from '../../src/connections/index.js';
import { range } from './fakes.js';

/**
 * A Django-REST-style list whose page size only the server knows (and may change): pages
 * from 1, 404 "Invalid page." past the last one (page 1 always exists). Counts what it serves.
 */
function drfServer(total: number, pageSize: number) {
  const server = {
    items: range(total),
    pageSize,
    served: [] as number[],
    inFlight: 0,
    maxInFlight: 0,
    async fetchPage(page: number): Promise<NumberedPage<number>> {
      server.served.push(page);
      server.inFlight++;
      server.maxInFlight = Math.max(server.maxInFlight, server.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      server.inFlight--;
      const count = server.items.length;
      const lastPage = Math.max(1, Math.ceil(count / server.pageSize));
      if (!Number.isInteger(page) || page < 1 || page > lastPage) throw new Error('404 Invalid page.');
      const start = (page - 1) * server.pageSize;
      return { items: server.items.slice(start, start + server.pageSize), totalCount: count, hasNext: page < lastPage };
    },
  };
  return server;
}

describe('createPageNumberSource', () => {
  it('learns the page size from page 1 and fetches exactly the pages a window needs', async () => {
    const server = drfServer(200, 37); // pages: 1:[0,37) 2:[37,74) 3:[74,111) 4:[111,148) 5:[148,185) 6:[185,200)
    const source = createPageNumberSource((page) => server.fetchPage(page));

    expect(await source.read(0, 10)).toEqual({ items: range(10), totalCount: 200 });
    expect(server.served).toEqual([1]);

    expect((await source.read(30, 10)).items).toEqual(range(40).slice(30)); // pages 1 (cached) and 2
    expect(server.served).toEqual([1, 2]);

    server.served = [];
    expect((await source.read(100, 50)).items).toEqual(range(150).slice(100)); // pages 3, 4, 5
    expect(server.served.sort()).toEqual([3, 4, 5]);
    expect(server.maxInFlight).toBeGreaterThanOrEqual(3); // fetched in parallel

    server.served = [];
    expect((await source.read(190, 50)).items).toEqual(range(200).slice(190)); // page 6 only, never 7
    expect(server.served).toEqual([6]);

    server.served = [];
    expect(await source.read(200, 10)).toEqual({ items: [], totalCount: 200 });
    expect(await source.read(5000, 10)).toEqual({ items: [], totalCount: 200 });
    expect(await source.read(17, 0)).toEqual({ items: [], totalCount: 200 });
    expect((await source.read(0, 200)).items).toEqual(range(200)); // all cached by now
    expect(server.served).toEqual([]);
  });

  it('reads only page 1 to answer a past-the-end window on a fresh instance', async () => {
    const server = drfServer(50, 37);
    const source = createPageNumberSource((page) => server.fetchPage(page));
    expect(await source.read(60, 10)).toEqual({ items: [], totalCount: 50 });
    expect(server.served).toEqual([1]);
  });

  it('serves a list that fits on page 1 without asking for page 2', async () => {
    const server = drfServer(20, 37);
    const source = createPageNumberSource((page) => server.fetchPage(page));
    expect(await source.read(5, 100)).toEqual({ items: range(20).slice(5), totalCount: 20 });
    expect(await source.read(20, 5)).toEqual({ items: [], totalCount: 20 });
    expect(server.served).toEqual([1]);

    const empty = drfServer(0, 37);
    const none = createPageNumberSource((page) => empty.fetchPage(page));
    expect(await none.read(0, 10)).toEqual({ items: [], totalCount: 0 });
    expect(empty.served).toEqual([1]);
  });

  it('keeps item order across page boundaries through a whole connection walk', async () => {
    const server = drfServer(1000, 37);
    const source = createPageNumberSource((page) => server.fetchPage(page));
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof connectionFromOffsetSource<number>>> = await connectionFromOffsetSource(
        source,
        { first: 100, after },
        { kind: 'k', fingerprint: 'f' },
      );
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(range(1000));
    expect(server.served.sort((a, b) => a - b)).toEqual(range(28).map((i) => i + 1)); // each page once
  });

  it('re-learns the page size when the server changes it between calls', async () => {
    const server = drfServer(200, 37);
    const source = createPageNumberSource((page) => server.fetchPage(page));
    await source.read(0, 10); // learns 37
    server.pageSize = 50;
    server.served = [];
    // Under 37 this is pages 3 and 4; they come back with 50 items each, so the source
    // re-learns and asks page 3 again, which now holds all of [100, 120).
    expect((await source.read(100, 20)).items).toEqual(range(120).slice(100));
    expect(server.served).toEqual([3, 4, 3]);
    expect((await source.read(150, 10)).items).toEqual(range(160).slice(150)); // page 4 under 50
    expect(server.served).toEqual([3, 4, 3, 4]);
  });

  it('notices a changed page size seen only on a last page, and asks page 1 again', async () => {
    const server = drfServer(200, 37);
    const source = createPageNumberSource((page) => server.fetchPage(page));
    await source.read(0, 10); // learns 37: page 6 would be [185, 200)
    server.pageSize = 38; // now page 6 is [190, 200), and the last page
    server.served = [];
    expect((await source.read(190, 5)).items).toEqual([190, 191, 192, 193, 194]);
    expect(server.served).toEqual([6, 1, 6]);
  });

  it('passes a failing page through, and does not cache the failure', async () => {
    const server = drfServer(100, 37);
    let fail = true;
    const source = createPageNumberSource((page) => (fail ? Promise.reject(new Error('503')) : server.fetchPage(page)));
    await expect(source.read(0, 10)).rejects.toThrow('503');
    fail = false;
    expect((await source.read(0, 3)).items).toEqual([0, 1, 2]);
  });
});
