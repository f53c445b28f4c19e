import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { rewriteQuery } from './queryString.js';
import { invalidPage, respond } from './responses.js';

/** DRF `PageNumberPagination` settings for this emulator. */
export interface PaginationSettings {
  /** Server-chosen default page size (undocumented upstream). */
  pageSize: number;
  /** Cap for the `page_size` query param. */
  maxPageSize: number;
}

/**
 * Answers a list the way DRF's `PageNumberPagination` does [I, DRF 3.12]:
 * `{count, next, previous, results}` with absolute links built from the request's Host;
 * pages are 1-based; `page=last` is the last page; a non-integer or out-of-range page is
 * 404 `{"detail":"Invalid page."}`, except page 1 of an empty list; `previous` for page 2
 * drops `page`; `page_size` (positive integer, capped) overrides the default, anything
 * else in it is ignored.
 */
export function paginate<T>(req: EmulatorRequest, items: T[], settings: PaginationSettings, serialize: (item: T) => unknown): EmulatorResponse {
  const pageSize = readPageSize(req.query.get('page_size'), settings);
  const numPages = Math.max(1, Math.ceil(items.length / pageSize));
  const raw = req.query.get('page') ?? '1';
  const page = raw === 'last' ? numPages : parsePythonInt(raw);
  if (page === undefined || page < 1 || page > numPages) return invalidPage();

  const base = `${req.url.origin}${req.url.pathname}`;
  const link = (target: number | undefined): string => {
    const query = rewriteQuery(req.query, 'page', target === undefined ? undefined : String(target));
    return query ? `${base}?${query}` : base;
  };
  const start = (page - 1) * pageSize;
  return respond(200, {
    count: items.length,
    next: page < numPages ? link(page + 1) : null,
    previous: page > 1 ? link(page === 2 ? undefined : page - 1) : null,
    results: items.slice(start, start + pageSize).map(serialize),
  });
}

function readPageSize(raw: string | null, settings: PaginationSettings): number {
  if (raw === null) return settings.pageSize;
  const size = parsePythonInt(raw);
  if (size === undefined || size <= 0) return settings.pageSize;
  return Math.min(size, settings.maxPageSize);
}

/** Python's `int(text)` for the inputs that matter here: optional sign, digits, whitespace, underscores between digits. */
export function parsePythonInt(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(trimmed)) return undefined;
  return Number(trimmed.replace(/_/g, ''));
}
