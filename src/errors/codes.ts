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
  /** The provider rejected a write's input (400) — field errors are in `extensions.fieldErrors`. */
  UPSTREAM_REJECTED: 'UPSTREAM_REJECTED',
  /** The provider is switched off in this deployment's configuration. */
  PROVIDER_DISABLED: 'PROVIDER_DISABLED',
  /** Anything unexpected; details are only in the logs. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The providers, as named in `extensions.provider`. */
export type ProviderName = 'guidebook' | 'roundware' | 'planstone';
