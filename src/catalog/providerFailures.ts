import type { SourceFailure } from '../connections/index.js';
import { ErrorCode, UpstreamError, UserInputError } from '../errors/index.js';
import type { ProviderName } from '../providers.js';

/**
 * The failures of a merged connection's sources (keyed by provider name) as upstream
 * errors naming each provider. When every source failed there is nothing to show: the
 * first failure is thrown instead. A client mistake is never a provider failure: rethrown.
 */
export function providerFailures(failures: readonly SourceFailure[], sourceCount: number): UpstreamError[] {
  const errors = failures.map(({ source, error }) => {
    if (error instanceof UpstreamError) return error;
    if (error instanceof UserInputError) throw error;
    // A source is keyed by its provider's name, or `planstone:<account/conference>` for a later Planstone conference.
    const provider = source.split(':')[0] as ProviderName;
    return new UpstreamError(`The ${provider} provider failed.`, { provider, code: ErrorCode.UPSTREAM_UNAVAILABLE, cause: error });
  });
  if (errors.length > 0 && errors.length === sourceCount) throw errors[0];
  return errors;
}
