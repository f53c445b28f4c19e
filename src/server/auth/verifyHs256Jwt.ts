import { createHmac, timingSafeEqual } from 'node:crypto';

export interface JwtVerification {
  secret: string;
  /** Required `iss`, when set. */
  issuer?: string;
  /** Required `aud` (string or one of an array), when set. */
  audience?: string;
  /** Allowed clock difference for `exp`/`nbf`, seconds. */
  clockToleranceSeconds?: number;
  now?: () => number;
}

export type JwtResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Verifies a compact JWS signed with HMAC-SHA256 (RFC 7519 / RFC 7518 §3.2): the header
 * must say `alg: HS256` (no `none`, no algorithm confusion), the signature must match in
 * constant time, and `exp`/`nbf` (and `iss`/`aud` when configured) must hold. The reason
 * of a failure is for the logs; clients only ever hear "invalid credential".
 */
export function verifyHs256Jwt(token: string, options: JwtVerification): JwtResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a compact JWS' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  if (!header || header.alg !== 'HS256') return { ok: false, reason: 'alg is not HS256' };
  const expected = createHmac('sha256', options.secret).update(`${headerPart}.${payloadPart}`).digest();
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  const claims = decodeJson(payloadPart);
  if (!claims) return { ok: false, reason: 'payload is not a JSON object' };
  const now = Math.floor((options.now?.() ?? Date.now()) / 1000);
  const tolerance = options.clockToleranceSeconds ?? 30;
  if (claims.exp !== undefined && (typeof claims.exp !== 'number' || now - tolerance >= claims.exp)) return { ok: false, reason: 'expired' };
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || now + tolerance < claims.nbf)) return { ok: false, reason: 'not yet valid' };
  if (options.issuer !== undefined && claims.iss !== options.issuer) return { ok: false, reason: 'wrong issuer' };
  if (options.audience !== undefined) {
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(options.audience)) return { ok: false, reason: 'wrong audience' };
  }
  return { ok: true, claims };
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
