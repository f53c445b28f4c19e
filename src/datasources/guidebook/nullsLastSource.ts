import type { OffsetSource } from '../../connections/index.js';

/**
 * Moves the items without a value from the front of a list to its end, by offset.
 *
 * Guidebook orders as PostgreSQL does: a descending `ordering` puts NULLs FIRST, while the
 * API sorts items without a value last in both directions (and the merged `sessions`
 * connection needs every source in that one order). In the provider's descending list the
 * nulls are a prefix [0, k); `k` is found once per instance by a binary search over the
 * source (≈ log₂(total) one-item reads, which the page source turns into a few page reads),
 * and then offset o < total − k reads provider offset o + k, the rest wraps to the prefix.
 * Both blocks keep the provider's order within them (ties by id, descending).
 */
export function nullsLastSource<T>(source: OffsetSource<T>, isNull: (item: T) => boolean): OffsetSource<T> {
  let prefix: Promise<{ nulls: number; totalCount: number }> | null = null;

  async function countNulls(): Promise<{ nulls: number; totalCount: number }> {
    const { totalCount } = await source.read(0, 0);
    // Invariant: [0, low) are null, [high, total) are not.
    let low = 0;
    let high = totalCount;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const [item] = (await source.read(middle, 1)).items;
      if (item !== undefined && isNull(item)) low = middle + 1;
      else high = middle;
    }
    return { nulls: low, totalCount };
  }

  return {
    async read(offset, limit) {
      prefix ??= countNulls().catch((error: unknown) => {
        prefix = null;
        throw error;
      });
      const { nulls, totalCount } = await prefix;
      const valued = totalCount - nulls;
      const items: T[] = [];
      if (offset < valued && limit > 0) {
        const take = Math.min(limit, valued - offset);
        items.push(...(await source.read(nulls + offset, take)).items.slice(0, take));
      }
      const rest = limit - items.length;
      const from = Math.max(0, offset - valued);
      if (rest > 0 && from < nulls && offset + items.length >= valued) {
        const take = Math.min(rest, nulls - from);
        items.push(...(await source.read(from, take)).items.slice(0, take));
      }
      return { items, totalCount };
    },
  };
}
