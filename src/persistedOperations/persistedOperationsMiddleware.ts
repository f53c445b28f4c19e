import type { Request, RequestHandler, Response } from 'express';

import { ErrorCode } from '../errors/index.js';
import type { OperationManifest } from './operationManifest.js';

export interface PersistedOperationsOptions {
  /** The trusted documents; null when no manifest is configured. */
  manifest: OperationManifest | null;
  /** Accept only operations from the manifest (production mode for shipped mobile apps). */
  only: boolean;
}

export interface OperationParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

/**
 * Trusted documents in front of Apollo Server. A request naming a manifest document — by
 * `documentId` (GraphQL Code Generator's client preset) or by
 * `extensions.persistedQuery.sha256Hash` (Apollo's persisted-query link) — runs that
 * document, whatever `query` it carries. With `only`, everything else is refused:
 * a bare `query` is PERSISTED_OPERATION_REQUIRED, an unknown hash
 * PERSISTED_OPERATION_NOT_FOUND — which also refuses automatic persisted query (APQ)
 * registration, since a registration is a hash the manifest does not hold. Without `only`,
 * unknown hashes go on to Apollo Server's APQ cache, and plain queries run as usual.
 */
export function persistedOperations(options: PersistedOperationsOptions): RequestHandler {
  const resolve = (params: OperationParams) => resolvePersistedOperation(params, options);

  return (req, res, next) => {
    if (req.method === 'GET') {
      const params = paramsFromSearch(req);
      const outcome = resolve(params);
      if ('refused' in outcome) return refuse(req, res, ...outcome.refused);
      if (outcome.params !== params) rewriteSearch(req, outcome.params);
      return next();
    }
    const body: unknown = req.body;
    const batch = Array.isArray(body);
    const operations = batch ? body : [body];
    const resolved: unknown[] = [];
    for (const operation of operations) {
      if (!operation || typeof operation !== 'object' || Array.isArray(operation)) {
        // Not an operation: Apollo Server answers it as a malformed request.
        resolved.push(operation);
        continue;
      }
      const outcome = resolve(operation as OperationParams);
      if ('refused' in outcome) return refuse(req, res, ...outcome.refused);
      resolved.push(outcome.params);
    }
    req.body = batch ? resolved : resolved[0];
    next();
  };
}

/** The operation with its manifest document in place, or the code and message it is refused with. */
export type PersistedOperationOutcome = { params: Record<string, unknown> } | { refused: [code: string, message: string] };

/**
 * The trusted-documents rule for one operation's parameters (see `persistedOperations`), for
 * every transport: the HTTP middleware and the WebSocket `subscribe` message alike.
 */
export function resolvePersistedOperation(params: OperationParams, { manifest, only }: PersistedOperationsOptions): PersistedOperationOutcome {
  const documentId = typeof params.documentId === 'string' ? params.documentId : undefined;
  const sha256Hash = params.extensions?.persistedQuery?.sha256Hash;
  const hash = documentId ?? (typeof sha256Hash === 'string' ? sha256Hash : undefined);
  if (hash === undefined) {
    if (only && params.query !== undefined) return { refused: [ErrorCode.PERSISTED_OPERATION_REQUIRED, REQUIRED_MESSAGE] };
    return { params: params as Record<string, unknown> };
  }
  const document = manifest?.get(hash);
  if (document === undefined) {
    if (only || documentId !== undefined) return { refused: [ErrorCode.PERSISTED_OPERATION_NOT_FOUND, NOT_FOUND_MESSAGE] };
    return { params: params as Record<string, unknown> };
  }
  // Apollo Server sees an ordinary operation: the document from the manifest, no hash.
  const { persistedQuery: _persisted, ...extensions } = params.extensions ?? {};
  const resolved: Record<string, unknown> = { ...params, query: document, extensions };
  delete resolved.documentId;
  if (Object.keys(extensions).length === 0) delete resolved.extensions;
  return { params: resolved };
}

const REQUIRED_MESSAGE =
  'This gateway only runs persisted operations: send the `documentId` (or `extensions.persistedQuery.sha256Hash`) of an operation from its manifest.';
const NOT_FOUND_MESSAGE = 'No persisted operation has this id. Regenerate the client against the manifest this gateway serves.';

function paramsFromSearch(req: Request): OperationParams {
  const search = new URLSearchParams(req.url.split('?')[1] ?? '');
  const params: OperationParams = {};
  for (const [name, value] of search) {
    if (name === 'extensions') {
      try {
        params.extensions = JSON.parse(value) as OperationParams['extensions'];
      } catch {
        // Apollo Server reports the malformed parameter.
      }
    } else (params as Record<string, unknown>)[name] = value;
  }
  return params;
}

function rewriteSearch(req: Request, params: Record<string, unknown>): void {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  req.url = `${req.url.split('?')[0] ?? ''}?${search.toString()}`;
}

function refuse(req: Request, res: Response, code: string, message: string): void {
  const accept = req.headers.accept ?? '';
  const type = accept.includes('application/graphql-response+json') ? 'application/graphql-response+json' : 'application/json';
  res
    .status(400)
    .type(`${type}; charset=utf-8`)
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
