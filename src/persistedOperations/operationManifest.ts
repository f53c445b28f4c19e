import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The trusted documents of the clients, by sha256 hash (hex). */
export interface OperationManifest {
  /** The document with this hash (hex, with or without a `sha256:` prefix), or undefined. */
  get(hash: string): string | undefined;
  readonly size: number;
}

/** The sha256 hash (hex) of a document, as `persistedQuery.sha256Hash` writes it. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

/** A hash as a lookup key: lower case, without the `sha256:` prefix the client preset writes. */
function hashKey(hash: string): string {
  return hash.toLowerCase().replace(/^sha256:/, '');
}

/**
 * Reads a trusted-documents manifest: the `{ "<sha256>": "<document>" }` map GraphQL Code
 * Generator's client preset writes (`persistedDocuments`), or an Apollo persisted query
 * manifest (`{ format: "apollo-persisted-query-manifest", operations: [{ id, body }] }`).
 * Throws when the file is missing or unreadable, or when a hash does not match its document
 * (a manifest that lies would let a client run a document nobody reviewed).
 */
export function loadOperationManifest(path: string): OperationManifest {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const entries: Array<[string, string]> = [];
  if (isApolloManifest(raw)) {
    for (const operation of raw.operations) entries.push([operation.id, operation.body]);
  } else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [hash, document] of Object.entries(raw)) {
      if (typeof document !== 'string') throw new Error(`Persisted operations manifest ${path}: the entry ${hash} is not a document string.`);
      entries.push([hash, document]);
    }
  } else {
    throw new Error(`Persisted operations manifest ${path} is neither a hash → document map nor an Apollo persisted query manifest.`);
  }
  const documents = new Map<string, string>();
  for (const [hash, document] of entries) {
    if (documentHash(document) !== hashKey(hash)) throw new Error(`Persisted operations manifest ${path}: ${hash} is not the sha256 hash of its document.`);
    documents.set(hashKey(hash), document);
  }
  return { get: (hash) => documents.get(hashKey(hash)), size: documents.size };
}

interface ApolloManifest {
  format: 'apollo-persisted-query-manifest';
  operations: Array<{ id: string; body: string }>;
}

function isApolloManifest(value: unknown): value is ApolloManifest {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { format?: unknown }).format === 'apollo-persisted-query-manifest' &&
    Array.isArray((value as { operations?: unknown }).operations)
  );
}
