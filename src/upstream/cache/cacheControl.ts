/** The `Cache-Control` directives a shared cache of upstream reads acts on. */
export interface CacheDirectives {
  noStore: boolean;
  /** `no-cache`: may be stored only if revalidated before use; we never revalidate, so: not stored. */
  noCache: boolean;
  /** `must-revalidate` / `proxy-revalidate`: never served stale. */
  mustRevalidate: boolean;
  /** `s-maxage`, else `max-age`, in seconds. */
  maxAgeSeconds: number | undefined;
}

/** Parses a `Cache-Control` header (case-insensitive, repeated headers joined). */
export function parseCacheControl(header: string | string[] | undefined): CacheDirectives {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const directives = new Map<string, string | undefined>();
  for (const part of text.split(',')) {
    const [name, value] = part.trim().split('=', 2) as [string, string | undefined];
    if (name) directives.set(name.toLowerCase(), value?.replace(/^"|"$/g, ''));
  }
  const seconds = (name: string): number | undefined => {
    const value = directives.get(name);
    const parsed = value === undefined ? Number.NaN : Number.parseInt(value, 10);
    return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
  };
  return {
    noStore: directives.has('no-store'),
    noCache: directives.has('no-cache'),
    mustRevalidate: directives.has('must-revalidate') || directives.has('proxy-revalidate'),
    maxAgeSeconds: seconds('s-maxage') ?? seconds('max-age'),
  };
}

/** How long one answer may be kept: fresh for `ttlMs`, then served stale for at most `graceMs`. */
export interface Freshness {
  ttlMs: number;
  graceMs: number;
}

/**
 * The provider's word on one answer, applied to our configured freshness. The provider can
 * only shorten it: `no-store`/`no-cache` mean not stored at all, `max-age` (less `Age`)
 * caps the fresh period, `must-revalidate` removes the stale grace. `private` is accepted:
 * every entry is keyed by the credential that fetched it, so it is never shared with
 * another principal.
 */
export function applyCacheControl(configured: Freshness, headers: Record<string, string | string[] | undefined>): Freshness {
  const directives = parseCacheControl(headers['cache-control']);
  if (directives.noStore || directives.noCache) return { ttlMs: 0, graceMs: 0 };
  let { ttlMs, graceMs } = configured;
  if (directives.maxAgeSeconds !== undefined) {
    const ageHeader = headers.age;
    const age = Number.parseInt(Array.isArray(ageHeader) ? (ageHeader[0] ?? '') : (ageHeader ?? ''), 10);
    const remaining = (directives.maxAgeSeconds - (Number.isFinite(age) && age > 0 ? age : 0)) * 1000;
    ttlMs = Math.min(ttlMs, Math.max(0, remaining));
  }
  if (directives.mustRevalidate) graceMs = 0;
  return { ttlMs, graceMs };
}
