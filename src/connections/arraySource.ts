import type { OffsetSource } from './OffsetSource.js';

/**
 * An offset source over a list a provider returns whole (Roundware): `load` runs once per
 * instance, on the first read, and every read slices its result. `load` returns the list
 * already filtered and ordered. A rejected load is not kept: the next read tries again.
 */
export function createArraySource<T>(load: () => Promise<readonly T[]>): OffsetSource<T> {
  let loaded: Promise<readonly T[]> | null = null;
  return {
    async read(offset, limit) {
      loaded ??= load().catch((error: unknown) => {
        loaded = null;
        throw error;
      });
      const all = await loaded;
      return { items: all.slice(offset, offset + limit), totalCount: all.length };
    },
  };
}
