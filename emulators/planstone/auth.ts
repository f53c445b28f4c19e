import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request carries the feed token, the way Eve's `TokenAuth` reads it: HTTP Basic
 * with the token as username (the documented form, `Basic base64("token:")`; the password is
 * not checked), else the raw header (`Authorization: <token>`), `Token <token>` or
 * `Bearer <token>`.
 */
export function isAuthorized(headers: IncomingHttpHeaders, token: string): boolean {
  return presentedToken(headers.authorization) === token;
}

function presentedToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const basic = /^basic\s+(\S+)\s*$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const username = decoded.split(':')[0];
    // Werkzeug's parse gives a username (possibly ""); TokenAuth falls back to the raw header when it is empty.
    if (username) return username;
  }
  const raw = header.trim();
  if (/^(token|bearer)/i.test(raw)) return raw.split(' ')[1];
  return raw;
}
