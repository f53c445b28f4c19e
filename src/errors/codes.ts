/**
 * Every `extensions.code` a client of the gateway can see — Apollo Server's own request
 * errors included: the masking boundary (formatError) lets no other code through. Stable:
 * clients switch on these, so a code is never renamed or reused for something else. Each
 * is listed in the README's table and in docs/errors.md (a test checks both).
 */
export const ErrorCode = {
  // Request errors Apollo Server (graphql-js) answers before any resolver runs, with HTTP 400
  // (200 under `application/json` for the first two and BAD_USER_INPUT: see jsonStatusForRequestErrors).
  /** The document is not valid GraphQL syntax. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The document does not validate against the schema (unknown field, wrong argument type, introspection off, ...). */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /**
   * The HTTP request is not a GraphQL request the gateway can read: not JSON, no `query`,
   * a non-object batch entry (answered alone, the other entries run), a mutation by GET,
   * a CSRF-unsafe GET without `apollo-require-preflight`, an unacceptable `Accept`.
   */
  BAD_REQUEST: 'BAD_REQUEST',
  /** `operationName` names no operation of the document, or a document of several operations came without one. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /**
   * Automatic persisted queries: the hash is not registered (yet). The client sends the
   * document with its hash once, then the hash alone works.
   */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** Automatic persisted queries are switched off (`PERSISTED_QUERY_TTL_S=0`): send the document. */
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** The operation's arguments or input are invalid (a bad cursor, `first` out of range, ...). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The requested object does not exist at its provider. */
  NOT_FOUND: 'NOT_FOUND',
  /**
   * Delta sync: the token is older than the change log's retention (the changes after it
   * are gone). Re-read the sessions in full, then sync from the token of that answer.
   */
  SYNC_TOKEN_EXPIRED: 'SYNC_TOKEN_EXPIRED',
  /**
   * Delta sync: the change log (Redis, with `REDIS_URL`) cannot be read right now. Nothing
   * recorded is lost: retry `sessionChanges`, or subscribe again, with the same token in a
   * moment. Reads of the schedule itself are not affected.
   */
  CHANGE_LOG_UNAVAILABLE: 'CHANGE_LOG_UNAVAILABLE',
  /** The provider could not be reached, or answered 5xx. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** The provider did not answer in time. */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** The provider refused for quota or rate reasons (429), or the gateway's quota guard did. */
  UPSTREAM_RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  /** The provider's answer could not be understood (bad JSON, wrong shape, truncated). */
  UPSTREAM_BAD_RESPONSE: 'UPSTREAM_BAD_RESPONSE',
  /** The provider rejected the gateway's credentials (401/403). */
  UPSTREAM_UNAUTHORIZED: 'UPSTREAM_UNAUTHORIZED',
  /**
   * A write went out but no answer came back (timeout or broken connection after sending):
   * it may or may not have been applied. Read the object back before retrying.
   */
  UPSTREAM_OUTCOME_UNKNOWN: 'UPSTREAM_OUTCOME_UNKNOWN',
  /**
   * The provider rejected the request (400). A mutation reports this as data instead: its
   * payload's `userErrors`, with this code, at the input fields the provider named.
   */
  UPSTREAM_REJECTED: 'UPSTREAM_REJECTED',
  /** The provider is switched off in this deployment's configuration. */
  PROVIDER_DISABLED: 'PROVIDER_DISABLED',
  /** The gateway runs only persisted operations (`PERSISTED_OPERATIONS_ONLY`), and the request sent a bare query. */
  PERSISTED_OPERATION_REQUIRED: 'PERSISTED_OPERATION_REQUIRED',
  /** The `documentId` / persisted-query hash is not in the gateway's operation manifest. */
  PERSISTED_OPERATION_NOT_FOUND: 'PERSISTED_OPERATION_NOT_FOUND',
  /** The operation nests deeper than the gateway allows (`extensions.limit`, `extensions.measured`). */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  /** The operation uses more aliases than the gateway allows. */
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  /** The operation selects more root fields than the gateway allows. */
  TOO_MANY_ROOT_FIELDS: 'TOO_MANY_ROOT_FIELDS',
  /** The document has more lexical tokens than the gateway parses. */
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  /** The operation's estimated cost (connections multiply by their page size) is over the budget. */
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  /** A batched HTTP request holds more operations than the gateway runs at once. */
  BATCH_TOO_LARGE: 'BATCH_TOO_LARGE',
  /** The request body is larger than the gateway accepts (HTTP 413). */
  REQUEST_TOO_LARGE: 'REQUEST_TOO_LARGE',
  /**
   * A GET's URL is longer than the gateway reads (HTTP 414, `GRAPHQL_MAX_GET_URL_BYTES`), or the
   * request line and headers pass Node's header limit (HTTP 431). Send the operation by POST
   * or as a persisted operation.
   */
  URL_TOO_LONG: 'URL_TOO_LONG',
  /** No credential, or one the gateway does not accept (HTTP 401; see GATEWAY_API_KEYS / GATEWAY_JWT_SECRET). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /**
   * A `subscription` operation was sent as a plain request (a JSON POST), which answers once
   * (HTTP 400). Subscriptions are served on the same path over graphql-ws (WebSocket), HTTP
   * multipart (`Accept: multipart/mixed;subscriptionSpec="1.0"`) and SSE (`Accept:
   * text/event-stream`); `extensions.subscriptionTransports` lists them.
   */
  SUBSCRIPTIONS_NOT_SUPPORTED: 'SUBSCRIPTIONS_NOT_SUPPORTED',
  /**
   * A subscription over the limit: the connection's (SUBSCRIPTIONS_MAX_PER_CONNECTION) or this
   * gateway instance's (SUBSCRIPTIONS_MAX); `extensions.limit` and `measured` say which count.
   * HTTP 429 on a multipart or SSE request; an `error` message over graphql-ws.
   */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /**
   * The gateway is shutting down (SIGTERM, a deploy): the subscription ends. Subscribe again,
   * with the last `token` received as `since`, and nothing is missed. (graphql-ws clients get
   * the WebSocket close code 1012 instead, and reconnect by themselves.)
   */
  GATEWAY_RESTARTING: 'GATEWAY_RESTARTING',
  /** Anything unexpected; details are only in the logs. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
