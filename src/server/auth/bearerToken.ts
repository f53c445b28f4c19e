import { apiKeyMatcher } from './apiKeyMatcher.js';

/** The credential of an `Authorization: Bearer <credential>` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
}

/** Whether an `Authorization` header is `Bearer <token>`, compared in constant time. */
export function bearerMatcher(token: string): (authorization: string | undefined) => boolean {
  const matches = apiKeyMatcher([token]);
  return (authorization) => {
    const presented = bearerToken(authorization);
    return presented !== undefined && matches(presented);
  };
}
