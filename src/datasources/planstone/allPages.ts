import { MAX_PAGES, readAllPages, type FetchPage, type PageLayout } from '../../connections/index.js';

/** The part of Eve's collection envelope that paging reads. */
export interface PageEnvelope {
  _items: unknown[];
  _meta?: { max_results: number; total: number } | undefined;
}

/**
 * Every page of an Eve collection, each passed through `mapPage` as it arrives, in page
 * order (see `readAllPages`: the first page tells the page size actually used and the
 * total, `_meta`; with the layout `expected` from an earlier read every page is asked for
 * at once). Without `_meta` (the docs' samples have none) pages are read one after another
 * until one comes back short or empty.
 */
export function allPages<P extends PageEnvelope, M>(fetchPage: FetchPage<P>, mapPage: (page: P) => M, expected?: PageLayout): Promise<M[]> {
  return readAllPages({
    fetchPage,
    layoutOf: (page) => (page._meta ? { pageSize: page._meta.max_results, totalCount: page._meta.total } : undefined),
    map: mapPage,
    walk: (first) => walkPages(first, (page) => fetchPage(page, false)),
    expected,
  });
}

/** The pages after `first`, one at a time, until one comes back short or empty. */
async function walkPages<P extends PageEnvelope>(first: P, fetchPage: (page: number) => Promise<P>): Promise<P[]> {
  const pages: P[] = [];
  let previous = first;
  for (let page = 2; page <= MAX_PAGES; page += 1) {
    if (previous._items.length === 0 || previous._items.length < first._items.length) break;
    previous = await fetchPage(page);
    pages.push(previous);
  }
  return pages;
}
