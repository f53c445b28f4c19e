import { subscriptionsNotSupportedError } from '../../errors/index.js';
import type { OperationCheck } from './gatewayRequestPlugin.js';

/** Where subscriptions are served, for the refusal to point clients at. */
export interface SubscriptionTransport {
  /** The protocol a client speaks there, e.g. `graphql-transport-ws` (graphql-ws) or `graphql-sse`. */
  protocol: string;
  /** The endpoint's URL or path, e.g. `/graphql` or `wss://api.example.com/graphql`. */
  url: string;
}

export interface SubscriptionsOverHttpOptions {
  /**
   * Where subscriptions are served, once they are: the refusal then carries it as
   * `extensions.subscriptionTransport` so a client can switch. Absent while the gateway
   * serves no subscriptions at all (today).
   */
  transport?: SubscriptionTransport;
}

/**
 * Refuses a `subscription` operation sent to the HTTP endpoint with SUBSCRIPTIONS_NOT_SUPPORTED
 * and HTTP 400, before execution: a client mistake, not the server error graphql-js makes
 * of it ("Schema is not configured to execute subscription operation"). Subscriptions, when
 * the gateway has them, are served by their own transport (see `transport`), never by a
 * plain request/response over HTTP. (Apollo Server itself answers a subscription sent by
 * GET with 405 and BAD_REQUEST before this runs.)
 */
export function subscriptionsOverHttpCheck(options: SubscriptionsOverHttpOptions = {}): OperationCheck {
  const { transport } = options;
  const message = transport
    ? `Subscriptions are not served over HTTP requests: connect with ${transport.protocol} at ${transport.url}.`
    : 'This gateway serves no subscriptions: send a query or a mutation.';
  return ({ operation }) => {
    if (operation?.operation !== 'subscription') return;
    throw subscriptionsNotSupportedError(message, transport);
  };
}
