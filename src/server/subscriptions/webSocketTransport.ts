import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type ExecutionArgs, type FormattedExecutionResult } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';

import { resolvePersistedOperation, type PersistedOperationsOptions } from '../../persistedOperations/persistedOperationsMiddleware.js';
import { credentialRefusal, type PresentedCredential } from '../auth/index.js';
import type { OperationRunner, PreparedOperation } from './operationRunner.js';
import type { SubscriptionHolder, SubscriptionSlots } from './subscriptionSlots.js';

/** WebSocket close code 1012, "Service Restart": graphql-ws clients (and Apollo's GraphQLWsLink) reconnect after it. */
export const SERVICE_RESTART = 1012;

export interface WebSocketTransportOptions {
  httpServer: http.Server;
  /** The path WebSockets are accepted on (`/graphql`); an upgrade to any other path is closed. */
  path: string;
  runner: OperationRunner;
  slots: SubscriptionSlots;
  /** Ping interval (ms); a connection that does not answer with a pong within as long again is closed. */
  heartbeatMs: number;
  /** Client access control; absent: anyone may connect. */
  checkCredential?: (credential: PresentedCredential) => { caller: string } | string;
  /** The trusted documents rule, as for HTTP requests. */
  trustedDocuments: PersistedOperationsOptions;
  /** Largest message accepted (bytes), as GRAPHQL_MAX_BODY_BYTES for HTTP. */
  maxMessageBytes: number;
  logger: Logger;
}

export interface WebSocketTransport {
  /** Open WebSocket connections. */
  connections(): number;
  /**
   * Refuses new connections and closes every open one with 1012 (Service Restart), so clients
   * reconnect — to another replica, or to this one restarted — and resubscribe; resolves
   * when they are closed (a socket that does not finish its close handshake within a second
   * is cut).
   */
  close(): Promise<void>;
}

/** What onSubscribe hands to execution: the checked operation and its subscription slot. */
interface OperationContext {
  prepared: PreparedOperation;
  release?: () => void;
}

/**
 * GraphQL over WebSocket — the `graphql-transport-ws` protocol of graphql-ws and Apollo's
 * GraphQLWsLink — on the HTTP server's own port and path. A client authenticates in its
 * `connection_init` payload (`x-api-key`/`apiKey`, or `authorization`/`Authorization`; a
 * `headers` object in the payload is read too) or on the upgrade request's headers; a
 * refused one is closed with 4403 and a reason starting `UNAUTHENTICATED`. Every `subscribe`
 * message goes through the trusted-documents rule and the OperationRunner's checks, and a
 * subscription needs a slot (SUBSCRIPTIONS_MAX, SUBSCRIPTIONS_MAX_PER_CONNECTION): a refusal
 * is an `error` message with the code HTTP would give. Queries and mutations run too.
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const { httpServer, path, runner, slots, checkCredential, trustedDocuments, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const holders = new WeakMap<object, SubscriptionHolder & { releases: Set<() => void> }>();
  let closing = false;

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (request.url ?? '').split('?')[0];
    if (pathname !== path || closing) {
      socket.end(
        closing
          ? 'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'
          : 'HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  httpServer.on('upgrade', onUpgrade);

  const server = useServer<Record<string, unknown> | undefined, Record<PropertyKey, never>>(
    {
      onConnect(ctx) {
        holders.set(ctx, { subscriptions: 0, releases: new Set() });
        if (!checkCredential) return true;
        const verdict = checkCredential(credentialOf(ctx.connectionParams, ctx.extra));
        if (typeof verdict === 'object') return true;
        logger.info({ reason: verdict, transport: 'graphql-ws' }, 'credential refused');
        // Closed here with a reason a client can show; graphql-ws would say only "Forbidden".
        ctx.extra.socket.close(CloseCode.Forbidden, `UNAUTHENTICATED: ${credentialRefusal(verdict)}`.slice(0, 123));
        return false;
      },
      onSubscribe(ctx, _id, payload) {
        const outcome = resolvePersistedOperation(payload as Parameters<typeof resolvePersistedOperation>[0], trustedDocuments);
        if ('refused' in outcome) return [new GraphQLError(outcome.refused[1], { extensions: { code: outcome.refused[0] } })];
        const prepared = runner.prepare(outcome.params);
        if (Array.isArray(prepared)) return prepared;
        const context: OperationContext = { prepared };
        if (prepared.operation.operation === 'subscription') {
          const holder = holders.get(ctx);
          const release = slots.take(holder);
          if (release instanceof GraphQLError) return [release];
          holder?.releases.add(release);
          context.release = () => {
            holder?.releases.delete(release);
            release();
          };
        }
        return {
          schema: runner.schema,
          document: prepared.document,
          operationName: prepared.operationName,
          variableValues: prepared.variables,
          contextValue: context,
        } satisfies ExecutionArgs;
      },
      // Whatever a connection still holds is given back when it closes (each release is idempotent).
      onClose(ctx) {
        for (const release of holders.get(ctx)?.releases ?? []) release();
      },
      onError: (_ctx, _id, _payload, errors) => runner.formatErrors(errors),
      // Results are already formatted by the runner (graphql-ws would call `toJSON` on their errors).
      onNext: (_ctx, _id, _payload, _args, result) => result as FormattedExecutionResult,
      // graphql-ws's own result type wants GraphQLError objects; these are formatted errors (see onNext).
      execute: (args) => runner.execute((args.contextValue as OperationContext).prepared) as Promise<never>,
      subscribe: (args) => {
        const { prepared, release } = args.contextValue as OperationContext;
        return runner.subscribe(prepared, release) as AsyncIterableIterator<never>;
      },
    },
    wss,
    options.heartbeatMs,
  );

  return {
    connections: () => wss.clients.size,
    async close() {
      closing = true;
      httpServer.off('upgrade', onUpgrade);
      await Promise.all(
        [...wss.clients].map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === socket.CLOSED) return resolve();
              socket.once('close', () => resolve());
              socket.close(SERVICE_RESTART, 'Service Restart: reconnect, and resubscribe with your last token as since');
              setTimeout(() => socket.terminate(), 1_000).unref();
            }),
        ),
      );
      await server.dispose();
    },
  };
}

/** The credential a connection presents: in its `connection_init` payload, else on the upgrade request. */
function credentialOf(params: Record<string, unknown> | undefined, extra: Extra): PresentedCredential {
  const nested = params?.headers && typeof params.headers === 'object' ? (params.headers as Record<string, unknown>) : {};
  const pick = (...values: unknown[]) => values.find((value): value is string => typeof value === 'string');
  const header = (name: string) => {
    const value = extra.request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const apiKey = pick(params?.['x-api-key'], params?.apiKey, nested['x-api-key']);
  const authorization = pick(params?.authorization, params?.Authorization, nested.authorization, nested.Authorization);
  if (apiKey !== undefined || authorization !== undefined) return { apiKey, authorization };
  return { apiKey: header('x-api-key'), authorization: header('authorization') };
}
