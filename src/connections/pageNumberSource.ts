import type { OffsetSource } from './OffsetSource.js';
import { createPagedSource, type FetchPage } from './pagedSource.js';
import type { PageLayout } from './pageLayouts.js';

/** One page of a Django-REST-style list: `results`, `count`, and whether `next` is set. */
export interface NumberedPage<T> {
  items: T[];
  totalCount: number;
  hasNext: boolean;
}

/**
 * An offset source over a provider that pages by number with a page size the SERVER
 * chooses (Django REST Framework's `?page=`): the size is learned, never assumed.
 *
 * The page size P is learned from page 1 (`items.length` when `hasNext`; if page 1 is the
 * last page, everything is on it). `read(o, n)` fetches pages ⌊o/P⌋+1 … ⌊(o+n−1)/P⌋+1 in
 * parallel and slices; it never asks for a page past the total (DRF answers those with
 * 404 "Invalid page."): `read(o, n)` with o ≥ total returns no items after page 1.
 * A full page that is not the last and whose length differs from P means the server's
 * page size changed: P is re-learned and the read redone (see `createPagedSource`).
 *
 * Caches pages and P for the instance's life: create one per request (the shared HTTP
 * cache underneath handles reuse across requests). `fetchPage` rejections pass through.
 * `expected`: the list's layout when last read, to ask for page 1 and the rest at once.
 */
export function createPageNumberSource<T>(fetchPage: FetchPage<NumberedPage<T>>, expected?: PageLayout): OffsetSource<T> {
  return createPagedSource(async (page, speculative, signal) => {
    const { items, totalCount, hasNext } = await fetchPage(page, speculative, signal);
    return { items, totalCount, pageSize: hasNext ? items.length : null };
  }, expected);
}
