import { GraphQLError } from 'graphql';

import type { ProviderName } from '../providers.js';
import { ErrorCode } from './codes.js';

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    code?: ErrorCode | string;
    /** Which provider failed, on every upstream error. */
    provider?: ProviderName;
    /** The provider's HTTP status, when it answered. */
    upstreamStatus?: number;
    /** Seconds the provider asked us to wait (429/503 `Retry-After`). */
    retryAfter?: number;
    /** The input argument or field at fault, for BAD_USER_INPUT. */
    argumentName?: string;
  }
}

/** A client mistake in arguments or input. The message says what to change. */
export class UserInputError extends GraphQLError {
  constructor(message: string, argumentName?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) } });
    this.name = 'UserInputError';
  }
}

/** An id that names nothing at its provider. */
export class NotFoundError extends GraphQLError {
  constructor(message: string, provider?: ProviderName) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND, ...(provider ? { provider } : {}) } });
    this.name = 'NotFoundError';
  }
}

/** A delta-sync token whose changes the log no longer holds (see `ErrorCode.SYNC_TOKEN_EXPIRED`). */
export class SyncTokenExpiredError extends GraphQLError {
  constructor(argumentName = 'since') {
    super(
      `The sync token in \`${argumentName}\` is older than the change log's retention: read the sessions in full, then sync from the token of that answer.`,
      { extensions: { code: ErrorCode.SYNC_TOKEN_EXPIRED, argumentName } },
    );
    this.name = 'SyncTokenExpiredError';
  }
}

/**
 * The change log could not be read (its Redis is away or did not answer): see
 * `ErrorCode.CHANGE_LOG_UNAVAILABLE`. The message names neither the server nor the failure,
 * which stays in `originalError` for the logs.
 */
export class ChangeLogUnavailableError extends GraphQLError {
  constructor(cause?: unknown) {
    super('The change log (Redis) is unavailable right now: retry with the same sync token in a moment; no recorded change is lost.', {
      extensions: { code: ErrorCode.CHANGE_LOG_UNAVAILABLE },
      originalError: cause instanceof Error ? cause : undefined,
    });
    this.name = 'ChangeLogUnavailableError';
  }
}

export interface UpstreamErrorDetails {
  provider: ProviderName;
  code: ErrorCode;
  upstreamStatus?: number;
  retryAfter?: number;
  cause?: unknown;
}

/**
 * A provider failed. Its message is safe to show a client: it names the provider and
 * what went wrong, never a URL, a credential or the provider's raw body.
 */
export class UpstreamError extends GraphQLError {
  readonly provider: ProviderName;
  readonly upstreamStatus: number | undefined;
  readonly retryAfter: number | undefined;

  constructor(message: string, details: UpstreamErrorDetails) {
    super(message, {
      extensions: {
        code: details.code,
        provider: details.provider,
        ...(details.upstreamStatus !== undefined ? { upstreamStatus: details.upstreamStatus } : {}),
        ...(details.retryAfter !== undefined ? { retryAfter: details.retryAfter } : {}),
      },
      originalError: details.cause instanceof Error ? details.cause : undefined,
    });
    this.name = 'UpstreamError';
    this.provider = details.provider;
    this.upstreamStatus = details.upstreamStatus;
    this.retryAfter = details.retryAfter;
  }
}

/** A provider switched off in this deployment's configuration was needed (PROVIDER_DISABLED). */
export class ProviderDisabledError extends UpstreamError {
  constructor(provider: ProviderName) {
    super(`The ${provider} provider is switched off in this gateway's configuration.`, { provider, code: ErrorCode.PROVIDER_DISABLED });
    this.name = 'ProviderDisabledError';
  }
}
