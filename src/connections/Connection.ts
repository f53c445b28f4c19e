/** One item of a connection and the opaque cursor that addresses it. */
export interface Edge<T> {
  cursor: string;
  node: T;
}

/**
 * Relay `PageInfo`. Both flags are exact in both directions (we know offsets and totals),
 * which the Relay spec allows. The cursors are null exactly when the page has no edges.
 */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay connection page, plus the total of the whole (filtered) list. */
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}
