import { describe, expect, it } from 'vitest';

import { mergeOffsetSources } from '../../src/connections/index.js';
import { fakeSource } from './fakes.js';

const byNumber = (a: number, b: number) => a - b;

describe('mergeOffsetSources', () => {
  // Three sorted lists (one empty); their merge, computed here by sorting the concatenation.
  const lists = [[1, 5, 5, 8, 13, 21], [2, 3, 5, 34], [], [0, 55]];
  const merged = lists.flat().sort(byNumber);

  it('every window [offset, offset + limit) of the merge, with the sum of the totals', async () => {
    for (const limit of [0, 1, 3, 7, 20]) {
      for (let offset = 0; offset <= merged.length + 1; offset += 1) {
        const source = mergeOffsetSources(
          lists.map((items) => fakeSource(items)),
          byNumber,
        );
        const window = await source.read(offset, limit);
        expect(window.totalCount).toBe(merged.length);
        expect(window.items, `offset ${offset} limit ${limit}`).toEqual(merged.slice(offset, offset + limit));
      }
    }
  });

  it('reads each source from its start up to offset + limit items, never more', async () => {
    const sources = lists.map((items) => fakeSource(items));
    await mergeOffsetSources(sources, byNumber).read(2, 3);
    for (const source of sources) expect(source.reads).toEqual([[0, 5]]);
  });

  it('a failing source fails the read', async () => {
    const sources = lists.map((items) => fakeSource(items));
    sources[1]!.failWith = new Error('boom');
    await expect(mergeOffsetSources(sources, byNumber).read(0, 3)).rejects.toThrow('boom');
  });
});
