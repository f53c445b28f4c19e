import { UserInputError } from '../errors/index.js';
import type { Connection } from './Connection.js';
import type { ConnectionArgs } from './connectionArgs.js';
import { validateConnectionArgs } from './connectionArgs.js';
import type { ConnectionOptions } from './ConnectionOptions.js';
import type { CursorIdentity, MergedPosition } from './cursor.js';
import { decodeCursor, malformedCursorError } from './cursor.js';
import { CursorEdge } from './cursorEdge.js';
import { mergeSorted } from './mergeSorted.js';
import type { OffsetSource } from './OffsetSource.js';

/** A source whose read rejected while building a merged page. */
export interface SourceFailure {
  /** The source's key in the `sources` record. */
  source: string;
  /** What its read rejected with, untouched (the caller maps it to a GraphQL error). */
  error: unknown;
}

/** A merged page, and the sources that could not contribute to it. */
export interface MergedConnectionResult<T> {
  connection: Connection<T>;
  failures: SourceFailure[];
}

/** A source's place: an offset, or `null` for "its end" (its total, not known yet). */
type Bound = number | null;

interface SourceWindow<T> {
  /** Offset in the source of `items[0]` (or of the page position when there are none). */
  start: number;
  items: T[];
  totalCount: number;
}

type Healthy<T> = SourceWindow<T> & { ok: true; source: string };
type Outcome<T> = Healthy<T> | { ok: false; source: string; offset: Bound; error: unknown };

/**
 * One Relay connection page over several sources merged into one order: a k-way merge of
 * sources that are each sorted consistently with `compare`. `compare` must be a total
 * order (break ties with a stable key such as (startTime, source, sourceId)); ties it leaves
 * are broken by source key.
 *
 * A cursor holds, per source, how many of that source's items come strictly before the
 * item, and the item's own source: `after` resumes every source exactly where it stopped,
 * `before` ends every source there. Forward (`first`, or the default page size): one read
 * per source, in parallel, of at most `first` items from its offset; merge; keep `first`;
 * then `last` if also given. Backward (`last` without `first`): the mirror image, reading
 * [max(0, o − last), o) per source and keeping the last `last`; a source whose end is not in
 * the cursor (no `before`) first costs one `read(0, 0)` for its total. `hasPreviousPage` and
 * `hasNextPage` are exact, from per-source offsets and totals.
 *
 * Partial results: a source whose read rejects does not fail the page. It contributes no
 * items and is listed in `failures`; in the cursors of this page its offset stays where the
 * incoming cursor put it (its start going forward, its end going backward), so a later page
 * resumes it with nothing skipped — its items may then arrive out of global order relative
 * to pages already served, but never twice and never lost. Under failure, `totalCount` is
 * the sum of the healthy sources' totals and `hasNextPage`/`hasPreviousPage` consider only
 * healthy sources (the alternative, "maybe", would keep clients paging forever while a
 * provider is down). When every source fails, the page is empty and all are in `failures`;
 * whether that is an error is the caller's call.
 *
 * Rejects only with `UserInputError`, for bad arguments or cursors (including a cursor
 * issued for a different set of source keys).
 */
export async function connectionFromMergedSources<T>(
  sources: Readonly<Record<string, OffsetSource<T>>>,
  compare: (a: T, b: T) => number,
  args: ConnectionArgs,
  options: ConnectionOptions,
): Promise<MergedConnectionResult<T>> {
  const request = validateConnectionArgs(args, options);
  const identity: CursorIdentity = { kind: options.kind, fingerprint: options.fingerprint };
  const keys = Object.keys(sources).sort();
  const after = request.after === null ? null : decodeMerged(request.after, identity, keys, 'after');
  const before = request.before === null ? null : decodeMerged(request.before, identity, keys, 'before');
  const forward = request.first !== null;
  const size = request.first !== null ? request.first : request.last;

  const outcomes = await Promise.all(
    keys.map(async (key): Promise<Outcome<T>> => {
      const source = sources[key] as OffsetSource<T>;
      const afterOffset = after ? (after.offsets[key] ?? null) : 0;
      const lower: Bound = after && afterOffset !== null && after.source === key ? afterOffset + 1 : afterOffset;
      const upper: Bound = before ? (before.offsets[key] ?? null) : null;
      try {
        const window = forward ? await readForward(source, lower, upper, size) : await readBackward(source, lower, upper, size);
        return { ok: true, source: key, ...window };
      } catch (error) {
        return { ok: false, source: key, offset: forward ? lower : upper, error };
      }
    }),
  );
  const healthy = outcomes.filter((outcome) => outcome.ok);
  const failures = outcomes.filter((outcome) => !outcome.ok).map(({ source, error }) => ({ source, error }));

  // Each merged item's position: per source, how many of its items precede the item.
  const running: Record<string, number | null> = {};
  for (const outcome of outcomes) running[outcome.source] = outcome.ok ? outcome.start : outcome.offset;
  // Forward, only the first `first` merged items can be kept: merge no further.
  const positioned = mergeSorted(healthy, compare, request.first ?? Number.POSITIVE_INFINITY).map(({ source, item }) => {
    const position: MergedPosition = { offsets: { ...running }, source };
    running[source] = (running[source] ?? 0) + 1;
    return { position, item };
  });

  // Relay: `first`, then `last`, on the slice (backward reads have no `first`).
  const head = request.first !== null ? positioned.slice(0, request.first) : positioned;
  const kept = request.last !== null ? head.slice(Math.max(0, head.length - request.last)) : head;

  // Where the page starts and ends in each source; an empty page sits where `first` stopped.
  const firstKept = kept[0]?.position;
  const lastKept = kept.at(-1)?.position ?? head.at(-1)?.position;
  const offsetAfter = (position: MergedPosition, key: string): number => (position.offsets[key] ?? 0) + (position.source === key ? 1 : 0);
  const startOf = (o: Healthy<T>): number => (firstKept ? (firstKept.offsets[o.source] ?? 0) : lastKept ? offsetAfter(lastKept, o.source) : o.start);
  const endOf = (o: Healthy<T>): number => (lastKept ? offsetAfter(lastKept, o.source) : o.start);
  const edges = kept.map(({ position, item }) => new CursorEdge(item, identity, position));
  return {
    connection: {
      edges,
      pageInfo: {
        hasPreviousPage: healthy.some((o) => Math.min(startOf(o), o.totalCount) > 0),
        hasNextPage: healthy.some((o) => endOf(o) < o.totalCount),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: healthy.reduce((sum, o) => sum + o.totalCount, 0),
    },
    failures,
  };
}

// At most `size` items from `lower`, not past `upper`: one read.
async function readForward<T>(source: OffsetSource<T>, lower: Bound, upper: Bound, size: number): Promise<SourceWindow<T>> {
  if (lower === null) {
    // The cursor put this source at its end: nothing to read but its total.
    const { totalCount } = await source.read(0, 0);
    return { start: totalCount, items: [], totalCount };
  }
  const limit = upper === null ? size : Math.max(0, Math.min(size, upper - lower));
  const window = await source.read(lower, limit);
  return { start: lower, items: window.items.slice(0, limit), totalCount: window.totalCount };
}

// At most `size` items ending at `upper`, not before `lower`: one read, after a totals read
// when a bound is the source's unknown end.
async function readBackward<T>(source: OffsetSource<T>, lower: Bound, upper: Bound, size: number): Promise<SourceWindow<T>> {
  const knownTotal = lower === null || upper === null ? (await source.read(0, 0)).totalCount : null;
  const low = lower ?? knownTotal ?? 0;
  const high = upper ?? knownTotal ?? 0;
  const start = Math.max(low, high - size);
  const limit = Math.max(0, high - start);
  if (limit === 0 && knownTotal !== null) return { start, items: [], totalCount: knownTotal };
  const window = await source.read(start, limit);
  return { start, items: window.items.slice(0, limit), totalCount: window.totalCount };
}

function decodeMerged(cursor: string, identity: CursorIdentity, keys: readonly string[], argumentName: 'after' | 'before'): MergedPosition {
  const position = decodeCursor(cursor, identity, argumentName);
  if (!('offsets' in position)) throw malformedCursorError(argumentName);
  const cursorKeys = Object.keys(position.offsets).sort();
  if (cursorKeys.length !== keys.length || cursorKeys.some((key, index) => key !== keys[index])) {
    throw new UserInputError(
      `The "${argumentName}" cursor was issued when this connection merged other sources (${cursorKeys.join(', ')}; now ${keys.join(', ')}). Start paging again without "${argumentName}".`,
      argumentName,
    );
  }
  return position;
}
