import type { Connection } from './Connection.js';
import type { ConnectionArgs } from './connectionArgs.js';
import { validateConnectionArgs } from './connectionArgs.js';
import type { ConnectionOptions } from './ConnectionOptions.js';
import type { CursorIdentity } from './cursor.js';
import { decodeCursor, malformedCursorError } from './cursor.js';
import { CursorEdge } from './cursorEdge.js';
import type { OffsetSource } from './OffsetSource.js';

/**
 * One Relay connection page over one offset source. An item's cursor is its offset:
 * `after: c` starts at c + 1, `before: c` ends at c (exclusive), then `first` and then `last`
 * are applied to that slice, as the Relay spec orders them.
 *
 * Reads: forward (`first` given, or the default page size): exactly one `read`. Backward
 * (`last` without `first`): one `read`, plus one `read(0, 0)` for the total first when there
 * is no `before` (the window is then skipped if it is empty).
 *
 * `hasPreviousPage`/`hasNextPage` are exact: whether the list has items before the page's
 * first / after its last. Cursors past the list's end (the list shrank since they were
 * issued) never throw: the page is what remains of the window within the list, possibly
 * empty, and an empty page sits at the cursor's position, clamped to the list.
 *
 * Rejects with `UserInputError` for bad arguments or cursors; a failing `read` rejects as is.
 */
export async function connectionFromOffsetSource<T>(source: OffsetSource<T>, args: ConnectionArgs, options: ConnectionOptions): Promise<Connection<T>> {
  const request = validateConnectionArgs(args, options);
  const identity: CursorIdentity = { kind: options.kind, fingerprint: options.fingerprint };
  const afterOffset = request.after === null ? null : decodeOffset(request.after, identity, 'after');
  const beforeOffset = request.before === null ? null : decodeOffset(request.before, identity, 'before');
  const lower = afterOffset === null ? 0 : afterOffset + 1;

  let start: number;
  let items: T[];
  let totalCount: number;
  if (request.first !== null) {
    const limit = beforeOffset === null ? request.first : clampLimit(Math.min(request.first, beforeOffset - lower));
    const window = await source.read(lower, limit);
    totalCount = window.totalCount;
    items = window.items.slice(0, limit);
    start = lower;
    if (request.last !== null && items.length > request.last) {
      start += items.length - request.last;
      items = items.slice(items.length - request.last);
    }
  } else {
    let knownTotal: number | null = null;
    let upper: number;
    if (beforeOffset === null) {
      knownTotal = (await source.read(0, 0)).totalCount;
      upper = knownTotal;
    } else {
      upper = beforeOffset;
    }
    start = Math.max(lower, upper - request.last);
    const limit = clampLimit(upper - start);
    if (limit === 0 && knownTotal !== null) {
      items = [];
      totalCount = knownTotal;
    } else {
      const window = await source.read(start, limit);
      items = window.items.slice(0, limit);
      totalCount = window.totalCount;
    }
  }

  const edges = items.map((node, index) => new CursorEdge(node, identity, { offset: start + index }));
  return {
    edges,
    pageInfo: {
      hasPreviousPage: Math.min(start, totalCount) > 0,
      hasNextPage: start + items.length < totalCount,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

function decodeOffset(cursor: string, identity: CursorIdentity, argumentName: 'after' | 'before'): number {
  const position = decodeCursor(cursor, identity, argumentName);
  if (!('offset' in position)) throw malformedCursorError(argumentName);
  return position.offset;
}

function clampLimit(limit: number): number {
  return Math.max(0, limit);
}
