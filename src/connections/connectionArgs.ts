import { UserInputError } from '../errors/index.js';

/** The Relay paging arguments, as GraphQL hands them to a resolver. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Page-size limits of one connection field. */
export interface PageSizeOptions {
  /** Largest `first` or `last` a client may ask for. Default {@link DEFAULT_MAX_PAGE_SIZE}. */
  maxPageSize?: number;
  /**
   * Page size when the client gives neither `first` nor `last`. Default
   * {@link DEFAULT_PAGE_SIZE}, or `maxPageSize` when that is smaller.
   */
  defaultPageSize?: number;
}

/** Page size when a client gives neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;

/** Largest `first`/`last` a client may ask for, unless a field says otherwise. */
export const DEFAULT_MAX_PAGE_SIZE = 100;

/**
 * Paging arguments after validation: cursors still opaque, and at least one of `first`
 * and `last` set, so a connection reads forward (`first` set) or backward (`first` null).
 */
export type ValidConnectionArgs =
  | { first: number; last: number | null; after: string | null; before: string | null }
  | { first: null; last: number; after: string | null; before: string | null };

/**
 * Checks `first`/`last` and fills in the default page size.
 *
 * - `first`/`last` must be whole numbers in [0, maxPageSize]; otherwise {@link UserInputError}
 *   naming the argument (and, for too large, the limit).
 * - Both may be given: Relay applies `first` and then `last` to the slice.
 * - Neither given: `first: defaultPageSize`, except with only `before` (no `after`), which
 *   reads as "the page before this one": `last: defaultPageSize`.
 *
 * Cursors are not decoded here; that needs the connection's identity (see `decodeCursor`).
 * An empty-string cursor counts as given (and is then refused as malformed).
 */
export function validateConnectionArgs(args: ConnectionArgs, options: PageSizeOptions = {}): ValidConnectionArgs {
  const maxPageSize = options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
  const defaultPageSize = options.defaultPageSize ?? Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
  if (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1) throw new RangeError(`maxPageSize must be a positive integer, got ${maxPageSize}`);
  if (!Number.isSafeInteger(defaultPageSize) || defaultPageSize < 0 || defaultPageSize > maxPageSize) {
    throw new RangeError(`defaultPageSize must be an integer in [0, ${maxPageSize}], got ${defaultPageSize}`);
  }

  const first = checkCount('first', args.first, maxPageSize);
  const last = checkCount('last', args.last, maxPageSize);
  const after = args.after ?? null;
  const before = args.before ?? null;
  if (first !== null) return { first, last, after, before };
  if (last !== null) return { first: null, last, after, before };
  return before !== null && after === null ? { first: null, last: defaultPageSize, after, before } : { first: defaultPageSize, last: null, after, before };
}

function checkCount(name: 'first' | 'last', value: number | null | undefined, maxPageSize: number): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value)) throw new UserInputError(`"${name}" must be a whole number, got ${value}.`, name);
  if (value < 0) throw new UserInputError(`"${name}" must not be negative, got ${value}. Ask for 0 to ${maxPageSize} items.`, name);
  if (value > maxPageSize) {
    throw new UserInputError(
      `"${name}" must be at most ${maxPageSize}, got ${value}. Ask for at most ${maxPageSize} items and page on with the cursors in pageInfo.`,
      name,
    );
  }
  return value;
}
