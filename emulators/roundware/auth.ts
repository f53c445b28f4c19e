import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { unauthorized } from './responses.js';
import type { RoundwareStore } from './store.js';
import type { RoundwareUser } from './types.js';

/** The outcome of DRF's TokenAuthentication: a user, nobody (no token header), or a 401. */
export type Authentication = { kind: 'user'; user: RoundwareUser } | { kind: 'anonymous' } | { kind: 'failed'; response: EmulatorResponse };

/**
 * DRF 3.12 `TokenAuthentication.authenticate`: `Authorization: Token <key>` with the keyword
 * matched case-insensitively. Another scheme (`Bearer ...`) is not an error: the request is
 * simply anonymous. Runs on every view, so a bad token header fails even where no login is
 * needed (`users/`, `login/`).
 */
export function authenticate(req: EmulatorRequest, store: RoundwareStore, allow: readonly string[]): Authentication {
  const header = req.headers.authorization ?? '';
  const parts = header.split(/[ \t\r\n\f\v]+/).filter(Boolean);
  if (parts.length === 0 || parts[0]?.toLowerCase() !== 'token') return { kind: 'anonymous' };
  if (parts.length === 1) return fail('Invalid token header. No credentials provided.', allow);
  if (parts.length > 2) return fail('Invalid token header. Token string should not contain spaces.', allow);
  const key = parts[1] ?? '';
  // Header bytes arrive as latin-1 and the key is decoded as UTF-8, which high bytes fail.
  if ([...key].some((c) => c.charCodeAt(0) > 0x7f)) return fail('Invalid token header. Token string should not contain invalid characters.', allow);
  const user = store.userByToken(key);
  return user ? { kind: 'user', user } : fail('Invalid token.', allow);
}

/** Authentication plus `IsAuthenticated`: the user, or the 401 to send. */
export function requireUser(req: EmulatorRequest, store: RoundwareStore, allow: readonly string[]): { user: RoundwareUser } | { response: EmulatorResponse } {
  const auth = authenticate(req, store, allow);
  if (auth.kind === 'user') return { user: auth.user };
  if (auth.kind === 'failed') return { response: auth.response };
  return { response: unauthorized('Authentication credentials were not provided.', allow) };
}

function fail(message: string, allow: readonly string[]): Authentication {
  return { kind: 'failed', response: unauthorized(message, allow) };
}
