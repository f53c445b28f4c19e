/**
 * Every `extensions.code` a client of the gateway can see. Stable: clients switch on
 * these, so a code is never renamed or reused for something else.
 */
export const ErrorCode = {
  /** The operation's arguments or input are invalid (a bad cursor, `first` out of range, ...). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The requested object does not exist at its provider. */
  NOT_FOUND: 'NOT_FOUND',
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
   * A `subscription` operation was sent where subscriptions are not served (HTTP 400). Today
   * the gateway serves none; once it does, `extensions.subscriptionTransport` says where.
   */
  SUBSCRIPTIONS_NOT_SUPPORTED: 'SUBSCRIPTIONS_NOT_SUPPORTED',
  /** Anything unexpected; details are only in the logs. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The providers, as named in `extensions.provider`. */
export type ProviderName = 'guidebook' | 'roundware' | 'planstone';
