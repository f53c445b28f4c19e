import type { EmulatorResponse } from '../kit/index.js';

/** The `Allow` header DRF computes for each Roundware view. */
export const ALLOW = {
  sessionList: ['GET', 'POST', 'HEAD', 'OPTIONS'],
  sessionDetail: ['GET', 'HEAD', 'OPTIONS'],
  sessionCount: ['GET', 'HEAD', 'OPTIONS'],
  users: ['POST', 'OPTIONS'],
  login: ['POST', 'OPTIONS'],
} as const;

/** A DRF `Response`: JSON, with the `Allow` and `Vary: Accept` headers every APIView adds. */
export function drf(status: number, body: unknown, allow: readonly string[], headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers: { allow: allow.join(', '), vary: 'Accept', ...headers }, body };
}

/** A DRF exception answer: `{"detail": message}`. */
export function detail(status: number, message: string, allow: readonly string[], headers: Record<string, string> = {}): EmulatorResponse {
  return drf(status, { detail: message }, allow, headers);
}

/** DRF's 401, with the challenge of the first authentication class (TokenAuthentication). */
export function unauthorized(message: string, allow: readonly string[]): EmulatorResponse {
  return detail(401, message, allow, { 'www-authenticate': 'Token' });
}

/** DRF's 405 for a method the view does not define. */
export function methodNotAllowed(method: string, allow: readonly string[]): EmulatorResponse {
  return detail(405, `Method "${method}" not allowed.`, allow);
}

/** What Django sends for an unhandled exception with `DEBUG=False` (KeyError, ValueError, DoesNotExist...). */
export function djangoServerError(): EmulatorResponse {
  return { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Server Error (500)</h1>' };
}

/** Django's own 404 page, for URLs no pattern matches (`DEBUG=False`). */
export function djangoNotFound(): EmulatorResponse {
  return {
    status: 404,
    headers: { 'content-type': 'text/html' },
    body: '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>',
  };
}

/** DRF's `Throttled` answer, singular and plural as DRF words them, with `Retry-After`. */
export function throttled(retryAfterSeconds: number): EmulatorResponse {
  const wait = Math.max(0, Math.ceil(retryAfterSeconds));
  const unit = wait === 1 ? 'second' : 'seconds';
  return {
    status: 429,
    headers: { 'retry-after': String(wait), vary: 'Accept' },
    body: { detail: `Request was throttled. Expected available in ${wait} ${unit}.` },
  };
}
