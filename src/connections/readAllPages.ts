import { setImmediate as yieldToIo } from 'node:timers/promises';

import { askAhead, cancelAhead, takeAhead, type PageAhead } from './pageAhead.js';
import { pageCountOf, type PageLayout } from './pageLayouts.js';

/** Upper bound on the pages of one list (guards against a provider whose total never ends). */
export const MAX_PAGES = 500;

/** What one page tells of its list: the page size used (null when it cannot tell: it is the last page) and the total. */
export interface PageLayoutSeen {
  pageSize: number | null;
  totalCount: number;
}

export interface ReadAllPagesOptions<P, M> {
  /** One page; `speculative` and `signal` as in `FetchPage` (pagedSource.ts). */
  fetchPage(page: number, speculative: boolean, signal?: AbortSignal): Promise<P>;
  /** The layout a page tells, or undefined when it tells none (then only `walk` can go on). */
  layoutOf(page: P): PageLayoutSeen | undefined;
  /** Applied to each page as it arrives; results come back in page order. */
  map(page: P): M;
  /** The pages after `first` when it tells no layout; none when omitted. */
  walk?(first: P): Promise<P[]>;
  /** The list's layout when it was last read (`PageLayouts`), if known. */
  expected?: PageLayout | undefined;
}

/**
 * Every page of a numbered list, each mapped as it arrives.
 *
 * Page 1 tells the page size and the total; the other pages are then asked for in
 * parallel, before page 1 is mapped, so that its mapping overlaps their round trip. When
 * the layout is `expected` from an earlier read, all pages are asked for at once, page 1
 * among them: one round trip instead of two. Page 1 still decides: pages asked for under a
 * different page size are dropped (a failure of one of them is not this read's), missing
 * ones are asked for, and pages past a shrunken total are not waited for. Pages asked for
 * ahead get one attempt; one that failed and turns out to be needed is asked for again.
 * Those that turn out not to be needed — all of them when page 1 fails — are cancelled
 * through their `signal`.
 */
export async function readAllPages<P, M>(options: ReadAllPagesOptions<P, M>): Promise<M[]> {
  const { fetchPage, layoutOf, map, walk, expected } = options;
  const firstPage = fetchPage(1, false);
  const early = new Map<number, PageAhead<P>>();
  if (expected) {
    for (let n = 2; n <= Math.min(MAX_PAGES, pageCountOf(expected)); n += 1) early.set(n, askAhead(fetchPage, n));
  }
  let first: P;
  try {
    first = await firstPage;
  } catch (error) {
    // Nothing will read the pages asked for ahead: they are cancelled, not left to run on.
    cancelAhead(early);
    throw error;
  }
  const seen = layoutOf(first);
  if (!seen) {
    cancelAhead(early);
    return [first, ...(walk ? await walk(first) : [])].map(map);
  }
  const pageCount = seen.pageSize === null ? 1 : Math.min(MAX_PAGES, pageCountOf({ pageSize: Math.max(1, seen.pageSize), totalCount: seen.totalCount }));
  const reusable = expected !== undefined && seen.pageSize === expected.pageSize;
  const rest: Array<Promise<M>> = [];
  for (let n = 2; n <= pageCount; n += 1) {
    const asked = reusable ? takeAhead(early, n) : undefined;
    // A page asked for ahead had one attempt; now that it is needed, a failure is retried.
    rest.push((asked ? asked.catch(() => fetchPage(n, false)) : fetchPage(n, false)).then(map));
  }
  // Left: pages under another page size, or past a shrunken total — not needed.
  cancelAhead(early);
  // Not awaited here, so that this frame does not keep the parsed first page alive.
  return Promise.all([mapAfterIo(first, map, rest.length > 0 && early.size === 0), ...rest]);
}

/**
 * Maps a page once the requests just started have reached their sockets (when `yieldFirst`),
 * so that the mapping does not hold them back. Once mapped, a parsed page is garbage, not
 * kept alive while the other pages arrive.
 */
async function mapAfterIo<P, M>(page: P, map: (page: P) => M, yieldFirst: boolean): Promise<M> {
  if (yieldFirst) await yieldToIo();
  return map(page);
}
