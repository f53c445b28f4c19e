import { describe, expect, it } from 'vitest';

import { mergeSorted } from '../../src/connections/mergeSorted.js';

const byNumber = (a: number, b: number) => a - b;
const lists = [
  { source: 'a', items: [1, 4, 4, 9] },
  { source: 'b', items: [2, 4, 10] },
  { source: 'c', items: [] },
];

describe('mergeSorted', () => {
  it('merges sorted lists stably: equal items by list order', () => {
    expect(mergeSorted(lists, byNumber)).toEqual([
      { source: 'a', item: 1 },
      { source: 'b', item: 2 },
      { source: 'a', item: 4 },
      { source: 'a', item: 4 },
      { source: 'b', item: 4 },
      { source: 'a', item: 9 },
      { source: 'b', item: 10 },
    ]);
  });

  it('stops after `limit` items: the head of the full merge', () => {
    const full = mergeSorted(lists, byNumber);
    for (const limit of [0, 1, 4, 7, 50]) expect(mergeSorted(lists, byNumber, limit)).toEqual(full.slice(0, limit));
  });
});
