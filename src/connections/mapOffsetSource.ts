import type { OffsetSource } from './OffsetSource.js';

/**
 * A source whose windows are `source`'s windows with each item passed through `map`: a
 * list read whole can then be mapped only where a page shows it, not in full.
 */
export function mapOffsetSource<T, U>(source: OffsetSource<T>, map: (item: T) => U): OffsetSource<U> {
  return {
    async read(offset, limit) {
      const window = await source.read(offset, limit);
      return { items: window.items.map(map), totalCount: window.totalCount };
    },
  };
}
