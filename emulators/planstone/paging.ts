/** Planstone's page size: "Each call will return up to 100 results" (Eve's PAGINATION_DEFAULT/LIMIT overridden). */
export const PAGINATION_DEFAULT = 100;
export const PAGINATION_LIMIT = 100;

export interface Paging {
  page: number;
  maxResults: number;
}

/**
 * Eve's `parse_request`: `max_results` is `int(float(x))`, falling back to the default when
 * ≤ 0 or not a number and silently clamped to the limit (`limit`: the deployment's
 * `PAGINATION_LIMIT`, 100 unless the emulator is told otherwise); `page` is
 * `abs(int(page)) or 1`, ignored (1) when not an integer. Never an error.
 */
export function parsePaging(query: URLSearchParams, limit = PAGINATION_LIMIT): Paging {
  let maxResults = PAGINATION_DEFAULT;
  const rawMax = query.get('max_results');
  if (rawMax !== null) {
    const parsed = pythonFloat(rawMax);
    const truncated = parsed === undefined || !Number.isFinite(parsed) ? undefined : Math.trunc(parsed);
    if (truncated !== undefined && truncated > 0) maxResults = truncated;
  }
  if (maxResults > limit) maxResults = limit;

  let page = 1;
  const rawPage = query.get('page');
  if (rawPage !== null) {
    const parsed = pythonInt(rawPage);
    if (parsed !== undefined) page = Math.abs(parsed) || 1;
  }
  return { page, maxResults };
}

/** Python `int(text)`: optional sign, digits with single underscores, surrounding whitespace. */
function pythonInt(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(trimmed)) return undefined;
  return Number(trimmed.replace(/_/g, ''));
}

/** Python `float(text)`: decimal or exponent notation, `inf`, `nan`, surrounding whitespace. */
function pythonFloat(text: string): number | undefined {
  const trimmed = text.trim().replace(/(\d)_(?=\d)/g, '$1');
  if (/^[+-]?(inf|infinity)$/i.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(trimmed)) return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}
