import { ProviderPagingError, type OffsetSource } from '../connections/index.js';
import { ErrorCode, UpstreamError } from '../errors/index.js';
import { PROVIDER_LABELS, type ProviderName } from '../providers.js';

/**
 * `source`, whose paging misbehaviour (ProviderPagingError: a layout that kept changing, an
 * impossible page size) is reported as what it is — UPSTREAM_BAD_RESPONSE naming `provider` —
 * rather than an unexplained INTERNAL_SERVER_ERROR. Other rejections pass through.
 */
export function namedPaging<T>(provider: ProviderName, source: OffsetSource<T>): OffsetSource<T> {
  return {
    async read(offset, limit) {
      try {
        return await source.read(offset, limit);
      } catch (error) {
        if (!(error instanceof ProviderPagingError)) throw error;
        throw new UpstreamError(`${PROVIDER_LABELS[provider]}'s paging was inconsistent: ${error.message}.`, {
          provider,
          code: ErrorCode.UPSTREAM_BAD_RESPONSE,
          cause: error,
        });
      }
    },
  };
}
