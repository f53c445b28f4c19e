/** One whole answer as the response cache keeps it: the bytes sent, and what they were built from. */
export interface StoredResponse {
  /** The serialized answer exactly as it was sent (served again as it is). */
  body: string;
  /** Strong ETag (quoted SHA-256 of `body`, base64url), computed once when stored. */
  etag: string;
  /** The `Content-Type` it was sent with (negotiated from `Accept`, which is part of the key). */
  contentType: string;
  /** The operation's cache hints: `maxAge` in seconds and scope (a PRIVATE answer is only kept under one caller's key). */
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
  /** The operation's name (`(anonymous)` without one): a stored answer is counted and logged as that operation. */
  operation: string;
  /** Not served from this instant on (ms since the epoch): the hints' `maxAge`, bounded by the freshness of every entry in `deps`. */
  expiresAt: number;
  /** The upstream cache keys it was built from: it dies when any of them changes. */
  deps: readonly string[];
}

/** The weight of an answer in a store: characters of its body and of its dependency list. */
export function storedWeight(response: StoredResponse): number {
  let weight = response.body.length + 200;
  for (const dep of response.deps) weight += dep.length;
  return weight;
}

/** The Redis value of an answer: one line of JSON (everything but the body), a newline, the body. */
export function serializeStored(response: StoredResponse): string {
  const { body, ...head } = response;
  return `${JSON.stringify(head)}\n${body}`;
}

/** The inverse of `serializeStored`; undefined for a value it did not write. */
export function parseStored(text: string): StoredResponse | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const head = JSON.parse(text.slice(0, newline)) as Omit<StoredResponse, 'body'>;
    if (typeof head.etag !== 'string' || typeof head.expiresAt !== 'number' || !Array.isArray(head.deps)) return undefined;
    return { ...head, operation: typeof head.operation === 'string' ? head.operation : '(anonymous)', body: text.slice(newline + 1) };
  } catch {
    return undefined;
  }
}
