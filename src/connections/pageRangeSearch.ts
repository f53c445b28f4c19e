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
  /**
   * A number that grows with the key (a start time in ms), when keys have one: the search then
   * interpolates (see findPageRange). Without it, or for a key it maps to a non-finite number,
   * the search halves.
   */
  position?(key: K): number;
  /**
   * Keys known without a probe, each at its place in page units (page p's items span
   * [p, p + 1); the list's end is 1 + items / pageSize): page 1's keys when it is read
   * already, the first and last key the list can hold known from elsewhere, or a guessed
   * place of a bound. Only hints for the interpolation — a wrong one costs probes, never a
   * wrong range. Given, they replace the spread: neither page 1 nor the last page is probed first.
   */
  anchors?: ReadonlyArray<{ at: number; key: K }>;
}

/** Pages [first, last] that can hold the matching items; empty when `first > last`. */
export interface PageRange {
  first: number;
  last: number;
}

/**
 * The pages of a list sorted ascending by key that can hold items with `lower ≤ key ≤ upper`
 * (each bound optional, inclusive or strict), never by a read of the whole list. Items outside
 * the bounds may share the returned pages: the caller filters exactly. Correct for lists with
 * ties (equal keys spanning pages) and empty pages.
 *
 * - first: the first page whose last key reaches `lower` (every earlier page ends below it);
 * - last: the last page whose first key does not pass `upper` (every later page starts past it).
 *
 * Each step probes one page's first and last key; a probed page whose keys straddle the bound
 * ends that search at once (the pages beside it are then known to be on either side). Without
 * `position`, binary search: at most 2 × ⌈log₂(pageCount + 1)⌉ probes. With it, **interpolation
 * search**: page 1 and the last page are probed first (their keys give the spread), then each
 * step guesses the page of the bound from the keys of the nearest probed pages around it,
 * assuming keys spread evenly over pages; a guess that does not at least halve the pages left
 * switches that end to binary steps for good. So an evenly spread list (a conference's starts)
 * costs page 1 + the last page (or `anchors` instead) + about one probe per end, and the worst case stays
 * O(log pages): at most 2 + 2 × (⌈log₂(pageCount + 1)⌉ + 1) probes. Both ends are searched at
 * once; a page probed by both is read once.
 */
export async function findPageRange<K>(search: PageRangeSearch<K>, lower?: KeyBound<K>, upper?: KeyBound<K>): Promise<PageRange> {
  const { pageCount, compare } = search;
  const probed = new Map<number, Promise<PageKeys<K>>>();
  const known = new Map<number, PageKeys<K>>();
  const probe = (page: number): Promise<PageKeys<K>> => {
    let keys = probed.get(page);
    if (!keys) {
      probed.set(page, (keys = search.probe(page)));
      void keys.then(
        (answer) => known.set(page, answer),
        () => undefined,
      );
    }
    return keys;
  };
  const reaches = (key: K, bound: KeyBound<K>): boolean => (bound.inclusive ? compare(key, bound.key) >= 0 : compare(key, bound.key) > 0);
  const within = (key: K, bound: KeyBound<K>): boolean => (bound.inclusive ? compare(key, bound.key) <= 0 : compare(key, bound.key) < 0);
  const position = search.position?.bind(search);
  const interpolating = position !== undefined && (lower !== undefined || upper !== undefined) && pageCount > 1;
  const anchors = (search.anchors ?? []).filter((anchor) => position !== undefined && Number.isFinite(position(anchor.key)));
  // The spread of the keys: page 1 (usually read already) and the last page, unless anchors give it.
  if (interpolating && anchors.length === 0) await Promise.all([probe(1), probe(pageCount)]);

  /**
   * The page in [from, to] the bound's key most likely falls on, interpolated between the
   * probed pages nearest it (page p's keys taken to span positions [p, p + 1)); undefined
   * when the keys give no finite estimate.
   */
  const guess = (bound: KeyBound<K>, from: number, to: number): number | undefined => {
    if (!position) return undefined;
    const target = position(bound.key);
    if (!Number.isFinite(target)) return undefined;
    const points: Array<[number, number]> = anchors.map((anchor) => [anchor.at, position(anchor.key)]);
    for (const [page, keys] of known) {
      if (keys === null) continue;
      points.push([page, position(keys.first)], [page + 1, position(keys.last)]);
    }
    points.sort((a, b) => a[0] - b[0]);
    let below: [number, number] | undefined;
    let above: [number, number] | undefined;
    for (const point of points) {
      if (!Number.isFinite(point[1])) continue;
      if (point[1] <= target) below = point;
      else if (!above) above = point;
    }
    let estimate: number;
    if (below && above) {
      const spread = above[1] - below[1];
      estimate = spread > 0 ? below[0] + ((target - below[1]) / spread) * (above[0] - below[0]) : below[0];
    } else if (below) estimate = below[0];
    else if (above) estimate = above[0] - 1;
    else return undefined;
    return Math.min(to, Math.max(from, Math.floor(estimate)));
  };

  // Smallest page in [1, pageCount + 1] whose last key reaches `lower` (pageCount + 1: none).
  const firstPage = async (bound: KeyBound<K>): Promise<number> => {
    let low = 1;
    let high = pageCount + 1;
    let interpolate = interpolating;
    while (low < high) {
      const estimate = interpolate ? guess(bound, low, high - 1) : undefined;
      const middle = estimate ?? Math.floor((low + high) / 2);
      const before = high - low;
      const keys = await probe(middle);
      // An empty page can only be the end of the list: nothing at or past it matches.
      if (keys === null || reaches(keys.last, bound)) {
        high = middle;
        // The page starts below the bound, so the page before it ends below it too.
        if (keys !== null && !reaches(keys.first, bound)) low = middle;
      } else low = middle + 1;
      if (estimate !== undefined && (high - low) * 2 > before) interpolate = false;
    }
    return low;
  };
  // Largest page in [0, pageCount] whose first key is within `upper` (0: none).
  const lastPage = async (bound: KeyBound<K>): Promise<number> => {
    let low = 0;
    let high = pageCount;
    let interpolate = interpolating;
    while (low < high) {
      const estimate = interpolate ? guess(bound, low + 1, high) : undefined;
      const middle = estimate ?? Math.ceil((low + high) / 2);
      const before = high - low;
      const keys = await probe(middle);
      if (keys !== null && within(keys.first, bound)) {
        low = middle;
        // The page ends past the bound, so the page after it starts past it too.
        if (!within(keys.last, bound)) high = middle;
      } else high = middle - 1;
      if (estimate !== undefined && (high - low) * 2 > before) interpolate = false;
    }
    return low;
  };
  // The two ends are searched at once: one round of probes per step, not two searches in a row.
  const [first, last] = await Promise.all([lower ? firstPage(lower) : 1, upper ? lastPage(upper) : pageCount]);
  return { first, last };
}
