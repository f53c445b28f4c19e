import type { z } from 'zod';

import { ErrorCode, UpstreamError } from '../../errors/index.js';
import { refused, succeeded, type UserError, type WriteOutcome } from '../../models/writes/index.js';
import type { UpstreamClient } from '../../upstream/index.js';

export interface WriteRequest<W> {
  method: 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the provider's base URL, e.g. `sessions/42/`. */
  path: string;
  /** Route template for metrics and logs, e.g. `PATCH sessions/:id/`. */
  route: string;
  body?: unknown;
  /** The answer's wire schema; null when no body is expected (204, 202). */
  schema: z.ZodType<W> | null;
  /** Cached reads the write changes (see `UpstreamClient.send`). */
  invalidates: string[];
  headers?: Record<string, string>;
  /** The provider's 400 body as user errors at input paths (the provider's mapper). */
  rejected(body: unknown): UserError[];
  /** For writes addressed to one object: a 404 means it is gone, reported at this input field. */
  notFound?: UserError;
  /** The write may have been applied: forget per-request copies of what it touches. */
  onUncertain?(): void;
}

/**
 * Sends one validated write (never retried) and sorts what can come back:
 * - a 2xx answer → the validated wire body (null for 202/204);
 * - 400 → the provider's field errors as user errors; 404 on an addressed object → NOT_FOUND;
 * - no answer after sending → UPSTREAM_OUTCOME_UNKNOWN, thrown; so is a 2xx whose body
 *   cannot be read (the write was accepted, its result is unknown to us);
 * - anything else (401, 405, 429, 5xx, quota) → the UpstreamError, thrown.
 */
export async function runWrite<W>(upstream: UpstreamClient, request: WriteRequest<W> & { schema: z.ZodType<W> }): Promise<WriteOutcome<W>>;
export async function runWrite(upstream: UpstreamClient, request: WriteRequest<null> & { schema: null }): Promise<WriteOutcome<null>>;
export async function runWrite<W>(upstream: UpstreamClient, request: WriteRequest<W>): Promise<WriteOutcome<W | null>> {
  try {
    const answer = await upstream.send(request.method, request.path, request.body, request.schema, {
      invalidates: request.invalidates,
      route: request.route,
      ...(request.headers ? { headers: request.headers } : {}),
    });
    return succeeded(answer.value, answer.status);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    const code = error.extensions.code;
    if (code === ErrorCode.UPSTREAM_REJECTED) return refused(request.rejected((error as { responseBody?: unknown }).responseBody));
    if (code === ErrorCode.NOT_FOUND && request.notFound) return refused([request.notFound]);
    if (code === ErrorCode.UPSTREAM_OUTCOME_UNKNOWN) {
      request.onUncertain?.();
      throw error;
    }
    if (code === ErrorCode.UPSTREAM_BAD_RESPONSE && (error.upstreamStatus === undefined || (error.upstreamStatus >= 200 && error.upstreamStatus < 300))) {
      request.onUncertain?.();
      throw new UpstreamError(`${error.message} The write was accepted, but its result is unknown: read the object back before retrying.`, {
        provider: error.provider,
        code: ErrorCode.UPSTREAM_OUTCOME_UNKNOWN,
        upstreamStatus: error.upstreamStatus,
        cause: error,
      });
    }
    throw error;
  }
}
