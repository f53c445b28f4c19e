import { GraphQLError } from 'graphql';
import type { ErrorCode } from '../../errors/index.js';

/** What a limit rejection reports besides its message. */
export interface LimitDetails {
  /** The configured maximum. */
  limit: number;
  /** What this request measured (depth, aliases, cost, bytes, ...). */
  measured?: number;
}

/**
 * A request refused by an operation limit: its own code, HTTP 400 (or `status`), and
 * `extensions.limit`/`extensions.measured` so a client can adapt without parsing the text.
 */
export function limitError(code: ErrorCode, message: string, details: LimitDetails, status = 400): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code,
      limit: details.limit,
      ...(details.measured !== undefined ? { measured: details.measured } : {}),
      http: { status },
    },
  });
}

/** `12345` → `12,345`, for messages. */
export const formatCount = (value: number): string => value.toLocaleString('en-US');
