import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

import { recordingReads } from '../../upstream/index.js';
import { callerScope } from './callerScope.js';
import { operationKey } from './operationKey.js';
import type { ResponseStore } from './responseStore.js';
import { ResponseTicket } from './responseTicket.js';
import type { StoredResponse } from './storedResponse.js';

export type ResponseCacheOutcome = 'hit' | 'shared' | 'miss' | 'stored';

export interface ResponseCacheMiddlewareOptions {
  store: ResponseStore;
  /** See `operationKey`. */
  build: string;
  /** Client access control is on: every key names its authenticated caller, every answer is `private` for HTTP caches (see callerScope). */
  accessControl: boolean;
  onOutcome?(outcome: ResponseCacheOutcome): void;
  onError?(error: unknown): void;
}

/** What an operation under way hands to identical requests that arrived meanwhile. */
interface Shared {
  response: StoredResponse;
  /** The leader's own `Cache-Control` (what a GET waiter is sent); undefined when the leader was a stored answer. */
  cacheControl: string | undefined;
}

type Settle = (shared: Shared | undefined) => void;

/**
 * The whole-response cache in front of Apollo Server (last middleware before it, after
 * access control, limits on the request's size and trusted documents):
 * - a stored answer for the request's key is sent as the bytes it was (no execution, no
 *   serialization), with its `ETag` and, on a GET, its `Cache-Control` and an `Age` saying
 *   how much of its `max-age` is used;
 * - an identical request (same key) arriving while one is executed waits for it and is
 *   sent its answer when that answer may be shared (see responseVerdictStep), so a burst
 *   costs one execution — and the waiters are not executed one after another (the convoy);
 *   when it may not (an error), each executes on its own, all at once;
 * - otherwise the operation is executed with its upstream reads recorded (ResponseTicket),
 *   and its answer kept when it may be: no error, `maxAge` > 0, every upstream entry read
 *   was fresh and cached — until the first of them stops being fresh or `maxAge` ends,
 *   whichever comes first — and no invalidation happened meanwhile (ResponseStore).
 */
export function responseCacheMiddleware(options: ResponseCacheMiddlewareOptions): RequestHandler {
  const { store, build, accessControl, onOutcome = () => undefined, onError = () => undefined } = options;
  const flights = new Map<string, Promise<Shared | undefined>>();

  const serve = (req: Request, res: Response, response: StoredResponse, outcome: 'hit' | 'shared', leaderCacheControl?: string) => {
    onOutcome(outcome);
    res.status(200);
    res.setHeader('content-type', response.contentType);
    if (req.method === 'GET') {
      let cacheControl = leaderCacheControl;
      if (cacheControl === undefined) {
        // The hints' max-age, with what is already used of it as `Age` (so an HTTP cache keeps it only for what is left).
        const left = Math.min(response.maxAge, Math.floor((response.expiresAt - Date.now()) / 1000));
        if (left > 0) {
          cacheControl = `${accessControl || response.scope === 'PRIVATE' ? 'private' : 'public'}, max-age=${response.maxAge}`;
          if (left < response.maxAge) res.setHeader('age', String(response.maxAge - left));
        }
      }
      if (cacheControl && !cacheControl.includes('no-store')) {
        res.setHeader('cache-control', cacheControl);
        // Express answers 304 when If-None-Match holds it.
        res.setHeader('etag', response.etag);
      }
    }
    res.send(response.body);
  };

  const execute = (req: Request, res: Response, next: () => void, key: string, epoch: number | undefined, settle: Settle | undefined) => {
    onOutcome('miss');
    const ticket = new ResponseTicket();
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      res.send = send;
      const verdict = ticket.verdict;
      if (verdict && res.statusCode === 200 && typeof body === 'string') {
        const now = Date.now();
        const expiresAt = Math.min(now + verdict.maxAge * 1000, ticket.freshUntil());
        const response: StoredResponse = {
          body,
          etag: `"${createHash('sha256').update(body).digest('base64url')}"`,
          contentType: String(res.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          maxAge: verdict.maxAge,
          scope: verdict.scope,
          expiresAt,
          deps: [...ticket.reads.keys()],
        };
        const cacheControl = res.getHeader('cache-control');
        settle?.({ response, cacheControl: typeof cacheControl === 'string' ? cacheControl : undefined });
        // NaN (a read never settled) fails the comparison: not kept.
        if (!ticket.unstorable && expiresAt > now) {
          store.store(key, response, epoch).then(
            () => onOutcome('stored'),
            (error: unknown) => onError(error),
          );
        }
      } else settle?.(undefined);
      return send(body);
    };
    if (settle) res.once('close', () => settle(undefined));
    recordingReads(ticket, next);
  };

  return (req, res, next) => {
    const caller = callerScope(req, res, accessControl);
    const key = caller === undefined ? undefined : operationKey(req, build, caller);
    if (key === undefined) {
      next();
      return;
    }
    const flight = flights.get(key);
    if (flight) {
      // A failure to send (the client gone) goes to Express's error handling, never unhandled.
      flight
        .then((shared) => (shared ? serve(req, res, shared.response, 'shared', shared.cacheControl) : execute(req, res, next, key, undefined, undefined)))
        .catch(next);
      return;
    }
    let resolve: Settle = () => undefined;
    const promise = new Promise<Shared | undefined>((r) => (resolve = r));
    flights.set(key, promise);
    const settle: Settle = (shared) => {
      if (flights.get(key) === promise) flights.delete(key);
      resolve(shared);
    };
    store
      .lookup(key)
      .then(
        ({ hit, epoch }) => {
          if (!hit) return execute(req, res, next, key, epoch, settle);
          settle({ response: hit, cacheControl: undefined });
          serve(req, res, hit, 'hit');
        },
        (error: unknown) => {
          onError(error);
          execute(req, res, next, key, undefined, settle);
        },
      )
      .catch((error: unknown) => {
        settle(undefined);
        next(error);
      });
  };
}
