import type { Request, RequestHandler, Response } from 'express';
import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';

import { gatewayRestartingError } from '../../errors/index.js';
import type { OperationRequest, OperationRunner } from './operationRunner.js';
import type { SubscriptionSlots } from './subscriptionSlots.js';

export interface HttpSubscriptionsOptions {
  runner: OperationRunner;
  slots: SubscriptionSlots;
  /** Interval of the heartbeats that keep an idle stream (and the proxies on its way) open, ms. */
  heartbeatMs: number;
}

export interface HttpSubscriptions {
  /** On `/graphql` after body parsing and the trusted-documents rule, before Apollo Server. */
  middleware: RequestHandler;
  /** Streams open now. */
  streams(): number;
  /**
   * Ends every open stream, telling its client to subscribe again: a multipart stream gets a
   * last GATEWAY_RESTARTING part, an SSE stream ends without `complete` (graphql-sse clients
   * then reconnect by themselves). New streams are refused from then on (HTTP 503).
   */
  close(): void;
}

/** The multipart boundary (Apollo's clients read any; the Router uses this one). */
const BOUNDARY = 'graphql';

/** Which streaming protocol a request's `Accept` asks for, if any. */
export function streamKindOf(accept: string | undefined): 'multipart' | 'sse' | null {
  if (!accept) return null;
  const lower = accept.toLowerCase();
  // Apollo Client: `multipart/mixed;boundary=graphql;subscriptionSpec=1.0`; the spec's example quotes "1.0".
  if (/multipart\/mixed\s*;[^,]*subscriptionspec\s*=\s*"?1\.0"?/.test(lower)) return 'multipart';
  if (lower.includes('text/event-stream')) return 'sse';
  return null;
}

/** A stream's framing: how it opens, how a result and a heartbeat are written, how it ends. */
interface Framing {
  contentType: string;
  open: string;
  result(result: FormattedExecutionResult): string;
  heartbeat: string;
  /** Written when the subscription ends by itself. */
  end: string;
  /** Written when the gateway shuts down. */
  restart(errors: GraphQLFormattedError[]): string;
}

// Each part ends with the delimiter, so a reader (which takes a part as complete when it sees
// the next delimiter) has it at once; the close delimiter is that last delimiter plus `--`.
const DELIMITER = `\r\n--${BOUNDARY}`;
const part = (json: string) => `\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${json}${DELIMITER}`;

/**
 * Apollo's multipart subscription protocol (what Apollo Client's HttpLink, Apollo Kotlin and
 * Apollo iOS speak without WebSockets): each result is a part `{"payload": result}`, a
 * heartbeat is an empty object part `{}`, the end is the close delimiter, and a transport
 * error is a last part `{"payload": null, "errors": [...]}`.
 */
const MULTIPART: Framing = {
  contentType: `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`,
  open: DELIMITER,
  result: (result) => part(JSON.stringify({ payload: result })),
  heartbeat: part('{}'),
  end: '--\r\n',
  restart: (errors) => part(JSON.stringify({ payload: null, errors })) + '--\r\n',
};

/** GraphQL over SSE, graphql-sse's "distinct connections" mode: `next` events, then `complete`; heartbeats are comments. */
const SSE: Framing = {
  contentType: 'text/event-stream; charset=utf-8',
  open: '',
  result: (result) => `event: next\ndata: ${JSON.stringify(result)}\n\n`,
  heartbeat: ':\n\n',
  end: 'event: complete\ndata:\n\n',
  // No `complete`: the client sees the connection drop and reconnects.
  restart: () => '',
};

/**
 * Subscriptions over plain HTTP on `/graphql`, chosen by `Accept`: Apollo's multipart protocol
 * (`multipart/mixed;subscriptionSpec="1.0"`) or SSE (`text/event-stream`, graphql-sse's
 * distinct-connections mode). A request with neither, or a batch, goes on to Apollo Server,
 * and so does a query or mutation sent with the multipart `Accept` (Apollo answers it as
 * JSON); over SSE a query or mutation is answered as one `next` event. The operation is
 * checked by the OperationRunner (a refusal is the JSON error answer a query would get,
 * HTTP 400; TOO_MANY_SUBSCRIPTIONS is 429); client access control, body limits and trusted
 * documents ran before, as for every request.
 */
export function httpSubscriptions({ runner, slots, heartbeatMs }: HttpSubscriptionsOptions): HttpSubscriptions {
  const open = new Set<() => void>();
  let closing = false;

  const middleware: RequestHandler = (req, res, next) => {
    const kind = streamKindOf(req.headers.accept);
    if (!kind || (req.method !== 'POST' && req.method !== 'GET')) return next();
    const params = operationParams(req);
    if (!params) return next();
    const prepared = runner.prepare(params);
    if (Array.isArray(prepared)) return refuse(res, runner, prepared);
    const subscription = prepared.operation.operation === 'subscription';
    if (!subscription && kind === 'multipart') return next();
    if (subscription && req.method === 'GET' && kind === 'multipart') return next();
    if (closing) return refuse(res, runner, [gatewayRestartingError()], 503);
    const framing = kind === 'multipart' ? MULTIPART : SSE;
    if (!subscription) {
      // A query or mutation over SSE: one result, then `complete`.
      void runner.execute(prepared).then((result) => {
        startStream(res, framing);
        res.end(framing.open + framing.result(result) + framing.end);
      });
      return;
    }
    const release = slots.take();
    if (release instanceof GraphQLError) return refuse(res, runner, [release], 429);

    const results = runner.subscribe(prepared, release);
    startStream(res, framing);
    // The first heartbeat at once: the client sees the stream open before the first change.
    res.write(framing.open + framing.heartbeat);
    const heartbeat = setInterval(() => res.write(framing.heartbeat), heartbeatMs);
    let ended = false;
    const end = (last: string) => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      open.delete(restart);
      void results.return?.();
      if (!res.writableEnded) res.end(last);
    };
    const restart = () => end(framing.restart(runner.formatErrors([gatewayRestartingError()])));
    open.add(restart);
    // The client went away (or the connection broke): stop following the change log.
    res.on('close', () => end(''));
    void (async () => {
      try {
        for await (const result of results) {
          if (ended) return;
          res.write(framing.result(result));
        }
        end(framing.end);
      } catch {
        // The runner never throws; a failed write means the client is gone.
        end('');
      }
    })();
  };

  return {
    middleware,
    streams: () => open.size,
    close() {
      closing = true;
      for (const restart of [...open]) restart();
    },
  };
}

function startStream(res: Response, framing: Framing): void {
  res.writeHead(200, {
    'content-type': framing.contentType,
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // nginx (and other proxies honouring it) would otherwise buffer the stream.
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  res.socket?.setNoDelay(true);
}

/** The operation of a POST body (not a batch) or of a GET's query string; null when it is not one. */
function operationParams(req: Request): OperationRequest | null {
  if (req.method === 'POST') {
    const body: unknown = req.body;
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as OperationRequest) : null;
  }
  const query = req.query;
  const json = (value: unknown) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  };
  return { query: query.query, operationName: query.operationName, variables: json(query.variables), extensions: json(query.extensions) };
}

/** Answers a refused operation as a query's refusal is answered: JSON errors, no stream. */
function refuse(res: Response, runner: OperationRunner, errors: GraphQLError[], status?: number): void {
  const first = errors[0]?.extensions.http as { status?: number } | undefined;
  const formatted = runner.formatErrors(errors);
  res
    .status(status ?? first?.status ?? 400)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ errors: formatted }));
}
