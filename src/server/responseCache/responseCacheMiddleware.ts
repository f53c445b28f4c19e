import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

import { recordingReads } from '../../upstream/index.js';
import { callerScope } from './callerScope.js';
import { operationKey } from './operationKey.js';
import type { ResponseStore } from './responseStore.js';
import { ResponseTicket } from './responseTicket.js';
import type { StoredResponse } from './storedResponse.js';

export type ResponseCacheOutcome = 'hit' | 'shared' | 'miss' | 'stored';

/** One operation answered from the cache (a stored answer, or an identical operation's): it never reaches Apollo Server's plugins. */
export interface ServedFromCache {
  operation: string;
  outcome: 'hit' | 'shared';
  /** From the cache's look-up to the answer written. */
  seconds: number;
  requestId: string | undefined;
}

export interface ResponseCacheMiddlewareOptions {
  store: ResponseStore;
  /** See `operationKey`. */
  build: string;
  /** Client access control is on: every key names its authenticated caller, every answer is `private` for HTTP caches (see callerScope). */
  accessControl: boolean;
  onOutcome?(outcome: ResponseCacheOutcome): void;
  /** Each operation answered from the cache, for the operation metrics and log line Apollo Server's plugins would have written. */
  onServed?(served: ServedFromCache): void;
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
  const { store, build, accessControl, onOutcome = () => undefined, onServed, onError = () => undefined } = options;
  const flights = new Map<string, Promise<Shared | undefined>>();

  // The Content-Length of each stored answer, computed once (the bytes are served as they are).
  const lengths = new WeakMap<StoredResponse, string>();
  const lengthOf = (response: StoredResponse) => {
    let length = lengths.get(response);
    if (length === undefined) lengths.set(response, (length = String(Buffer.byteLength(response.body))));
    return length;
  };

  // Written straight to the socket, not through Express's `res.send` (which would convert the
  // text to a Buffer, parse the content type, ask for an ETag, and run the wrappers the
  // front puts on `send` — none of which changes a stored answer's 200). Same headers, same 304.
  const serve = (req: Request, res: Response, response: StoredResponse, outcome: 'hit' | 'shared', started: number, leaderCacheControl?: string) => {
    onOutcome(outcome);
    if (onServed) {
      const requestId: unknown = res.locals.requestId;
      onServed({
        operation: response.operation,
        outcome,
        seconds: (performance.now() - started) / 1000,
        requestId: typeof requestId === 'string' ? requestId : undefined,
      });
    }
    res.statusCode = 200;
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
        res.setHeader('etag', response.etag);
        // If-None-Match holds it: 304 without a body (as Express's `send` answers it).
        if (req.headers['if-none-match'] !== undefined && req.fresh) {
          res.statusCode = 304;
          res.removeHeader('content-type');
          res.end();
          return;
        }
      }
    }
    res.setHeader('content-length', lengthOf(response));
    res.end(response.body);
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
          operation: verdict.operation,
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
    const started = performance.now();
    const caller = callerScope(req, res, accessControl);
    const key = caller === undefined ? undefined : operationKey(req, build, caller);
    if (key === undefined) {
      next();
      return;
    }
    const flight = flights.get(key);
    if (!flight) {
      // Held in this process: served at once (what `lookup` would answer first).
      const held = store.peek(key);
      if (held) {
        serve(req, res, held, 'hit', started);
        return;
      }
    } else {
      // A failure to send (the client gone) goes to Express's error handling, never unhandled.
      flight
        .then((shared) =>
          shared ? serve(req, res, shared.response, 'shared', started, shared.cacheControl) : execute(req, res, next, key, undefined, undefined),
        )
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
          serve(req, res, hit, 'hit', started);
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
