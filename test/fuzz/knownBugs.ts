import type { FuzzRequest } from './requestArbitrary.js';
import type { FuzzResponse } from './sendFuzzRequest.js';
import type { Violation } from './responseProperties.js';

/** A bug already known and being fixed elsewhere: the violations it explains are not reported. */
export interface KnownBug {
  name: string;
  explains(request: FuzzRequest, response: FuzzResponse, violation: Violation): boolean;
}

/** Every string anywhere in the request's JSON body (or the body itself when it is not JSON). */
function requestStrings(request: FuzzRequest): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.entries(value).forEach(([key, item]) => (out.push(key), walk(item)));
  };
  try {
    walk(JSON.parse(request.body ?? 'null'));
  } catch {
    out.push(request.body ?? '');
  }
  return out;
}

function hasNonObjectItem(request: FuzzRequest): boolean {
  try {
    const parsed: unknown = JSON.parse(request.body ?? '');
    return Array.isArray(parsed) && parsed.some((item) => item === null || typeof item !== 'object' || Array.isArray(item));
  } catch {
    return false;
  }
}

const LONE_SURROGATE = /[\ud800-\udfff]/u;
/** Bytes of the request line and headers, which Node's HTTP parser limits to 16 KB together. */
const headerBytes = (request: FuzzRequest) => request.path.length + Object.entries(request.headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);

/**
 * The hostile-input bugs of issue 22 item 1, fixed on the `hostile` branch. **The lead removes
 * each entry when merging that branch**; the fuzz test then checks they stay fixed.
 */
export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    name: 'lone surrogate in a Guidebook string filter (importId, email, attendeeImportId) → INTERNAL_SERVER_ERROR',
    explains: (request, _response, violation) => violation.kind === 'internal-error' && requestStrings(request).some((text) => LONE_SURROGATE.test(text)) && /importId|email|attendeeImportId/.test(request.body ?? ''),
  },
  {
    name: '`subscription { … }` → INTERNAL_SERVER_ERROR',
    explains: (request, _response, violation) => violation.kind === 'internal-error' && /\bsubscription\b/.test(requestStrings(request).join('\n') + decodeURIComponent(request.path)),
  },
  {
    name: 'a GET with over 16 KB of headers (request line included: a long query string) → empty 431',
    explains: (request, response, violation) => response.status === 431 && response.body === '' && violation.kind === 'not-json' && headerBytes(request) > 16_000,
  },
  {
    name: 'a batch mixing valid items and a non-object item is refused whole',
    explains: (request, response, violation) => violation.kind === 'undocumented-code' && violation.detail === 'BAD_REQUEST' && response.status === 400 && hasNonObjectItem(request),
  },
  {
    name: 'codes BAD_REQUEST, OPERATION_RESOLUTION_FAILURE, PERSISTED_QUERY_NOT_FOUND are not documented (not in ErrorCode)',
    explains: (_request, _response, violation) => violation.kind === 'undocumented-code' && ['BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND'].includes(violation.detail),
  },
];
