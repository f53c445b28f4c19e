/** An item and the key of the list it came from. */
export interface SourcedItem<T> {
  source: string;
  item: T;
}

/**
 * k-way merge of lists that are each already sorted by `compare` into one sorted list.
 * Stable: equal items keep their order within a list, and between lists follow the order
 * of `lists`. O(total × k), which is right for the few sources a connection merges. Stops
 * after `limit` items (the page a forward read keeps).
 */
export function mergeSorted<T>(
  lists: ReadonlyArray<{ source: string; items: readonly T[] }>,
  compare: (a: T, b: T) => number,
  limit = Number.POSITIVE_INFINITY,
): SourcedItem<T>[] {
  const next = lists.map(() => 0);
  const merged: SourcedItem<T>[] = [];
  while (merged.length < limit) {
    let best = -1;
    let bestItem: T | undefined;
    lists.forEach((list, index) => {
      const position = next[index] ?? 0;
      if (position >= list.items.length) return;
      const candidate = list.items[position] as T;
      if (best === -1 || compare(candidate, bestItem as T) < 0) {
        best = index;
        bestItem = candidate;
      }
    });
    if (best === -1) return merged;
    const list = lists[best];
    if (list === undefined) return merged;
    merged.push({ source: list.source, item: bestItem as T });
    next[best] = (next[best] ?? 0) + 1;
  }
  return merged;
}
