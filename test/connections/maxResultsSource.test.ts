import { describe, expect, it } from 'vitest';

import { createMaxResultsSource, type MaxResultsPage } from '../../src/connections/index.js';
import { range } from './fakes.js';

/** An Eve-style list that silently clamps max_results to `cap`. Records what it was asked. */
function eveServer(total: number, cap: number) {
  const server = {
    cap,
    asked: [] as Array<[page: number, maxResults: number]>,
    async fetchPage(page: number, maxResults: number): Promise<MaxResultsPage<number>> {
      server.asked.push([page, maxResults]);
      await Promise.resolve();
      const used = Math.min(maxResults, server.cap);
      const start = (page - 1) * used;
      return { items: range(total).slice(start, start + used), totalCount: total, maxResults: used };
    },
  };
  return server;
}

describe('createMaxResultsSource', () => {
  it('uses the page size the server actually applied (asked 500, got 100)', async () => {
    const server = eveServer(250, 100);
    const source = createMaxResultsSource((page, maxResults) => server.fetchPage(page, maxResults), 500);

    expect(await source.read(0, 150)).toEqual({ items: range(150), totalCount: 250 });
    expect(server.asked).toEqual([
      [1, 500],
      [2, 500],
    ]);

    server.asked = [];
    expect((await source.read(240, 100)).items).toEqual(range(250).slice(240)); // page 3 only, never 4
    expect(await source.read(250, 10)).toEqual({ items: [], totalCount: 250 });
    expect(server.asked).toEqual([[3, 500]]);
  });

  it('defaults to asking for 100 and re-learns when the clamp changes', async () => {
    const server = eveServer(250, 100);
    const source = createMaxResultsSource((page, maxResults) => server.fetchPage(page, maxResults));
    await source.read(0, 1);
    expect(server.asked).toEqual([[1, 100]]);
    server.cap = 25;
    server.asked = [];
    // Under 100 this is page 2; with 25 per page it is page 5.
    expect((await source.read(110, 5)).items).toEqual([110, 111, 112, 113, 114]);
    expect(server.asked).toEqual([
      [2, 100],
      [5, 100],
    ]);
  });
});
