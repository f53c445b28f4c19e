import { createHash } from 'node:crypto';
import type { Request } from 'express';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const APQ_HASH = /^[0-9a-f]{64}$/i;

/** Documents' SHA-256 by text, for the texts clients repeat (bounded: at most 500 texts of up to 10,000 characters). */
const documentHashes = new Map<string, string>();
const MEMO_TEXTS = 500;
const MEMO_TEXT_CHARS = 10_000;

function documentHash(text: string): string {
  let hash = documentHashes.get(text);
  if (hash === undefined) {
    hash = createHash('sha256').update(text).digest('hex');
    if (text.length <= MEMO_TEXT_CHARS) {
      if (documentHashes.size >= MEMO_TEXTS) documentHashes.clear();
      documentHashes.set(text, hash);
    }
  }
  return hash;
}

/**
 * The whole-response cache key of one HTTP request, or undefined when the request is not
 * one the cache serves (a batch, a HEAD, a GET without Apollo's CSRF preflight header, a
 * body that is not one operation, extensions other than `persistedQuery`, a federation
 * router's request for a trace).
 *
 * What it is made of: `build` (the schema, limits and providers' credentials — see
 * `responseCacheFingerprint`), the caller's scope (`caller`), the `Accept` header (the
 * answer's content type is negotiated from it), the document (SHA-256 of its text, or the
 * APQ hash sent instead, which is the same SHA-256), the operation name and the variables.
 * Called after the trusted-documents middleware, so a manifest id is already its document.
 */
export function operationKey(req: Request, build: string, caller: string): string | undefined {
  let params: Record<string, unknown>;
  if (req.method === 'POST') {
    if (!isObject(req.body)) return undefined;
    params = req.body;
  } else if (req.method === 'GET') {
    // Without it Apollo Server refuses the GET (CSRF prevention): it must see the request.
    if (!hasPreflight(req)) return undefined;
    const parsed = paramsFromUrl(req.url);
    if (!parsed) return undefined;
    params = parsed;
  } else return undefined;
  // A federation router asking for the operation's trace (ftv1) gets one of its own in the answer.
  if (req.headers['apollo-federation-include-trace'] !== undefined) return undefined;
  const { query, operationName, variables, extensions } = params;
  if ('documentId' in params) return undefined;
  let persistedHash: string | undefined;
  if (extensions !== undefined) {
    if (!isObject(extensions) || Object.keys(extensions).some((name) => name !== 'persistedQuery')) return undefined;
    const hash = isObject(extensions.persistedQuery) ? extensions.persistedQuery.sha256Hash : undefined;
    if (typeof hash !== 'string' || !APQ_HASH.test(hash)) return undefined;
    persistedHash = hash.toLowerCase();
  }
  let document: string;
  if (typeof query === 'string') document = documentHash(query);
  else if (query === undefined && persistedHash) document = persistedHash;
  else return undefined;
  // A text that does not match the hash sent with it is refused by Apollo Server: it must see it.
  if (persistedHash !== undefined && document !== persistedHash) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && !isObject(variables)) return undefined;
  const accept = req.headers.accept ?? '';
  try {
    return sha256(JSON.stringify([build, caller, accept, document, operationName ?? null, variables ?? null]));
  } catch {
    // Variables nested too deep to serialize (a hostile request): left to Apollo Server, which refuses them.
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Apollo Server's CSRF prevention lets a GET through only with one of these (or a non-simple content type, which a GET does not send). */
function hasPreflight(req: Request): boolean {
  return Boolean(req.headers['apollo-require-preflight'] || req.headers['x-apollo-operation-name']);
}

function paramsFromUrl(url: string): Record<string, unknown> | undefined {
  const search = new URLSearchParams(url.split('?')[1] ?? '');
  const params: Record<string, unknown> = {};
  for (const [name, value] of search) {
    if (name in params) return undefined;
    if (name === 'variables' || name === 'extensions') {
      try {
        params[name] = JSON.parse(value) as unknown;
      } catch {
        return undefined;
      }
    } else params[name] = value;
  }
  return params;
}
