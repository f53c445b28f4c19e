/** The smallest and largest key on one page of an ordered list; `null` for an empty page. */
export type PageKeys<K> = { first: K; last: K } | null;

/** A bound on the key: items at or past it (`inclusive`) or strictly past it. */
export interface KeyBound<K> {
  key: K;
  inclusive: boolean;
}

export interface PageRangeSearch<K> {
  /** Pages of the list (1-based, every page full but the last). */
  pageCount: number;
  /** Reads page `page`'s first and last key (a cached page read: each call may cost an upstream call). */
  probe(page: number): Promise<PageKeys<K>>;
  /** The list's order on keys (ascending: negative when `a` comes first). */
  compare(a: K, b: K): number;
}

/** Pages [first, last] that can hold the matching items; empty when `first > last`. */
export interface PageRange {
  first: number;
  last: number;
}

/**
 * The pages of a list sorted ascending by key that can hold items with `lower ≤ key ≤ upper`
 * (each bound optional, inclusive or strict), found by binary search over page numbers: each
 * step probes one page's first and last key, so finding both ends costs at most
 * 2 × ⌈log₂(pageCount + 1)⌉ probes in ⌈log₂(pageCount + 1)⌉ rounds (both ends are searched
 * at once; a page probed by both is read once), never a
 * read of the whole list. Items outside the bounds may share the returned pages: the caller
 * filters exactly. Correct for lists with ties (equal keys spanning pages) and empty pages.
 *
 * - first: the first page whose last key reaches `lower` (every earlier page ends below it);
 * - last: the last page whose first key does not pass `upper` (every later page starts past it).
 */
export async function findPageRange<K>(search: PageRangeSearch<K>, lower?: KeyBound<K>, upper?: KeyBound<K>): Promise<PageRange> {
  const { pageCount, compare } = search;
  const probed = new Map<number, Promise<PageKeys<K>>>();
  const probe = (page: number): Promise<PageKeys<K>> => {
    let keys = probed.get(page);
    if (!keys) probed.set(page, (keys = search.probe(page)));
    return keys;
  };
  const reaches = (key: K, bound: KeyBound<K>): boolean => (bound.inclusive ? compare(key, bound.key) >= 0 : compare(key, bound.key) > 0);
  const within = (key: K, bound: KeyBound<K>): boolean => (bound.inclusive ? compare(key, bound.key) <= 0 : compare(key, bound.key) < 0);

  // Smallest page in [1, pageCount + 1] whose last key reaches `lower` (pageCount + 1: none).
  const firstPage = async (bound: KeyBound<K>): Promise<number> => {
    let low = 1;
    let high = pageCount + 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const keys = await probe(middle);
      // An empty page can only be the end of the list: nothing at or past it matches.
      if (keys === null || reaches(keys.last, bound)) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  // Largest page in [0, pageCount] whose first key is within `upper` (0: none).
  const lastPage = async (bound: KeyBound<K>): Promise<number> => {
    let low = 0;
    let high = pageCount;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      const keys = await probe(middle);
      if (keys !== null && within(keys.first, bound)) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  // The two ends are searched at once: one round of probes per step, not two searches in a row.
  const [first, last] = await Promise.all([lower ? firstPage(lower) : 1, upper ? lastPage(upper) : pageCount]);
  return { first, last };
}
