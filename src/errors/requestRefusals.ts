import { GraphQLError } from 'graphql';

import { ErrorCode } from './codes.js';

/**
 * Requests the gateway refuses before (or instead of) running them, built in one place:
 * each carries its code from ErrorCode and, in `extensions.http.status`, the HTTP status
 * it is answered with.
 */

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

/** No credential, or one the gateway does not accept: UNAUTHENTICATED (answered 401 by the auth middleware). */
export function unauthenticatedError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

/** An argument that is not well-formed text (a lone UTF-16 surrogate): BAD_USER_INPUT, HTTP 400. */
export function malformedArgumentError(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName, http: { status: 400 } } });
}

/** Where subscriptions are served: a protocol, its endpoint, and the `Accept` header that selects it on HTTP. */
export interface SubscriptionTransport {
  /** `graphql-transport-ws` (graphql-ws over WebSocket), `multipart-subscription` (Apollo's HTTP multipart), `graphql-sse`. */
  protocol: string;
  /** The endpoint's path or URL, e.g. `/graphql`. */
  url: string;
  /** The request's `Accept` header that asks for this protocol (HTTP transports). */
  accept?: string;
}

/** A subscription sent where it cannot be served: SUBSCRIPTIONS_NOT_SUPPORTED, HTTP 400; `transports` says where it can. */
export function subscriptionsNotSupportedError(message: string, transports: readonly SubscriptionTransport[] = []): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.SUBSCRIPTIONS_NOT_SUPPORTED,
      ...(transports.length > 0 ? { subscriptionTransports: transports.map((transport) => ({ ...transport })) } : {}),
      http: { status: 400 },
    },
  });
}

/** The gateway is shutting down: GATEWAY_RESTARTING, the last word of a subscription stream. */
export function gatewayRestartingError(): GraphQLError {
  return new GraphQLError(
    'The gateway is shutting down: subscribe again, with the last `token` you received as `since`, to continue without missing a change.',
    {
      extensions: { code: ErrorCode.GATEWAY_RESTARTING },
    },
  );
}
