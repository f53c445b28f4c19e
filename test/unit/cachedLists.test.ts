import { describe, expect, it } from 'vitest';

import { createListLoader } from '../../src/datasources/guidebook/loaders.js';
import { indexCachedList, mapCachedList } from '../../src/datasources/guidebook/mapCachedList.js';
import { NotFoundError } from '../../src/errors/index.js';

// A whole list (tracks, guides, locations) is read from cached pages that every request
// shares: each page is mapped and indexed once while it lives, not once per request.

interface Wire {
  id: number;
  name: string;
}

function counting() {
  const calls: number[] = [];
  const map = (wire: Wire) => {
    calls.push(wire.id);
    return { sourceId: String(wire.id), name: wire.name.toUpperCase() };
  };
  return { calls, map };
}

describe('indexCachedList', () => {
  it('maps a page once (sharing mapCachedList’s models), and again only for another page object', () => {
    const { calls, map } = counting();
    const page = [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ];
    const first = indexCachedList(page, map);
    expect(indexCachedList(page, map)).toBe(first);
    expect(first.get('2')).toEqual({ sourceId: '2', name: 'B' });
    // The same model objects as the mapped list's, so what is memoized per model holds for both.
    expect(first.get('1')).toBe(mapCachedList(page, map)[0]);
    expect(calls).toEqual([1, 2]);
    indexCachedList([...page], map);
    expect(calls).toEqual([1, 2, 1, 2]);
  });
});

describe('createListLoader', () => {
  it('finds ids on any page, NOT_FOUND for the rest, and shares models across requests', async () => {
    const { calls, map } = counting();
    const pages = [
      [{ id: 1, name: 'a' }],
      [
        { id: 2, name: 'b' },
        { id: 3, name: 'c' },
      ],
    ];
    // Two requests' loaders over the same cached pages.
    const [one, two] = [createListLoader(async () => pages, map, 'track'), createListLoader(async () => pages, map, 'track')];
    const answers = await one.loadMany(['3', '9', '1']);
    expect(answers[0]).toEqual({ sourceId: '3', name: 'C' });
    expect(answers[1]).toBeInstanceOf(NotFoundError);
    expect((answers[1] as Error).message).toBe('Guidebook has no track 9.');
    expect(answers[2]).toEqual({ sourceId: '1', name: 'A' });
    expect(await two.load('3')).toBe(answers[0]);
    expect(calls.sort()).toEqual([1, 2, 3]);
  });
});
