import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Every upstream cache entry one operation was built from, as the operation read them: the
 * whole-response cache (src/server/responseCache/) stores an answer only with this list,
 * so that the answer dies with any entry in it.
 *
 * Contract: a key is recorded when its read *begins* (so an invalidation racing the read
 * still finds it), then settled with the entry's freshness. An answer may be kept only
 * while every entry it read is fresh (`freshUntil`), and not at all when one of them was
 * served stale, was not cached (TTL 0, `no-store`), or is still unsettled.
 */
export class ReadRecord {
  /** Upstream cache key → the instant (ms) its entry stops being fresh; NaN while the read is under way. */
  readonly reads = new Map<string, number>();
  /** A read was served stale, was not kept in the cache, or failed: the answer must not be stored. */
  unstorable = false;
  /** The operation wrote to a provider. */
  wrote = false;

  /** The instant the first entry read stops being fresh (+Infinity when nothing was read); NaN: a read never settled. */
  freshUntil(): number {
    let until = Number.POSITIVE_INFINITY;
    for (const fresh of this.reads.values()) {
      if (Number.isNaN(fresh)) return Number.NaN;
      if (fresh < until) until = fresh;
    }
    return until;
  }
}

const storage = new AsyncLocalStorage<ReadRecord>();

/** Runs `fn` (and everything it starts asynchronously) with its upstream reads recorded in `record`. */
export function recordingReads<T>(record: ReadRecord, fn: () => T): T {
  return storage.run(record, fn);
}

/** The record of the operation being executed, if one is being kept. */
export function currentReadRecord(): ReadRecord | undefined {
  return storage.getStore();
}

/** A read of `key` begins (see ReadRecord). */
export function readBegins(key: string): ReadRecord | undefined {
  const record = storage.getStore();
  if (record && !record.reads.has(key)) record.reads.set(key, Number.NaN);
  return record;
}

/** A read of `key` was withdrawn by its caller before it answered: unless the key was also read otherwise, it is forgotten. */
export function readWithdrawn(record: ReadRecord | undefined, key: string): void {
  if (record && Number.isNaN(record.reads.get(key))) record.reads.delete(key);
}

/**
 * A read of `key` ended: `freshUntil` is its entry's fresh-until instant, or `undefined`
 * when the answer was served stale, was not cached, or failed.
 */
export function readEnds(record: ReadRecord | undefined, key: string, freshUntil: number | undefined): void {
  if (!record) return;
  if (freshUntil === undefined || !(freshUntil > Date.now())) {
    record.unstorable = true;
    record.reads.set(key, 0);
    return;
  }
  const known = record.reads.get(key);
  record.reads.set(key, known === undefined || Number.isNaN(known) ? freshUntil : Math.min(known, freshUntil));
}
