import { describe, expect, it } from 'vitest';

import { findPageRange, type KeyBound, type PageKeys } from '../../src/connections/index.js';

// A deterministic pseudo-random sequence (no Math.random: failures must replay).
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A sorted list of `length` keys in [0, spread) (so with ties when spread < length), split in pages of `size`. */
function pagedList(random: () => number, length: number, spread: number, size: number): number[][] {
  const keys = Array.from({ length }, () => Math.floor(random() * spread)).sort((a, b) => a - b);
  const pages: number[][] = [];
  for (let i = 0; i < keys.length; i += size) pages.push(keys.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}

function search(pages: number[][], interpolate = false, anchors?: Array<{ at: number; key: number }>) {
  const probes: number[] = [];
  return {
    probes,
    pageCount: pages.length,
    compare: (a: number, b: number) => a - b,
    ...(interpolate ? { position: (key: number) => key } : {}),
    ...(anchors ? { anchors } : {}),
    async probe(page: number): Promise<PageKeys<number>> {
      probes.push(page);
      const items = pages[page - 1];
      if (!items) throw new Error(`probed page ${page} outside 1..${pages.length}`);
      return items.length > 0 ? { first: items[0]!, last: items.at(-1)! } : null;
    },
  };
}

const matches = (key: number, lower?: KeyBound<number>, upper?: KeyBound<number>): boolean =>
  (!lower || (lower.inclusive ? key >= lower.key : key > lower.key)) && (!upper || (upper.inclusive ? key <= upper.key : key < upper.key));

describe('findPageRange: binary search over the page numbers of an ordered list', () => {
  it.each([
    ['binary search', false, 'none', (pages: number) => 2 * Math.ceil(Math.log2(pages + 1))],
    ['interpolation search', true, 'none', (pages: number) => 2 + 2 * (Math.ceil(Math.log2(pages + 1)) + 1)],
    ['interpolation search with true anchors', true, 'true', (pages: number) => 2 + 2 * (Math.ceil(Math.log2(pages + 1)) + 1)],
    ['interpolation search with wrong anchors', true, 'wrong', (pages: number) => 2 + 2 * (Math.ceil(Math.log2(pages + 1)) + 1)],
  ] as const)(
    '%s: exactly the pages holding matching items, within its probe bound (random lists with ties)',
    async (_name, interpolate, anchored, maxProbes) => {
      const random = lcg(19);
      for (let round = 0; round < 400; round += 1) {
        const size = 1 + Math.floor(random() * 7);
        const pages = pagedList(random, Math.floor(random() * 120), 1 + Math.floor(random() * 60), size);
        const count = pages.flat().length;
        // Anchors: the list's true first and last key, or made-up ones (a guide's dates can be wrong).
        const anchors =
          anchored === 'none'
            ? undefined
            : anchored === 'true'
              ? [
                  { at: 1, key: pages[0]![0] ?? 0 },
                  { at: 1 + count / size, key: pages.at(-1)!.at(-1) ?? 0 },
                ]
              : [
                  { at: 1, key: Math.floor(random() * 80) - 10 },
                  { at: 1 + count / size, key: Math.floor(random() * 80) - 10 },
                ];
        const bound = (): KeyBound<number> | undefined => (random() < 0.2 ? undefined : { key: Math.floor(random() * 70) - 5, inclusive: random() < 0.5 });
        let lower = bound();
        let upper = bound();
        if (lower && upper && lower.key > upper.key) [lower, upper] = [upper, lower];
        const s = search(pages, interpolate, anchors);
        const { first, last } = await findPageRange(s, lower, upper);

        const holding = pages.map((items, i) => (items.some((key) => matches(key, lower, upper)) ? i + 1 : 0)).filter((page) => page > 0);
        const context = JSON.stringify({ pages, lower, upper, first, last });
        // Every page with a match is inside the range...
        for (const page of holding) expect(page >= first && page <= last, context).toBe(true);
        // ...and the range's end pages are the tightest the ends' keys allow: the page before
        // ends below `lower`, the page after starts past `upper`.
        if (first > 1 && first <= pages.length && lower) expect(matches(pages[first - 2]!.at(-1)!, lower, undefined), context).toBe(false);
        if (last < pages.length && last >= first && upper) expect(matches(pages[last]![0]!, undefined, upper), context).toBe(false);
        if (holding.length > 0) {
          expect(first, context).toBe(holding[0]);
          expect(last, context).toBe(holding.at(-1));
        }
        expect(new Set(s.probes).size, context).toBe(s.probes.length);
        expect(s.probes.length, context).toBeLessThanOrEqual(maxProbes(pages.length));
      }
    },
  );

  it('reads nothing without bounds: every page', async () => {
    const s = search([[1, 2], [3, 4], [5]]);
    expect(await findPageRange(s)).toEqual({ first: 1, last: 3 });
    expect(s.probes).toEqual([]);
  });

  it('an empty range when nothing can match (past the end, before the start)', async () => {
    const pages = [[1, 2], [3, 4], [5]];
    const past = await findPageRange(search(pages), { key: 6, inclusive: true });
    expect(past.first).toBeGreaterThan(past.last);
    const before = await findPageRange(search(pages), undefined, { key: 1, inclusive: false });
    expect(before.first).toBeGreaterThan(before.last);
  });

  it('keys tied across a page boundary: both pages are in the range', async () => {
    const pages = [
      [1, 5],
      [5, 5],
      [5, 9],
    ];
    expect(await findPageRange(search(pages), { key: 5, inclusive: true }, { key: 5, inclusive: true })).toEqual({ first: 1, last: 3 });
    expect(await findPageRange(search(pages), { key: 5, inclusive: false }, { key: 9, inclusive: true })).toEqual({ first: 3, last: 3 });
  });

  it('1,000 pages: at most 20 probes for a window in the middle', async () => {
    const pages = Array.from({ length: 1000 }, (_, i) => [i * 10, i * 10 + 9]);
    const s = search(pages);
    expect(await findPageRange(s, { key: 5_005, inclusive: true }, { key: 5_031, inclusive: false })).toEqual({ first: 501, last: 504 });
    expect(s.probes.length).toBeLessThanOrEqual(20);
  });

  it('interpolation: evenly spread keys over 1,000 pages cost page 1, the last page and a probe or two per end', async () => {
    const pages = Array.from({ length: 1000 }, (_, i) => [i * 10, i * 10 + 9]);
    const s = search(pages, true);
    expect(await findPageRange(s, { key: 5_005, inclusive: true }, { key: 5_031, inclusive: false })).toEqual({ first: 501, last: 504 });
    expect(s.probes.slice(0, 2).sort((a, b) => a - b)).toEqual([1, 1000]);
    expect(s.probes.length).toBeLessThanOrEqual(4);
  });

  it('interpolation with anchors (a guide’s first and last start): the last page is not probed, a probe or two per end', async () => {
    const pages = Array.from({ length: 1000 }, (_, i) => [i * 10, i * 10 + 9]);
    const s = search(pages, true, [
      { at: 1, key: 0 },
      { at: 1001, key: 10_000 },
    ]);
    expect(await findPageRange(s, { key: 5_005, inclusive: true }, { key: 5_031, inclusive: false })).toEqual({ first: 501, last: 504 });
    expect(s.probes).not.toContain(1000);
    expect(s.probes.length).toBeLessThanOrEqual(3);
  });

  it('interpolation: a skewed list (half the keys in one spot) still finds the exact range, falling back to halving', async () => {
    const random = lcg(7);
    const keys = [...Array.from({ length: 2_000 }, () => 500), ...Array.from({ length: 2_000 }, () => Math.floor(random() * 1e6))].sort((a, b) => a - b);
    const pages: number[][] = [];
    for (let i = 0; i < keys.length; i += 10) pages.push(keys.slice(i, i + 10));
    const s = search(pages, true);
    const lower = { key: 700_000, inclusive: true };
    const upper = { key: 710_000, inclusive: false };
    const { first, last } = await findPageRange(s, lower, upper);
    const holding = pages.map((items, i) => (items.some((key) => matches(key, lower, upper)) ? i + 1 : 0)).filter((page) => page > 0);
    expect([first, last]).toEqual([holding[0], holding.at(-1)]);
    expect(s.probes.length).toBeLessThanOrEqual(2 + 2 * (Math.ceil(Math.log2(pages.length + 1)) + 1));
  });
});
