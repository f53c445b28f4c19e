import DataLoader from 'dataloader';

import { ErrorCode, NotFoundError, UpstreamError } from '../errors/index.js';
import { isCanonicalIntegerId } from '../ids/canonicalSourceId.js';
import type { ProviderName } from '../providers.js';

const MAX_BATCH = 50;

/**
 * A loader of objects by numeric id through one GET per id, for providers whose lists
 * cannot filter by several ids (Guidebook, Roundware). DataLoader de-duplicates within the
 * request and the shared cache across requests. An id that is not a number is never sent
 * (Roundware answers one with a 500), and it and a 404 become a NOT_FOUND error for that
 * key alone; any other failure is that key's error. (Ids from clients were already refused
 * by `parseGlobalId`; this is the floor for ids read from the providers' own references.)
 */
export function createByIdLoader<M>(provider: ProviderName, notFound: (id: string) => string, retrieve: (id: string) => Promise<M>): DataLoader<string, M> {
  return new DataLoader<string, M>(
    (ids) =>
      Promise.all(
        ids.map(async (id) => {
          if (!isCanonicalIntegerId(id)) return new NotFoundError(notFound(id), provider);
          try {
            return await retrieve(id);
          } catch (error) {
            if (error instanceof UpstreamError && error.extensions.code === ErrorCode.NOT_FOUND) return new NotFoundError(notFound(id), provider);
            return error as Error;
          }
        }),
      ),
    { maxBatchSize: MAX_BATCH },
  );
}
