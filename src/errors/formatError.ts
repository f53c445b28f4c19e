import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';

import { ErrorCode } from './codes.js';

/**
 * Codes whose message was written for clients and is safe to show as-is: every code of
 * ErrorCode (Apollo Server's request errors included) but INTERNAL_SERVER_ERROR. Any other
 * code is masked, so a client never sees a code ErrorCode does not document.
 */
const CLIENT_SAFE_CODES = new Set<string>(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

/** Extension keys a client may see; anything else (stack traces, upstream bodies) is dropped. */
const PUBLIC_EXTENSIONS = ['code', 'provider', 'upstreamStatus', 'retryAfter', 'argumentName', 'http', 'limit', 'measured', 'subscriptionTransports'] as const;

export interface FormatErrorOptions {
  /** Called with every error that is masked, for the logs. */
  onMaskedError?: (error: unknown) => void;
  /** Removes secrets and upstream hosts from a client-visible message (defence in depth). */
  scrub?: (text: string) => string;
  /**
   * The id of the request being answered, put in a masked error's `extensions.requestId`
   * so a client can quote it and an operator find the error's log line.
   */
  requestId?: () => string | undefined;
}

/**
 * The single masking boundary: every error a client sees passes here. Known errors keep
 * their message and public extensions; anything else becomes a generic
 * INTERNAL_SERVER_ERROR (with its locations, path and the request id) and is reported once
 * to `onMaskedError`. It cannot throw.
 */
export function createFormatError(options: FormatErrorOptions = {}) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    try {
      const original = unwrapResolverError(error);
      const code = formatted.extensions?.code;
      const known =
        typeof code === 'string' && CLIENT_SAFE_CODES.has(code) && (original instanceof GraphQLError || !(original instanceof Error) || original === error);
      if (known) {
        const extensions: Record<string, unknown> = {};
        for (const key of PUBLIC_EXTENSIONS) if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
        return {
          message: options.scrub ? options.scrub(formatted.message) : formatted.message,
          ...(formatted.locations ? { locations: formatted.locations } : {}),
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions,
        };
      }
      // Apollo Server's own request errors without a code (e.g. "provided sha does not match
      // query", which Apollo labels INTERNAL_SERVER_ERROR) are client mistakes it answers with
      // HTTP 4xx before any resolver runs: their messages are safe to show.
      const ownCode = original instanceof GraphQLError ? original.extensions.code : undefined;
      const status = original instanceof GraphQLError ? (original.extensions.http as { status?: number } | undefined)?.status : undefined;
      if (ownCode === undefined && !formatted.path && status !== undefined && status >= 400 && status < 500) {
        return { message: formatted.message, extensions: { code: ErrorCode.BAD_REQUEST } };
      }
      options.onMaskedError?.(original);
    } catch {
      // Fall through to the generic answer: this boundary never throws.
    }
    let requestId: string | undefined;
    try {
      requestId = options.requestId?.();
    } catch {
      requestId = undefined;
    }
    return {
      message: 'Internal server error.',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
    };
  };
}
