import { expect } from 'vitest';

import type { GraphQLResponse, Harness } from './gatewayHarness.js';

/** A Relay connection page as the gateway returns it. */
export interface Page<N> {
  totalCount: number;
  edges: Array<{ cursor: string; node: N }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Paging arguments of one request. */
export interface PageArgs {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
}

/** Fetches one page of a connection for the given paging arguments. */
export type FetchPage<N> = (args: PageArgs) => Promise<Page<N>>;

/** The fields every paging test selects, to splice into a connection's selection. */
export const PAGE_FIELDS = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ...N } }';

/** Fails with the response's errors when there are any; returns its data. */
export function dataOf<D>(response: GraphQLResponse<D>): D {
  expect(response.errors ?? []).toEqual([]);
  expect(response.data).toBeTruthy();
  return response.data as D;
}

/**
 * A FetchPage over a root connection field: `document` must declare `$first/$after/$last/$before`
 * (plus any of `variables`) and select the connection as `connection: <field>(...)`.
 */
export function rootConnection<N>(harness: Harness, document: string, variables: Record<string, unknown> = {}): FetchPage<N> {
  return async (args) => {
    const data = dataOf(await harness.query<{ connection: Page<N> }>(document, { ...variables, ...args }));
    return data.connection;
  };
}

/** Checks a page's own consistency: size, cursors in pageInfo. */
function checkPage<N>(page: Page<N>, size: number): void {
  expect(page.edges.length).toBeLessThanOrEqual(size);
  expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
  expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
}

export interface Walk<N> {
  nodes: N[];
  cursors: string[];
  pages: Page<N>[];
}

/**
 * Pages forward with `first: size` from `after` (the start by default) until
 * `hasNextPage` is false or `maxPages` pages were read. Every page but the last must be
 * full and say `hasNextPage`; every page after the first says `hasPreviousPage`.
 */
export async function walkForward<N>(fetch: FetchPage<N>, size: number, options: { after?: string | null; maxPages?: number } = {}): Promise<Walk<N>> {
  const walk: Walk<N> = { nodes: [], cursors: [], pages: [] };
  let after = options.after ?? null;
  const maxPages = options.maxPages ?? 1000;
  for (let n = 0; n < maxPages; n += 1) {
    const page = await fetch({ first: size, after });
    checkPage(page, size);
    walk.pages.push(page);
    walk.nodes.push(...page.edges.map((e) => e.node));
    walk.cursors.push(...page.edges.map((e) => e.cursor));
    if (after !== null) expect(page.pageInfo.hasPreviousPage).toBe(true);
    if (!page.pageInfo.hasNextPage) return walk;
    expect(page.edges).toHaveLength(size);
    after = page.pageInfo.endCursor;
  }
  return walk;
}

/**
 * Pages backward with `last: size` from `before` (the end by default) until
 * `hasPreviousPage` is false or `maxPages` pages were read. Returns the nodes in list
 * order (first to last), like a forward walk.
 */
export async function walkBackward<N>(fetch: FetchPage<N>, size: number, options: { before?: string | null; maxPages?: number } = {}): Promise<Walk<N>> {
  const pages: Page<N>[] = [];
  let before = options.before ?? null;
  const maxPages = options.maxPages ?? 1000;
  for (let n = 0; n < maxPages; n += 1) {
    const page = await fetch({ last: size, before });
    checkPage(page, size);
    pages.unshift(page);
    if (before !== null) expect(page.pageInfo.hasNextPage).toBe(true);
    if (!page.pageInfo.hasPreviousPage) break;
    expect(page.edges).toHaveLength(size);
    before = page.pageInfo.startCursor;
  }
  return {
    pages,
    nodes: pages.flatMap((p) => p.edges.map((e) => e.node)),
    cursors: pages.flatMap((p) => p.edges.map((e) => e.cursor)),
  };
}

/** Asserts a list has no duplicates under `key`. */
export function expectUnique<T>(items: readonly T[], key: (item: T) => string): void {
  const keys = items.map(key);
  const seen = new Set<string>();
  const duplicates = keys.filter((k) => seen.has(k) || !seen.add(k));
  expect(duplicates).toEqual([]);
}
