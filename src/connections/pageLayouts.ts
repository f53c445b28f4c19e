import { LRUCache } from 'lru-cache';

/** How a numbered list was paged when it was last read: the server's page size and the total. */
export interface PageLayout {
  pageSize: number;
  totalCount: number;
}

/** Pages of `layout` (a list that is empty still has page 1). */
export function pageCountOf(layout: PageLayout): number {
  return Math.max(1, Math.ceil(layout.totalCount / layout.pageSize));
}

/**
 * The layouts of paged lists as last seen, one entry per list (a resource and its query
 * without the page). Without it every read of a list waits for page 1 before it can ask
 * for the other pages it needs: a round trip per read. With it a read asks for page 1 and
 * the pages the remembered layout puts its window on at once, and page 1's answer confirms
 * the layout or the read carries on from what page 1 says.
 *
 * A layout is a hint, never data: nothing is served from it, and it is kept when the
 * response cache is off. One instance per provider client (so per credential); the least
 * recently read lists are forgotten past `maxLists`, or past `maxKeyChars` of list keys in
 * all (a key holds its list's query, which may be long: a speaker batch names 100 pids).
 */
export class PageLayouts {
  readonly #layouts: LRUCache<string, PageLayout>;

  constructor(maxLists = 2_000, maxKeyChars = 1_000_000) {
    this.#layouts = new LRUCache({ max: maxLists, maxSize: maxKeyChars, sizeCalculation: (_layout, list) => Math.max(1, list.length) });
  }

  /** What page 1 of `list` told, or nothing when it told no page size. */
  learn(list: string, layout: PageLayout | undefined): void {
    if (layout && Number.isSafeInteger(layout.pageSize) && layout.pageSize >= 1 && Number.isSafeInteger(layout.totalCount) && layout.totalCount >= 0) {
      this.#layouts.set(list, { pageSize: layout.pageSize, totalCount: layout.totalCount });
    }
  }

  /**
   * Page 1 of `list` failed: the next read waits for page 1 again rather than send pages
   * ahead to a provider that is failing (each would be an attempt wasted on it).
   */
  forget(list: string): void {
    this.#layouts.delete(list);
  }

  recall(list: string): PageLayout | undefined {
    return this.#layouts.get(list);
  }
}
