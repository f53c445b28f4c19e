import type { OffsetSource } from './OffsetSource.js';
import { createPagedSource } from './pagedSource.js';
import type { PageLayout } from './pageLayouts.js';

/** One page of an Eve-style list: `_items`, `_meta.total`, and `_meta.max_results` as applied. */
export interface MaxResultsPage<T> {
  items: T[];
  totalCount: number;
  /** The page size the server actually used, which may be less than asked (silent clamping). */
  maxResults: number;
}

/**
 * An offset source over a provider that pages with `page` and `max_results` and silently
 * clamps `max_results` (Eve): every page is asked for with `requestedMaxResults`, so the
 * upstream requests (and cache keys) are uniform, and the page arithmetic uses the size the
 * answer says was used. Otherwise as `createPageNumberSource`: pages ⌊o/P⌋+1 …
 * ⌊(o+n−1)/P⌋+1 fetched in parallel, nothing past the total, P re-learned if it changes.
 * One instance per request; `expected` as in `createPageNumberSource`.
 */
export function createMaxResultsSource<T>(
  fetchPage: (page: number, maxResults: number, speculative: boolean, signal?: AbortSignal) => Promise<MaxResultsPage<T>>,
  requestedMaxResults = 100,
  expected?: PageLayout,
): OffsetSource<T> {
  return createPagedSource(async (page, speculative, signal) => {
    const { items, totalCount, maxResults } = await fetchPage(page, requestedMaxResults, speculative, signal);
    return { items, totalCount, pageSize: maxResults };
  }, expected);
}
