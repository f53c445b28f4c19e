import { describe, expect, it } from 'vitest';

import { allPages, type PageEnvelope } from '../../src/datasources/planstone/allPages.js';

interface Page extends PageEnvelope {
  _items: number[];
}

/** A feed of `total` items, `size` a page, that records what was asked and mapped, in order. */
function feed(total: number, size: number, withMeta = true) {
  const events: string[] = [];
  const fetchPage = (page: number): Promise<Page> => {
    events.push(`fetch ${page}`);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - (page - 1) * size)) }, (_, i) => (page - 1) * size + i);
    return Promise.resolve(withMeta ? { _items: items, _meta: { max_results: size, total } } : { _items: items });
  };
  const mapPage = (page: Page): number[] => {
    events.push(`map ${page._items[0] === undefined ? 'empty' : page._items[0] / size + 1}`);
    return page._items;
  };
  return { events, fetchPage, mapPage };
}

describe('allPages', () => {
  it('asks for every other page before mapping the first, and answers in page order', async () => {
    const { events, fetchPage, mapPage } = feed(250, 100);
    const pages = await allPages(fetchPage, mapPage);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(pages.flat()).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(events.indexOf('fetch 3')).toBeLessThan(events.indexOf('map 1'));
    expect(events.filter((e) => e.startsWith('fetch'))).toEqual(['fetch 1', 'fetch 2', 'fetch 3']);
  });

  it('reads a one-page feed with one request', async () => {
    const { events, fetchPage, mapPage } = feed(30, 100);
    expect(await allPages(fetchPage, mapPage)).toEqual([Array.from({ length: 30 }, (_, i) => i)]);
    expect(events).toEqual(['fetch 1', 'map 1']);
  });

  it('without _meta, reads on until a page comes back short', async () => {
    const { events, fetchPage, mapPage } = feed(250, 100, false);
    const pages = await allPages(fetchPage, mapPage);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(events.filter((e) => e.startsWith('fetch'))).toEqual(['fetch 1', 'fetch 2', 'fetch 3']);
  });

  it('fails with the first failing page', async () => {
    const { fetchPage, mapPage } = feed(250, 100);
    const failing = (page: number) => (page === 3 ? Promise.reject(new Error('page 3 failed')) : fetchPage(page));
    await expect(allPages(failing, mapPage)).rejects.toThrow('page 3 failed');
  });
});
