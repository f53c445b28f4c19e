import type { ErrorRequestHandler } from 'express';

import { ErrorCode, limitError } from '../../errors/index.js';
import { formatCount } from './formatCount.js';
import type { RejectRequest } from './requestGate.js';

/**
 * A body over the size limit (express.json's `entity.too.large`) becomes a GraphQL-shaped
 * 413 with code REQUEST_TOO_LARGE, the limit and — when the client declared it — the
 * size sent. Every other error goes on to the next error handler.
 */
export function bodyErrors(maxBodyBytes: number, reject: RejectRequest): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent || (error as { type?: unknown } | null)?.type !== 'entity.too.large') {
      next(error);
      return;
    }
    const length = Number(req.headers['content-length']);
    const measured = Number.isFinite(length) && length > 0 ? length : undefined;
    const message = `The request body is ${measured !== undefined ? `${formatCount(measured)} bytes` : 'too large'}; this gateway accepts at most ${formatCount(maxBodyBytes)} bytes. Send a smaller document: fewer fields, or values in variables.`;
    reject(req, res, 413, limitError(ErrorCode.REQUEST_TOO_LARGE, message, { limit: maxBodyBytes, ...(measured !== undefined ? { measured } : {}) }, 413));
  };
}
