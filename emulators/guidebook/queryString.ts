/**
 * Python's `urllib.parse.quote_plus`: only letters, digits and `_.-~` stay as they are;
 * a space becomes `+`.
 */
export function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * DRF's `replace_query_param` / `remove_query_param`: parse the query (blank values kept),
 * set or drop one key, then `urlencode(sorted(items), doseq=True)`, so keys come out in
 * code-point order, repeated values together.
 */
export function rewriteQuery(query: URLSearchParams, key: string, value: string | undefined): string {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of query) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  if (value === undefined) grouped.delete(key);
  else grouped.set(key, [value]);
  const keys = [...grouped.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.flatMap((k) => (grouped.get(k) ?? []).map((v) => `${quotePlus(k)}=${quotePlus(v)}`)).join('&');
}
