import type { IncomingHttpHeaders } from 'node:http';

import type { EmulatorResponse } from '../kit/index.js';
import { unauthorized } from './responses.js';

/**
 * Authenticates as djangorestframework-jwt's `JSONWebTokenAuthentication` behind DRF's
 * `IsAuthenticated`: returns the API key, or the 401 the provider sends.
 *
 * - no header, or another scheme (`Bearer x`, `Token x`): the JWT class steps aside, so
 *   DRF answers "Authentication credentials were not provided." [I];
 * - `JWT` alone: "Invalid Authorization header. No credentials provided." [V];
 * - `JWT a b`: "...Credentials string should not contain spaces." [V];
 * - `JWT <unknown key>`: "Error decoding signature." [V].
 *
 * The scheme is matched case-insensitively, as the library lower-cases it.
 */
export function authenticate(headers: IncomingHttpHeaders, apiKeys: ReadonlySet<string>): { key: string } | EmulatorResponse {
  const header = headers.authorization;
  if (!header) return unauthorized('Authentication credentials were not provided.');
  const parts = header.trim().split(/\s+/);
  if (parts[0]?.toLowerCase() !== 'jwt') return unauthorized('Authentication credentials were not provided.');
  if (parts.length === 1) return unauthorized('Invalid Authorization header. No credentials provided.');
  if (parts.length > 2) return unauthorized('Invalid Authorization header. Credentials string should not contain spaces.');
  const key = parts[1] as string;
  if (!apiKeys.has(key)) return unauthorized('Error decoding signature.');
  return { key };
}
