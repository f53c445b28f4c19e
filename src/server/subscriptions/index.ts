// Subscriptions (issue 20): Subscription.sessionChanged over graphql-ws, HTTP multipart and SSE,
// with the limits, access control and error masking of HTTP operations (docs/subscriptions.md).
export { httpSubscriptions, streamKindOf, type HttpSubscriptions, type HttpSubscriptionsOptions } from './httpSubscriptions.js';
export { OperationRunner, type OperationRequest, type OperationRunnerOptions, type PreparedOperation } from './operationRunner.js';
export { SubscriptionSlots, type SubscriptionHolder, type SubscriptionSlotsOptions } from './subscriptionSlots.js';
export { attachWebSocketTransport, SERVICE_RESTART, type WebSocketTransport, type WebSocketTransportOptions } from './webSocketTransport.js';
export { subscriptionRootCrash, subscriptionRootGuard } from './subscriptionRootGuard.js';
