import { setImmediate as yieldToIo } from 'node:timers/promises';

/** Upper bound on pages read when the feed gives no `_meta` (guards against a feed that never ends). */
const MAX_PAGES = 500;

/** The part of Eve's collection envelope that paging reads. */
export interface PageEnvelope {
  _items: unknown[];
  _meta?: { max_results: number; total: number } | undefined;
}

/**
 * Every page of an Eve collection, each passed through `mapPage` as it arrives, in page
 * order. The first page tells the page size actually used and the total (`_meta`); the rest
 * are requested in parallel before the first is mapped, so that its mapping overlaps their
 * round trip instead of delaying it. Without `_meta` (the docs' samples have none) pages are
 * read one after another until one comes back short or empty.
 */
export async function allPages<P extends PageEnvelope, M>(fetchPage: (page: number) => Promise<P>, mapPage: (page: P) => M): Promise<M[]> {
  const first = await fetchPage(1);
  if (!first._meta) return (await walkPages(first, fetchPage)).map(mapPage);
  const size = Math.max(1, first._meta.max_results);
  const pageCount = Math.min(MAX_PAGES, Math.ceil(first._meta.total / size));
  const rest = Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => fetchPage(i + 2).then(mapPage));
  // Not awaited here, so that this frame does not keep the parsed first page alive.
  return Promise.all([mapAfterIo(first, mapPage, rest.length > 0), ...rest]);
}

async function walkPages<P extends PageEnvelope>(first: P, fetchPage: (page: number) => Promise<P>): Promise<P[]> {
  const pages = [first];
  for (let page = 2; page <= MAX_PAGES; page += 1) {
    const previous = pages[pages.length - 1]!;
    if (previous._items.length === 0 || previous._items.length < first._items.length) break;
    pages.push(await fetchPage(page));
  }
  return pages;
}

/**
 * Maps a page once the requests just started have reached their sockets (when `yieldFirst`),
 * so that the mapping does not hold them back. Once mapped, the parsed page (~1 MB for a
 * full feed page) is garbage, not kept alive while the other pages arrive.
 */
async function mapAfterIo<P, M>(page: P, mapPage: (page: P) => M, yieldFirst: boolean): Promise<M> {
  if (yieldFirst) await yieldToIo();
  return mapPage(page);
}
