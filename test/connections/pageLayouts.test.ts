import { describe, expect, it } from 'vitest';

import { createPageNumberSource, PageLayouts, readAllPages, type NumberedPage } from '../../src/connections/index.js';
import { range } from './fakes.js';

/**
 * A Django-REST-style list (pages from 1, 404 past the last) that answers only when told
 * to, so a test can see which pages were asked for before page 1 came back.
 */
function heldServer(total: number, pageSize: number) {
  const server = {
    items: range(total),
    pageSize,
    asked: [] as number[],
    held: [] as Array<() => void>,
    fetchPage(page: number): Promise<NumberedPage<number>> {
      server.asked.push(page);
      return new Promise((resolve, reject) => {
        server.held.push(() => {
          const count = server.items.length;
          const lastPage = Math.max(1, Math.ceil(count / server.pageSize));
          if (page > lastPage) return reject(new Error('404 Invalid page.'));
          const start = (page - 1) * server.pageSize;
          resolve({ items: server.items.slice(start, start + server.pageSize), totalCount: count, hasNext: page < lastPage });
        });
      });
    },
    /** Answers everything asked so far, and anything asked while answering, until nothing is held. */
    async answerAll(): Promise<void> {
      for (let turn = 0; turn < 20; turn += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        const answers = server.held.splice(0);
        for (const answer of answers) answer();
      }
    },
  };
  return server;
}

const layoutOf = (page: NumberedPage<number>) => ({ pageSize: page.hasNext ? page.items.length : null, totalCount: page.totalCount });

/** A whole-list read of `server` that remembers the layout 37 a page, 200 in all. */
const readAllRemembered = (server: ReturnType<typeof heldServer>) =>
  readAllPages({ fetchPage: (page) => server.fetchPage(page), layoutOf, map: (page) => page.items, expected: { pageSize: 37, totalCount: 200 } });

describe('PageLayouts', () => {
  it('remembers what page 1 told, ignores impossible layouts, and forgets the least recent list past its bound', () => {
    const layouts = new PageLayouts(2);
    layouts.learn('a', { pageSize: 37, totalCount: 200 });
    layouts.learn('b', { pageSize: 0, totalCount: 5 });
    layouts.learn('c', undefined);
    expect(layouts.recall('a')).toEqual({ pageSize: 37, totalCount: 200 });
    expect(layouts.recall('b')).toBeUndefined();
    layouts.learn('b', { pageSize: 10, totalCount: 5 });
    layouts.learn('c', { pageSize: 10, totalCount: 50 });
    expect(layouts.recall('a')).toBeUndefined();
    expect(layouts.recall('c')).toEqual({ pageSize: 10, totalCount: 50 });
    layouts.forget('c'); // its page 1 failed
    expect(layouts.recall('c')).toBeUndefined();
    expect(layouts.recall('b')).toEqual({ pageSize: 10, totalCount: 5 });

    const short = new PageLayouts(100, 10); // at most 10 characters of keys
    short.learn('aaaaaa', { pageSize: 1, totalCount: 1 });
    short.learn('bbbbbb', { pageSize: 1, totalCount: 1 });
    expect(short.recall('aaaaaa')).toBeUndefined();
    expect(short.recall('bbbbbb')).toEqual({ pageSize: 1, totalCount: 1 });
  });
});

describe('createPageNumberSource with an expected layout', () => {
  it('asks for page 1 and the window’s pages at once, before page 1 answers', async () => {
    const server = heldServer(200, 37);
    const source = createPageNumberSource((page) => server.fetchPage(page), { pageSize: 37, totalCount: 200 });
    const read = source.read(100, 50); // pages 3, 4, 5 under 37
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.asked.sort()).toEqual([1, 3, 4, 5]);
    await server.answerAll();
    expect(await read).toEqual({ items: range(150).slice(100), totalCount: 200 });
    expect(server.asked).toHaveLength(4);
  });

  it('without one, waits for page 1 before asking for the rest', async () => {
    const server = heldServer(200, 37);
    const source = createPageNumberSource((page) => server.fetchPage(page));
    const read = source.read(100, 50);
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.asked).toEqual([1]);
    await server.answerAll();
    expect((await read).items).toEqual(range(150).slice(100));
    expect(server.asked.sort()).toEqual([1, 3, 4, 5]);
  });

  it('follows page 1 when the page size changed: the guessed pages are dropped and the right ones read', async () => {
    const server = heldServer(200, 50);
    const source = createPageNumberSource((page) => server.fetchPage(page), { pageSize: 37, totalCount: 200 });
    const read = source.read(100, 50);
    await server.answerAll();
    expect(await read).toEqual({ items: range(150).slice(100), totalCount: 200 });
    // 1, 3, 4, 5 under the guess; then page 3 under 50 again (it now holds [100, 150)).
    expect(server.asked).toEqual([1, 3, 4, 5, 3]);
  });

  it('is not failed by a guessed page past a list that shrank', async () => {
    const server = heldServer(120, 37);
    const source = createPageNumberSource((page) => server.fetchPage(page), { pageSize: 37, totalCount: 200 });
    const read = source.read(100, 100); // pages 3..6 under the guess; the list now ends on page 4
    await server.answerAll();
    expect(await read).toEqual({ items: range(120).slice(100), totalCount: 120 });
  });
});

describe('readAllPages', () => {
  it('with an expected layout asks for every page at once and answers in page order', async () => {
    const server = heldServer(200, 37);
    const all = readAllRemembered(server);
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.asked).toEqual([1, 2, 3, 4, 5, 6]);
    await server.answerAll();
    expect((await all).flat()).toEqual(range(200));
    expect(server.asked).toHaveLength(6);
  });

  it('asks for the pages a grown list added, and does not wait for those a shrunken one lost', async () => {
    const grown = heldServer(300, 37);
    const more = readAllRemembered(grown);
    await grown.answerAll();
    expect((await more).flat()).toEqual(range(300));
    expect(grown.asked).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const shrunk = heldServer(80, 37);
    const fewer = readAllRemembered(shrunk);
    await shrunk.answerAll();
    expect((await fewer).flat()).toEqual(range(80)); // pages 4..6 answered 404, unread
  });

  it('re-reads every page when the page size changed', async () => {
    const server = heldServer(200, 50);
    const all = readAllRemembered(server);
    await server.answerAll();
    expect((await all).flat()).toEqual(range(200));
    expect(server.asked).toEqual([1, 2, 3, 4, 5, 6, 2, 3, 4]);
  });

  it('fails with a page the confirmed layout needs', async () => {
    const server = heldServer(200, 37);
    const failing = (page: number) => (page === 4 ? Promise.reject(new Error('page 4 failed')) : server.fetchPage(page));
    const all = readAllPages({ fetchPage: failing, layoutOf, map: (page) => page.items, expected: { pageSize: 37, totalCount: 200 } });
    const failed = expect(all).rejects.toThrow('page 4 failed');
    await server.answerAll();
    await failed;
  });
});

describe('pages asked for ahead that turn out not to be needed are cancelled', () => {
  /** `fetchPage` of `server` that keeps the signal each page was asked for with. */
  function withSignals(server: ReturnType<typeof heldServer>, failFirst = false) {
    const signals = new Map<number, AbortSignal | undefined>();
    const fetchPage = (page: number, _speculative: boolean, signal?: AbortSignal) => {
      signals.set(page, signal);
      return failFirst && page === 1 ? Promise.reject(new Error('page 1 failed')) : server.fetchPage(page);
    };
    const aborted = () => [...signals].filter(([, signal]) => signal?.aborted).map(([page]) => page);
    return { fetchPage, signals, aborted };
  }

  it('by readAllPages: all of them when page 1 fails, those under another page size or past the total otherwise', async () => {
    const failing = withSignals(heldServer(200, 37), true);
    await expect(
      readAllPages({ fetchPage: failing.fetchPage, layoutOf, map: (page) => page.items, expected: { pageSize: 37, totalCount: 200 } }),
    ).rejects.toThrow('page 1 failed');
    expect(failing.aborted()).toEqual([2, 3, 4, 5, 6]);

    const resized = heldServer(200, 50);
    const relaid = withSignals(resized);
    const all = readAllPages({ fetchPage: relaid.fetchPage, layoutOf, map: (page) => page.items, expected: { pageSize: 37, totalCount: 200 } });
    await resized.answerAll();
    expect((await all).flat()).toEqual(range(200));
    expect(relaid.aborted()).toEqual([5, 6]); // 2..4 were asked again, without a signal: needed

    const shrunk = heldServer(80, 37);
    const fewer = withSignals(shrunk);
    const some = readAllPages({ fetchPage: fewer.fetchPage, layoutOf, map: (page) => page.items, expected: { pageSize: 37, totalCount: 200 } });
    await shrunk.answerAll();
    expect((await some).flat()).toEqual(range(80));
    expect(fewer.aborted()).toEqual([4, 5, 6]);
    expect(fewer.signals.get(2)?.aborted).toBe(false);
  });

  it('by an offset source: all of them when page 1 fails, none when page 1 confirms the layout', async () => {
    const failing = withSignals(heldServer(200, 37), true);
    await expect(createPageNumberSource(failing.fetchPage, { pageSize: 37, totalCount: 200 }).read(100, 50)).rejects.toThrow('page 1 failed');
    expect(failing.aborted()).toEqual([3, 4, 5]);

    const server = heldServer(200, 37);
    const confirmed = withSignals(server);
    const read = createPageNumberSource(confirmed.fetchPage, { pageSize: 37, totalCount: 200 }).read(100, 50);
    await server.answerAll();
    expect(await read).toEqual({ items: range(150).slice(100), totalCount: 200 });
    expect(confirmed.signals.get(3)).toBeDefined();
    expect(confirmed.aborted()).toEqual([]);
  });
});
