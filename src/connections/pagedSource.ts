import type { OffsetSource } from './OffsetSource.js';
import { askAhead, cancelAhead, takeAhead, type PageAhead } from './pageAhead.js';
import type { PageLayout } from './pageLayouts.js';
import { ProviderPagingError } from './providerPagingError.js';

/** One page of a page-numbered list, as {@link createPagedSource} needs it. */
export interface FetchedPage<T> {
  items: T[];
  /** The whole list's length, as the server counts it. */
  totalCount: number;
  /**
   * Items per page the server used for this answer, when the answer tells (a full page
   * that is not the last, or an explicit `max_results`); `null` when it cannot (a last page).
   */
  pageSize: number | null;
}

/**
 * Fetches one page. `speculative`: asked for ahead of page 1 on a remembered layout, so it
 * may never be needed — one attempt, never retried (a needed page that failed is asked again).
 * `signal` (given with speculative pages): aborted when the page turns out not to be needed
 * (page 1 failed, or told another layout), so that its request is cancelled.
 */
export type FetchPage<P> = (page: number, speculative: boolean, signal?: AbortSignal) => Promise<P>;

/** How often one read re-learns a changed page size before giving up. */
const MAX_RELAYOUTS = 3;

interface Layout {
  pageSize: number;
  totalCount: number;
  lastPage: number;
}

/**
 * An offset source over a list served in numbered pages (from 1) of a size the server
 * chooses. Shared core of the page-number and max-results adapters.
 *
 * - Learns the page size P and the total from page 1. If page 1 does not tell P (it is
 *   the last page), the whole list is on page 1.
 * - `read(o, n)` fetches pages ⌊o/P⌋+1 … ⌊(min(o+n, total)−1)/P⌋+1 in parallel and slices.
 *   Nothing past the known total is ever fetched: `read(o, n)` with o ≥ total (or n = 0)
 *   costs at most page 1.
 * - Caches each page (as a promise, so concurrent reads share fetches; a rejected fetch
 *   is forgotten) and the layout, for the life of the instance: one instance per request.
 * - If a fetched page reports a page size other than P (the server changed it between
 *   calls), P is re-learned from that page, the page cache is dropped (its pages follow
 *   the old layout) and the read is redone. A last page that does not end at its own
 *   `totalCount` under the current P (page size or list changed, seen from a last page
 *   that cannot tell P) drops the layout too, and page 1 is asked again. After
 *   {@link MAX_RELAYOUTS} such changes in one read it rejects with a ProviderPagingError (the
 *   provider is inconsistent); so does a page size that is not a positive integer.
 * - The total is a snapshot from page 1 (or from the page that changed the layout), so
 *   all reads of one request agree.
 * - With the layout `expected` from an earlier read (`PageLayouts`), the first read asks
 *   for page 1 and the pages that layout puts its window on at once, saving the round trip
 *   that waits for page 1. Page 1 still decides the layout; pages asked for under another
 *   page size are dropped unread and cancelled (`AbortSignal`), and so are all of them when
 *   page 1 fails.
 */
export function createPagedSource<T>(fetchPage: FetchPage<FetchedPage<T>>, expected?: PageLayout): OffsetSource<T> {
  const pages = new Map<number, Promise<FetchedPage<T>>>();
  /** Pages asked for ahead of page 1 under the remembered layout, not yet needed. */
  const ahead = new Map<number, PageAhead<FetchedPage<T>>>();
  let layout: Layout | null = null;
  let guess: Layout | null = expected ? layoutFrom(expected.pageSize, expected.totalCount) : null;

  function page(number: number): Promise<FetchedPage<T>> {
    let fetched = pages.get(number);
    if (!fetched) {
      const early = takeAhead(ahead, number);
      // A page asked for ahead had one attempt; now that it is needed, a failure is retried.
      fetched = early ? early.catch(() => fetchPage(number, false)) : fetchPage(number, false);
      pages.set(number, fetched);
      fetched.catch(() => {
        if (pages.get(number) === fetched) pages.delete(number);
      });
    }
    return fetched;
  }

  async function currentLayout(): Promise<Layout> {
    if (layout) return layout;
    const first = await page(1);
    layout ??=
      first.pageSize === null
        ? { pageSize: Math.max(first.items.length, 1), totalCount: first.totalCount, lastPage: 1 }
        : layoutFrom(first.pageSize, first.totalCount);
    return layout;
  }

  return {
    async read(offset, limit) {
      if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(limit) || limit < 0) {
        throw new RangeError(`read(${offset}, ${limit}): offset and limit must be non-negative integers`);
      }
      if (guess && !layout) {
        // Page 1 and the window's pages under the remembered layout, all at once.
        const guessed = guess;
        guess = null;
        page(1);
        for (const n of pagesOf(offset, limit, guessed)) {
          if (n === 1 || pages.has(n)) continue;
          ahead.set(n, askAhead(fetchPage, n));
        }
        // Page 1 failed, or tells another layout: the pages asked for ahead are not needed.
        // They are cancelled, not left to run on (their requests would hold connections and
        // the provider's attention for nobody).
        let first: Layout;
        try {
          first = await currentLayout();
        } catch (error) {
          cancelAhead(ahead);
          throw error;
        }
        if (first.pageSize !== guessed.pageSize) cancelAhead(ahead);
      }
      for (let relayouts = 0; ; relayouts++) {
        const current = await currentLayout();
        const { pageSize, totalCount, lastPage } = current;
        const numbers = pagesOf(offset, limit, current);
        if (numbers.length === 0) return { items: [], totalCount };
        const firstNeeded = numbers[0]!;
        const end = Math.min(offset + limit, totalCount);
        const fetched = await Promise.all(numbers.map(page));
        const changed = fetched.find((p) => p.pageSize !== null && p.pageSize !== pageSize);
        // A last page that does not end where the layout says it should: the list or the
        // page size changed in a way only page 1 can tell.
        const misplaced = lastPage > 1 && fetched.some((p, i) => p.pageSize === null && (firstNeeded + i - 1) * pageSize + p.items.length !== p.totalCount);
        if (changed || misplaced) {
          if (relayouts >= MAX_RELAYOUTS) throw new ProviderPagingError(`the provider's page layout kept changing (page size was ${pageSize})`);
          layout = changed?.pageSize != null ? layoutFrom(changed.pageSize, changed.totalCount) : null;
          pages.clear();
          cancelAhead(ahead);
          continue;
        }
        const from = offset - (firstNeeded - 1) * pageSize;
        return { items: fetched.flatMap((p) => p.items).slice(from, from + (end - offset)), totalCount };
      }
    },
  };
}

/** The page numbers that hold items [offset, offset + limit) under `layout`; none past its total. */
function pagesOf(offset: number, limit: number, { pageSize, totalCount, lastPage }: Layout): number[] {
  const end = Math.min(offset + limit, totalCount);
  const numbers: number[] = [];
  if (offset >= end) return numbers;
  const lastNeeded = Math.min(Math.floor((end - 1) / pageSize) + 1, lastPage);
  for (let n = Math.floor(offset / pageSize) + 1; n <= lastNeeded; n++) numbers.push(n);
  return numbers;
}

function layoutFrom(pageSize: number, totalCount: number): Layout {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new ProviderPagingError(`the server reported a page size of ${pageSize}`);
  return { pageSize, totalCount, lastPage: Math.max(1, Math.ceil(totalCount / pageSize)) };
}
