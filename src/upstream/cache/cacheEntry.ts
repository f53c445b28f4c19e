/**
 * What the shared cache stores for one upstream read: the validated payload and the
 * instants (ms since the epoch) that bound its use. Plain JSON, so Redis can hold it.
 */
export interface CacheEntry<T = unknown> {
  /** The validated payload. */
  v: T;
  /** Fresh until this instant: served without a thought. */
  f: number;
  /** Until this instant, served stale while one background refresh runs. */
  g: number;
  /** The digest of the answer's text (see TransportAnswer.digest): changes with its content. Absent in entries of older builds. */
  h?: string;
}

/** True for a value that has the shape of a `CacheEntry`. */
export function isCacheEntry(value: unknown): value is CacheEntry {
  return (
    typeof value === 'object' && value !== null && 'v' in value && typeof (value as CacheEntry).f === 'number' && typeof (value as CacheEntry).g === 'number'
  );
}
