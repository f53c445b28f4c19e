import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** The one principal of a gateway without client access control, for a request that carries no credential. */
export const ANONYMOUS = 'anonymous';

/** The request headers that carry a caller's credentials (any of them makes the caller someone of their own). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'x-api-key'] as const;

/**
 * The principal a whole answer is kept for (part of every response-cache key), or
 * undefined when the request is not served from the cache:
 * - with client access control on, the authenticated caller `clientAuth` set in
 *   `res.locals.caller` (`key:<digest>`, `jwt:<digest of sub>`) — undefined without one;
 * - without it, every caller has the same rights and the same upstream identity (the
 *   gateway's own provider credentials; nothing of the caller's request but the request id
 *   and trace context goes upstream), so answers do not depend on who asks. Still, a
 *   request that carries credentials (`Authorization`, `Cookie`, `x-api-key` — say, for a
 *   proxy in front that answers per caller) is its own principal, `credentials:<SHA-256 of
 *   them>`, and is never given an answer kept for another; one without any is the one
 *   anonymous principal (`ANONYMOUS`), which all such callers share — PRIVATE answers
 *   included (they still go out `Cache-Control: private`, see docs/response-cache.md).
 */
export function callerScope(req: Request, res: Response, accessControl: boolean): string | undefined {
  if (accessControl) return typeof res.locals.caller === 'string' ? res.locals.caller : undefined;
  const headers = req.headers;
  if (headers.authorization === undefined && headers.cookie === undefined && headers['x-api-key'] === undefined) return ANONYMOUS;
  const presented = CREDENTIAL_HEADERS.map((name) => headers[name] ?? null);
  return `credentials:${createHash('sha256').update(JSON.stringify(presented)).digest('base64url')}`;
}
