import { subscriptionsNotSupportedError, type SubscriptionTransport } from '../../errors/index.js';
import type { OperationCheck } from './gatewayRequestPlugin.js';

export type { SubscriptionTransport } from '../../errors/index.js';

export interface SubscriptionsOverHttpOptions {
  /**
   * Where subscriptions are served: the refusal names them in its message and carries them as
   * `extensions.subscriptionTransports` so a client can switch. Empty: the gateway serves none.
   */
  transports?: readonly SubscriptionTransport[];
}

/**
 * Refuses a `subscription` operation that reached Apollo Server — a plain request/response
 * (a JSON POST), which answers once — with SUBSCRIPTIONS_NOT_SUPPORTED and HTTP 400, before
 * execution: a client mistake, not the server error graphql-js makes of it ("Schema is not
 * configured to execute subscription operation"). Subscriptions are served by their own
 * transports, which take the request before Apollo Server (see `transports`). (Apollo Server
 * itself answers a subscription sent by GET with 405 and BAD_REQUEST before this runs.)
 */
export function subscriptionsOverHttpCheck(options: SubscriptionsOverHttpOptions = {}): OperationCheck {
  const transports = options.transports ?? [];
  const message =
    transports.length > 0
      ? `A subscription cannot be answered by a plain JSON request: subscribe over ${transports.map(describe).join(', or ')}.`
      : 'This gateway serves no subscriptions: send a query or a mutation.';
  return ({ operation }) => {
    if (operation?.operation !== 'subscription') return;
    throw subscriptionsNotSupportedError(message, transports);
  };
}

function describe(transport: SubscriptionTransport): string {
  return transport.accept
    ? `${transport.protocol} (POST ${transport.url} with \`Accept: ${transport.accept}\`)`
    : `${transport.protocol} (WebSocket at ${transport.url})`;
}
