import type { OffsetSource } from '../../src/connections/index.js';

/** An in-memory offset source that records every read and can be told to fail. */
export interface FakeSource<T> extends OffsetSource<T> {
  items: T[];
  reads: Array<[offset: number, limit: number]>;
  /** When set, the next reads reject with this error (until cleared). */
  failWith: Error | null;
}

export function fakeSource<T>(items: T[]): FakeSource<T> {
  const source: FakeSource<T> = {
    items,
    reads: [],
    failWith: null,
    async read(offset, limit) {
      source.reads.push([offset, limit]);
      await Promise.resolve();
      if (source.failWith) throw source.failWith;
      return { items: source.items.slice(offset, offset + limit), totalCount: source.items.length };
    },
  };
  return source;
}

export function range(length: number): number[] {
  return Array.from({ length }, (_, i) => i);
}

export interface Window {
  start: number;
  end: number;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
}

/**
 * The Relay spec's algorithm over indexes [0, total), with exact hasPreviousPage/hasNextPage:
 * cursors by index, `after`/`before` first, then `first`, then `last`.
 */
export function relayWindow(
  total: number,
  args: { after?: number | undefined; before?: number | undefined; first?: number | undefined; last?: number | undefined },
): Window {
  let start = args.after === undefined ? 0 : args.after + 1;
  let end = args.before === undefined ? total : args.before;
  if (end < start) end = start;
  if (args.first !== undefined && end - start > args.first) end = start + args.first;
  if (args.last !== undefined && end - start > args.last) start = end - args.last;
  return { start, end, hasPreviousPage: start > 0, hasNextPage: end < total };
}

/** Expect `promise` to reject with a BAD_USER_INPUT error naming `argumentName`. */
export async function badInput(promise: Promise<unknown>, argumentName: string): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { extensions?: { code?: string; argumentName?: string } };
    if (e.extensions?.code !== 'BAD_USER_INPUT' || e.extensions.argumentName !== argumentName) {
      throw new Error(`expected BAD_USER_INPUT on ${argumentName}, got ${String(e)} ${JSON.stringify(e.extensions)}`, { cause: error });
    }
    return e;
  }
  throw new Error(`expected BAD_USER_INPUT on ${argumentName}, but it resolved`);
}
