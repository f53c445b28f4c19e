import { DOCUMENTED_CODES } from './documentedCodes.js';
import type { FuzzRequest } from './requestArbitrary.js';
import type { FuzzResponse } from './sendFuzzRequest.js';

/** One broken property of one answer. */
export interface Violation {
  kind: 'server-error' | 'not-json' | 'internal-error' | 'undocumented-code' | 'no-code' | 'stack-trace' | 'leak';
  detail: string;
}

/** What must never appear in an answer: the providers' hosts and every configured credential. */
export interface Secrets {
  hosts: string[];
  credentials: string[];
  /**
   * The gateway's own port: any other loopback `host:port` in an answer is a leaked upstream
   * (the demo's emulators listen on free loopback ports a spawned gateway does not tell).
   */
  gatewayPort?: number;
}

const LOOPBACK_HOST = /(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)/g;

// A V8 stack frame ("at fn (/path/file.js:12:3)"), a source path, or a dependency's folder.
const STACK_PATTERNS = [/\bat [^\n"]*?\(?[^\s"()]+:\d+:\d+\)?/, /\/(?:src|dist|node_modules)\/[^\s"]+\.(?:[cm]?js|ts)\b/, /\bnode:internal\b/];

type ErrorLike = { message?: unknown; extensions?: { code?: unknown; stacktrace?: unknown; exception?: unknown } };

function errorsOf(parsed: unknown): ErrorLike[] {
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.flatMap((item) =>
    item && typeof item === 'object' && Array.isArray((item as { errors?: unknown }).errors) ? ((item as { errors: ErrorLike[] }).errors ?? []) : [],
  );
}

/**
 * Every property of one answer, as violations (empty when all hold): no 5xx; a JSON body
 * (bar 204/304 and HEAD); no INTERNAL_SERVER_ERROR; every error with a documented code; no
 * stack trace, upstream host or credential anywhere — unless the request itself carried that text.
 */
export function checkResponse(request: FuzzRequest, response: FuzzResponse, secrets: Secrets): Violation[] {
  const violations: Violation[] = [];
  const sent = `${request.path}\n${JSON.stringify(request.headers)}\n${request.body ?? ''}`;
  if (response.status >= 500) violations.push({ kind: 'server-error', detail: `HTTP ${response.status}` });
  const bodyless = response.status === 204 || response.status === 304 || request.method === 'HEAD';
  // A browser's GET (Accept: text/html) is answered with the Sandbox page where it is on (docs/operations.md).
  const landingPage =
    request.method === 'GET' &&
    /text\/html/.test(request.headers.accept ?? '') &&
    String(response.headers['content-type']).startsWith('text/html') &&
    response.status === 200;
  let parsed: unknown;
  if (!bodyless && !landingPage) {
    try {
      parsed = JSON.parse(response.body);
    } catch {
      violations.push({
        kind: 'not-json',
        detail: `HTTP ${response.status}, ${String(response.headers['content-type'] ?? 'no content-type')}: ${JSON.stringify(response.body.slice(0, 120))}`,
      });
    }
  }
  for (const error of errorsOf(parsed)) {
    const code = error.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR') violations.push({ kind: 'internal-error', detail: String(error.message) });
    else if (typeof code !== 'string') violations.push({ kind: 'no-code', detail: String(error.message) });
    else if (!DOCUMENTED_CODES.has(code)) violations.push({ kind: 'undocumented-code', detail: code });
    if (error.extensions?.stacktrace !== undefined || error.extensions?.exception !== undefined)
      violations.push({ kind: 'stack-trace', detail: 'extensions carry a stack trace' });
  }
  for (const pattern of STACK_PATTERNS) {
    const match = pattern.exec(response.body);
    if (match && !sent.includes(match[0])) violations.push({ kind: 'stack-trace', detail: match[0] });
  }
  const headerText = JSON.stringify(response.headers);
  for (const secret of [...secrets.hosts, ...secrets.credentials]) {
    if ((response.body.includes(secret) || headerText.includes(secret)) && !sent.includes(secret)) violations.push({ kind: 'leak', detail: secret });
  }
  if (secrets.gatewayPort !== undefined) {
    for (const match of `${response.body}\n${headerText}`.matchAll(LOOPBACK_HOST)) {
      if (Number(match[1]) !== secrets.gatewayPort && !sent.includes(match[0])) violations.push({ kind: 'leak', detail: match[0] });
    }
  }
  return violations;
}
