import type { ErrorRequestHandler, RequestHandler } from 'express';

import { ErrorCode } from '../errors/index.js';

/** Request errors that GraphQL over HTTP wants answered with 200 under `application/json`. */
const REQUEST_ERROR_CODES = new Set<string>([ErrorCode.GRAPHQL_PARSE_FAILED, ErrorCode.GRAPHQL_VALIDATION_FAILED, ErrorCode.BAD_USER_INPUT]);

/**
 * GraphQL over HTTP (the "legacy" `application/json` response type): a document that does
 * not parse or validate, or variables that do not coerce, SHOULD be answered with 200, so
 * pre-spec clients (which treat any non-200 as a transport failure) still read `errors`.
 * Apollo Server answers 400 for every response type; this puts 200 back for exactly those
 * cases — only when the answer is `application/json`, has `errors` and no `data`, and
 * every error is one of those request errors. `application/graphql-response+json` answers
 * keep their 400, as the spec requires.
 */
export function jsonStatusForRequestErrors(): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (res.statusCode === 400 && typeof body === 'string' && String(res.getHeader('content-type') ?? '').startsWith('application/json')) {
        try {
          const parsed = JSON.parse(body) as { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
          const errors = parsed.errors ?? [];
          if (parsed.data === undefined && errors.length > 0 && errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)))) res.status(200);
        } catch {
          // Not JSON after all: leave the answer alone.
        }
      }
      return send(body);
    };
    next();
  };
}

/**
 * Answers a body that is not JSON (or too large) with a GraphQL-shaped error instead of
 * Express's HTML page, and without writing a stack trace to stderr.
 */
export function graphqlBodyErrorHandler(): ErrorRequestHandler {
  return (error: { status?: number; statusCode?: number; type?: string }, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = error.status ?? error.statusCode ?? 500;
    const message =
      error.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : error.type === 'entity.too.large'
          ? 'The request body is too large.'
          : status < 500
            ? 'The request could not be read.'
            : 'Internal server error.';
    const code = status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_SERVER_ERROR;
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
