import type { OffsetSource } from '../connections/index.js';

/** A list with nothing in it. */
export const EMPTY_SOURCE: OffsetSource<never> = { read: async () => ({ items: [], totalCount: 0 }) };

/**
 * An offset source that is only known after a read (a filter that needs a provider's data
 * first, such as a guide's time zone): `build` runs on the first read, once; a rejected
 * build is not kept, so the next read tries again.
 */
export function deferredSource<T>(build: () => Promise<OffsetSource<T>>): OffsetSource<T> {
  let built: Promise<OffsetSource<T>> | null = null;
  return {
    async read(offset, limit) {
      built ??= build().catch((error: unknown) => {
        built = null;
        throw error;
      });
      return (await built).read(offset, limit);
    },
  };
}
