import type { EmulatorResponse } from '../kit/index.js';
import { renderJson } from './renderJson.js';

/** Field errors as DRF prints them: `{"field": ["message", ...]}`. */
export type ValidationErrors = Record<string, string[]>;

/** A JSON answer with DRF's renderer, content type and status. */
export function respond(status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json', vary: 'Accept', ...headers }, body: renderJson(body) };
}

export function notFound(): EmulatorResponse {
  return respond(404, { detail: 'Not found.' });
}

export function invalidPage(): EmulatorResponse {
  return respond(404, { detail: 'Invalid page.' });
}

export function badRequest(errors: ValidationErrors | { detail: string }): EmulatorResponse {
  return respond(400, errors);
}

/** 405 with DRF's message and the `Allow` header DRF sends. */
export function methodNotAllowed(method: string, allowed: string[]): EmulatorResponse {
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
  return respond(405, { detail: `Method "${method}" not allowed.` }, { allow: allow.join(', ') });
}

/** DRF's `Throttled`: singular "second" for 1, plural otherwise, and `Retry-After`. */
export function throttled(waitSeconds: number): EmulatorResponse {
  const wait = Math.max(0, Math.ceil(waitSeconds));
  const unit = wait === 1 ? 'second' : 'seconds';
  return respond(429, { detail: `Request was throttled. Expected available in ${wait} ${unit}.` }, { 'retry-after': String(wait) });
}

export function unauthorized(detail: string): EmulatorResponse {
  return respond(401, { detail }, { 'www-authenticate': 'JWT realm="api"' });
}

export function noContent(): EmulatorResponse {
  return { status: 204 };
}

/** The 202 of the publish actions: DRF's `Response(status=202)` with no data has an empty body. */
export function accepted(): EmulatorResponse {
  return { status: 202, headers: { vary: 'Accept' } };
}
