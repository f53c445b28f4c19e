import { errors as undiciErrors } from 'undici';

import { ErrorCode, UpstreamError } from '../errors/index.js';
import { PROVIDER_LABELS, type ProviderName } from '../providers.js';

/** The provider's display name, for client-facing messages. */
export function providerLabel(provider: ProviderName): string {
  return PROVIDER_LABELS[provider];
}

/** A transport failure (no HTTP answer, or the answer broke off) as an UpstreamError. */
export function classifyTransportFailure(provider: ProviderName, error: unknown): UpstreamError {
  const label = providerLabel(provider);
  if (error instanceof UpstreamError) return error;
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  ) {
    return new UpstreamError(`${label} did not answer in time.`, { provider, code: ErrorCode.UPSTREAM_TIMEOUT, cause: error });
  }
  if (error instanceof undiciErrors.ResponseContentLengthMismatchError || error instanceof SyntaxError) {
    return new UpstreamError(`${label} sent an incomplete or unreadable answer.`, { provider, code: ErrorCode.UPSTREAM_BAD_RESPONSE, cause: error });
  }
  return new UpstreamError(`${label} could not be reached.`, { provider, code: ErrorCode.UPSTREAM_UNAVAILABLE, cause: error });
}

/**
 * A failure while reading the body of an answer whose headers arrived: a body timeout is
 * UPSTREAM_TIMEOUT; anything else (the connection closed before Content-Length bytes came,
 * a reset mid-body) is UPSTREAM_BAD_RESPONSE — the provider answered, but incompletely.
 * No `upstreamStatus`: the answer never completed, and retrying it may well succeed.
 */
export function classifyBodyFailure(provider: ProviderName, error: unknown): UpstreamError {
  const classified = classifyTransportFailure(provider, error);
  if (classified.extensions.code !== ErrorCode.UPSTREAM_UNAVAILABLE) return classified;
  return new UpstreamError(`${providerLabel(provider)} sent an incomplete answer (the connection closed mid-body).`, {
    provider,
    code: ErrorCode.UPSTREAM_BAD_RESPONSE,
    cause: error,
  });
}

/** A non-2xx HTTP answer as an UpstreamError carrying the status (and Retry-After). */
export function classifyStatus(provider: ProviderName, status: number, retryAfter: number | undefined): UpstreamError {
  const label = providerLabel(provider);
  const details = { provider, upstreamStatus: status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  if (status === 401 || status === 403) {
    return new UpstreamError(`${label} rejected the gateway's credentials.`, { ...details, code: ErrorCode.UPSTREAM_UNAUTHORIZED });
  }
  if (status === 404) return new UpstreamError(`${label} has no such object.`, { ...details, code: ErrorCode.NOT_FOUND });
  if (status === 429) {
    const wait = retryAfter !== undefined ? ` Try again in ${retryAfter} s.` : '';
    return new UpstreamError(`${label} is rate-limiting the gateway.${wait}`, { ...details, code: ErrorCode.UPSTREAM_RATE_LIMITED });
  }
  if (status === 400) return new UpstreamError(`${label} rejected the request.`, { ...details, code: ErrorCode.UPSTREAM_REJECTED });
  if (status >= 500) return new UpstreamError(`${label} is failing (HTTP ${status}).`, { ...details, code: ErrorCode.UPSTREAM_UNAVAILABLE });
  return new UpstreamError(`${label} answered unexpectedly (HTTP ${status}).`, { ...details, code: ErrorCode.UPSTREAM_BAD_RESPONSE });
}

/** Parses a Retry-After header (seconds or HTTP date) into whole seconds. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
