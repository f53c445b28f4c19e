import type { IncomingHttpHeaders } from 'node:http';

/** `version-traceid-parentid-flags`, lower-case hex (W3C Trace Context, level 1). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZEROS = /^0+$/;
/** One `tracestate` list member: `key=value` (simple or multi-tenant key). */
const TRACESTATE_MEMBER =
  /^(?:[a-z0-9][_0-9a-z\-*/]{0,255}|[a-z0-9][_0-9a-z\-*/]{0,240}@[a-z][_0-9a-z\-*/]{0,13})=[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;
/** The spec asks to propagate at least 512 characters and 32 members; longer ones are dropped whole. */
const MAX_TRACESTATE_CHARS = 512;
const MAX_TRACESTATE_MEMBERS = 32;

/**
 * The caller's W3C trace context (`traceparent`, `tracestate`) as it may go on to the
 * providers, or `{}` when there is none or it is malformed (then the caller's `tracestate`
 * is dropped too, as the spec asks). `traceparent` is kept as sent when its version is
 * `00`; a later version (not `ff`) is parsed as the spec says and sent on as version `00`.
 * `tracestate` goes only with a valid `traceparent`, and only when every member is well
 * formed and it stays within 512 characters and 32 members.
 *
 * The upstream layer sends these on as they are while the gateway does not trace; when it
 * does, its own span's context replaces them (same trace id, the gateway's span as parent).
 */
export function traceHeadersFrom(headers: IncomingHttpHeaders): Record<string, string> {
  const traceparent = validTraceparent(headers.traceparent);
  if (!traceparent) return {};
  const tracestate = validTracestate(headers.tracestate);
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

function validTraceparent(header: string | string[] | undefined): string | undefined {
  // Node joins repeated headers with ", ", which no valid traceparent matches: two are none.
  if (typeof header !== 'string') return undefined;
  const match = TRACEPARENT.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, parentId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === 'ff' || ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentId)) return undefined;
  if (version === '00') return rest === undefined ? header.trim() : undefined;
  return `00-${traceId}-${parentId}-${flags}`;
}

function validTracestate(header: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(header) ? header.join(',') : header;
  if (!joined) return undefined;
  const members = joined
    .split(',')
    .map((member) => member.trim())
    .filter((member) => member.length > 0);
  if (members.length === 0 || members.length > MAX_TRACESTATE_MEMBERS) return undefined;
  if (!members.every((member) => TRACESTATE_MEMBER.test(member))) return undefined;
  const value = members.join(',');
  return value.length <= MAX_TRACESTATE_CHARS ? value : undefined;
}
