import { mergeSorted } from './mergeSorted.js';
import type { OffsetSource } from './OffsetSource.js';

/**
 * Several sources, each already sorted by `compare`, as one source sorted by `compare` (equal
 * items follow the order of `sources`). Items [offset, offset + limit) of the merge can come
 * from any of them, so each is read from its start up to offset + limit items (a source that
 * reads lazily reads only those); the total is the sum of theirs. Meant for a few sources
 * and shallow windows (the first pages of a list, the sources of one provider).
 */
export function mergeOffsetSources<T>(sources: ReadonlyArray<OffsetSource<T>>, compare: (a: T, b: T) => number): OffsetSource<T> {
  return {
    async read(offset, limit) {
      const windows = await Promise.all(sources.map((source) => source.read(0, offset + limit)));
      const totalCount = windows.reduce((sum, window) => sum + window.totalCount, 0);
      if (limit <= 0 || offset >= totalCount) return { items: [], totalCount };
      const merged = mergeSorted(
        windows.map((window, index) => ({ source: String(index), items: window.items })),
        compare,
        offset + limit,
      );
      return { items: merged.slice(offset).map((entry) => entry.item), totalCount };
    },
  };
}
