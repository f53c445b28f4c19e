import DataLoader from 'dataloader';
import type { z } from 'zod';
import { ErrorCode, NotFoundError, UpstreamError } from '../../errors/index.js';
import type { GuidebookClient, GuidebookResource } from './client.js';

const MAX_BATCH = 50;

/**
 * A loader of objects by id through one GET per id (Guidebook lists filter by one `id` at
 * a time). DataLoader de-duplicates within the request and the shared cache across
 * requests; a 404 becomes a NOT_FOUND error for that key alone.
 */
export function createRetrieveLoader<W, M>(
  client: GuidebookClient,
  resource: GuidebookResource,
  item: z.ZodType<W>,
  map: (wire: W) => M,
  label: string,
  headers?: Record<string, string>,
): DataLoader<string, M> {
  return new DataLoader<string, M>(
    (ids) =>
      Promise.all(
        ids.map(async (id) => {
          if (!/^\d+$/.test(id)) return new NotFoundError(`Guidebook has no ${label} ${id}.`, 'guidebook');
          try {
            return map(await client.retrieve(resource, id, item, headers));
          } catch (error) {
            if (error instanceof UpstreamError && error.extensions.code === ErrorCode.NOT_FOUND) {
              return new NotFoundError(`Guidebook has no ${label} ${id}.`, 'guidebook');
            }
            return error as Error;
          }
        }),
      ),
    { maxBatchSize: MAX_BATCH },
  );
}

/**
 * A loader of objects by id out of one whole (small) list — guides, tracks, locations —
 * read page by page through the shared cache. Matched to keys by id, never by position.
 */
export function createListLoader<W extends { id: number }, M>(
  client: GuidebookClient,
  resource: GuidebookResource,
  item: z.ZodType<W>,
  map: (wire: W) => M,
  label: string,
  headers?: Record<string, string>,
): DataLoader<string, M> {
  return new DataLoader<string, M>(
    async (ids) => {
      const all = await client.listAll(resource, {}, item, headers);
      const byId = new Map(all.map((wire) => [String(wire.id), wire]));
      return ids.map((id) => {
        const wire = byId.get(id);
        return wire ? map(wire) : new NotFoundError(`Guidebook has no ${label} ${id}.`, 'guidebook');
      });
    },
    { maxBatchSize: 500 },
  );
}
