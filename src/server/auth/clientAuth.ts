import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

import type { ClientAuthConfig } from '../../config/index.js';
import { unauthenticatedError } from '../../errors/index.js';
import type { RejectRequest } from '../limits/index.js';
import { apiKeyMatcher } from './apiKeyMatcher.js';
import { bearerToken } from './bearerToken.js';
import { verifyHs256Jwt } from './verifyHs256Jwt.js';

export interface ClientAuthOptions {
  auth: ClientAuthConfig;
  reject: RejectRequest;
  /** Why a credential was refused, for the logs (never sent to the client). */
  onRefused?: (req: Request, reason: string) => void;
}

/**
 * Optional access control for the gateway's callers. A client sends an API key as
 * `x-api-key: <key>` or `Authorization: Bearer <key>`, or (with GATEWAY_JWT_SECRET) an
 * HS256 JWT as `Authorization: Bearer <jwt>`. Anything else is answered 401 with a
 * GraphQL error, code UNAUTHENTICATED, and `WWW-Authenticate: Bearer` — before Apollo
 * Server runs anything. An accepted request carries its caller in `res.locals.caller`
 * (`key:<digest of the key>`, `jwt:<digest of the subject>`, or the token's digest for a
 * JWT without `sub`), which scopes the whole-response cache. The browser's GET for the Sandbox page needs no credential (the
 * page itself holds no data; its queries do).
 */
export function clientAuth({ auth, reject, onRefused }: ClientAuthOptions): RequestHandler {
  const checkCredential = credentialChecker(auth);
  return (req, res, next) => {
    if (isLandingPageRequest(req)) {
      next();
      return;
    }
    const verdict = checkCredential({ apiKey: header(req, 'x-api-key'), authorization: header(req, 'authorization') });
    if (typeof verdict === 'object') {
      res.locals.caller = verdict.caller;
      next();
      return;
    }
    onRefused?.(req, verdict);
    const message = credentialRefusal(verdict);
    res.setHeader('www-authenticate', 'Bearer');
    reject(req, res, 401, unauthenticatedError(message));
  };
}

/** A client's credential as it was presented: `x-api-key`, `Authorization`. */
export interface PresentedCredential {
  apiKey?: string | undefined;
  authorization?: string | undefined;
}

/** The message a refused credential is answered with (UNAUTHENTICATED), by the checker's verdict. */
export function credentialRefusal(verdict: string): string {
  return verdict === 'no credential'
    ? 'This gateway requires a credential: send your API key as `x-api-key: <key>` or `Authorization: Bearer <key or token>`.'
    : 'The credential sent is not valid for this gateway (unknown key, or a token that is expired or badly signed).';
}

/**
 * The one rule of client access control, for every transport (HTTP headers, a WebSocket's
 * `connection_init` payload): the caller (`key:<digest>`, `jwt:<digest of sub>`), or why the credential is refused (for the logs; say
 * `credentialRefusal(verdict)` to the client).
 */
export function credentialChecker(auth: ClientAuthConfig): (credential: PresentedCredential) => { caller: string } | string {
  const isKnownKey = apiKeyMatcher(auth.apiKeys);
  return ({ apiKey, authorization }) => {
    const bearer = bearerToken(authorization);
    if (apiKey !== undefined) return isKnownKey(apiKey) ? { caller: `key:${digest(apiKey)}` } : 'unknown x-api-key';
    if (authorization !== undefined && !bearer) return 'authorization is not a Bearer credential';
    if (!bearer) return 'no credential';
    if (auth.apiKeys.length > 0 && isKnownKey(bearer)) return { caller: `key:${digest(bearer)}` };
    if (auth.jwt) {
      const result = verifyHs256Jwt(bearer, auth.jwt);
      if (!result.ok) return `jwt: ${result.reason}`;
      const subject = result.claims.sub;
      return { caller: typeof subject === 'string' ? `jwt:${digest(subject)}` : `jwt-token:${digest(bearer)}` };
    }
    return 'unknown bearer key';
  };
}

/** Identifies a credential or subject without keeping it. */
const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A browser asking for the Sandbox page: GET, wants HTML, carries no operation. */
function isLandingPageRequest(req: Request): boolean {
  return req.method === 'GET' && req.query.query === undefined && (req.headers.accept ?? '').includes('text/html');
}
