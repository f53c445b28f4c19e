import { PAGINATION_DEFAULT, type Paging } from './paging.js';
import type { PlanstoneDocument } from './types.js';

/** Query parameters Eve consumes itself; every other one is echoed into the links. */
const EVE_PARAMS = new Set(['where', 'sort', 'page', 'max_results', 'embedded', 'projection', 'version']);

export interface Link {
  title: string;
  href: string;
}

/** A collection page as Eve's `_perform_find` writes it. */
export interface CollectionEnvelope {
  _items: PlanstoneDocument[];
  _links: Record<string, Link>;
  _meta: { page: number; max_results: number; total: number };
}

/** The raw (decoded, not re-encoded) `where` and `sort`, plus the other parameters, as Eve keeps them. */
export interface LinkQuery {
  where: string | null;
  sort: string | null;
  query: URLSearchParams;
}

/**
 * Eve's `utils.querydef`: `max_results=` (only when not the default), `where=` and `sort=`
 * verbatim (raw JSON, not URL-encoded), `page=` (only when > 1), then the other parameters
 * in arrival order; the leading `&` stripped; `""` when nothing is left.
 */
export function querydef(maxResults: number, link: LinkQuery, page: number): string {
  const parts = [
    maxResults !== PAGINATION_DEFAULT ? `max_results=${maxResults}` : '',
    link.where ? `&where=${link.where}` : '',
    link.sort ? `&sort=${link.sort}` : '',
    page > 1 ? `&page=${page}` : '',
    ...otherParams(link.query).map(([key, value]) => `&${key}=${value}`),
  ];
  const q = parts.join('').replace(/^&+/, '');
  return q ? `?${q}` : '';
}

/**
 * Eve's `_pagination_links` for a collection: `parent` and `self` always (self gets the query
 * string only when `total > 0`), `next` and `last` only when `page * max_results < total`,
 * `prev` only when `page > 1` (even past the end), and never a `first`.
 */
export function paginationLinks(resource: string, paging: Paging, total: number, link: LinkQuery): Record<string, Link> {
  const { page, maxResults } = paging;
  const links: Record<string, Link> = {
    parent: { title: 'home', href: '/' },
    self: { title: resource, href: total ? `${resource}${querydef(maxResults, link, page)}` : resource },
  };
  if (page * maxResults < total) {
    links.next = { title: 'next page', href: `${resource}${querydef(maxResults, link, page + 1)}` };
    links.last = { title: 'last page', href: `${resource}${querydef(maxResults, link, Math.ceil(total / maxResults))}` };
  }
  if (page > 1) links.prev = { title: 'previous page', href: `${resource}${querydef(maxResults, link, page - 1)}` };
  return links;
}

/** The envelope for one page of an already filtered and sorted result. */
export function collectionEnvelope(resource: string, items: PlanstoneDocument[], paging: Paging, total: number, link: LinkQuery): CollectionEnvelope {
  return {
    _items: items,
    _links: paginationLinks(resource, paging, total, link),
    _meta: { page: paging.page, max_results: paging.maxResults, total },
  };
}

/** Werkzeug's `MultiDict.lists()` order: keys by first appearance, each with all its values. */
function otherParams(query: URLSearchParams): [string, string][] {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of query) {
    if (EVE_PARAMS.has(key)) continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  return [...grouped].flatMap(([key, values]) => values.map((value) => [key, value] as [string, string]));
}
