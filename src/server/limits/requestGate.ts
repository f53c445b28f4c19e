import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { GraphQLError } from 'graphql';

import type { OperationLimitsConfig } from '../../config/index.js';
import { ErrorCode, limitError } from '../../errors/index.js';
import { countTokens } from './countTokens.js';
import { formatCount } from './formatCount.js';

/** Sends (and logs) a request-level rejection. */
export type RejectRequest = (req: Request, res: Response, status: number, error: GraphQLError) => void;

/**
 * The limits checked before Apollo Server sees a request, on the raw HTTP request: the
 * number of operations in a batch (BATCH_TOO_LARGE) and each document's token count
 * (TOO_MANY_TOKENS). Tokens are counted before parsing because parsing is the cost being
 * limited, and Apollo Server's plugin hooks cannot refuse a request with a code of ours
 * before it parses.
 */
export function requestGate(limits: Pick<OperationLimitsConfig, 'maxBatch' | 'maxTokens'>, reject: RejectRequest): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    // A POST that express.json() did not parse (text/plain, form data, no body): hand Apollo
    // an empty object so it answers 400 (CSRF prevention, or "no query") instead of its
    // middleware's 500 for a missing req.body.
    if (req.body === undefined) req.body = {};
    const body: unknown = req.body;
    if (Array.isArray(body) && body.length > limits.maxBatch) {
      const message = `The request batches ${formatCount(body.length)} operations; this gateway accepts at most ${formatCount(limits.maxBatch)} per request. Send the others in another request.`;
      reject(req, res, 400, limitError(ErrorCode.BATCH_TOO_LARGE, message, { limit: limits.maxBatch, measured: body.length }));
      return;
    }
    const documents =
      req.method === 'GET' ? [req.query.query] : (Array.isArray(body) ? body : [body]).map((item) => (item as { query?: unknown } | null)?.query);
    for (const query of documents) {
      if (typeof query !== 'string') continue;
      const tokens = countTokens(query);
      if (tokens > limits.maxTokens) {
        const message = `The document has ${formatCount(tokens)} tokens; this gateway accepts at most ${formatCount(limits.maxTokens)}. Select fewer fields, or split the operation into several requests.`;
        reject(req, res, 400, limitError(ErrorCode.TOO_MANY_TOKENS, message, { limit: limits.maxTokens, measured: tokens }));
        return;
      }
    }
    next();
  };
}
