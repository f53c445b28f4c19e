import { request } from 'undici';

/**
 * The naive baseline's whole upstream layer: one undici `request` per call (the global
 * keep-alive agent), no cache, no coalescing, no batching.
 */
export async function fetchJson<T>(url: string, authorization: string): Promise<T> {
  const response = await request(url, { headers: { authorization, accept: 'application/json' } });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`upstream answered ${response.statusCode}`);
  return JSON.parse(text) as T;
}
