import DataLoader from 'dataloader';
import type { z } from 'zod';

import { pageCountOf } from '../../connections/index.js';
import { NotFoundError } from '../../errors/index.js';
import { createByIdLoader } from '../byIdLoader.js';
import type { GuidebookClient, GuidebookResource } from './client.js';
import { indexCachedList, mapCachedItem } from './mapCachedList.js';

/** A loader of Guidebook objects by id, one GET per id (its lists filter by one `id` at a time). */
export function createRetrieveLoader<W, M>(
  client: GuidebookClient,
  resource: GuidebookResource,
  item: z.ZodType<W>,
  map: (wire: W) => M,
  label: string,
  headers?: Record<string, string>,
): DataLoader<string, M> {
  return createByIdLoader(
    'guidebook',
    (id) => `Guidebook has no ${label} ${id}.`,
    async (id) => map(await client.retrieve(resource, id, item, headers)),
  );
}

/**
 * A loader of objects by id out of one whole (small) list — guides, tracks, locations —
 * whose pages `readPages` reads through the shared cache. Matched to keys by id, never by
 * position; each cached page is indexed and mapped once, not per request.
 */
export function createListLoader<W extends { id: number }, M>(readPages: () => Promise<W[][]>, map: (wire: W) => M, label: string): DataLoader<string, M> {
  return new DataLoader<string, M>(
    async (ids) => {
      const pages = (await readPages()).map((page) => indexCachedList(page, map));
      return ids.map((id) => {
        for (const page of pages) {
          const model = page.get(id);
          if (model) return model;
        }
        return new NotFoundError(`Guidebook has no ${label} ${id}.`, 'guidebook');
      });
    },
    { maxBatchSize: 500 },
  );
}

/** A key of a guide-scoped loader: an object id and the guide it belongs to. */
export interface GuideScopedKey {
  id: string;
  guideId: string;
}

/**
 * Objects by id when their guide is known (a personalized schedule's sessions and
 * attendees). Keys of one guide asked for together are served from the guide's list if
 * that is cheaper: page 1 tells the total and the server's page size, then the remaining
 * pages are read only when more ids are still missing than pages remain; whatever is
 * left comes from `byId` (one GET each). A handful of ids goes straight to `byId`. When
 * the list's layout is remembered and it has fewer pages than there are ids, all its pages
 * are read at once. `prefetched`: the guide's whole list as this request already reads it
 * (its pages' items; undefined: not read, or failed).
 */
export function createGuideScopedLoader<W extends { id: number }, M extends { sourceId: string }>(
  client: GuidebookClient,
  resource: GuidebookResource,
  listQuery: (guideId: string) => Record<string, string>,
  item: z.ZodType<W>,
  map: (wire: W) => M,
  byId: DataLoader<string, M>,
  headers?: Record<string, string>,
  prefetched?: (guideId: string) => Promise<W[][] | undefined> | undefined,
): DataLoader<GuideScopedKey, M, string> {
  return new DataLoader<GuideScopedKey, M, string>(
    async (keys) => {
      const byGuide = new Map<string, string[]>();
      for (const { id, guideId } of keys) byGuide.set(guideId, [...(byGuide.get(guideId) ?? []), id]);
      await Promise.all(
        [...byGuide].map(async ([guideId, ids]) => {
          const wanted = new Set(ids);
          const seen = new Set<string>();
          // Only the ids asked for are mapped and primed (with the cache off, a guide's list is
          // new objects on every read: mapping all of its 248 sessions to show 17 cost more than
          // parsing them).
          const prime = (wires: readonly W[]) => {
            for (const wire of wires) {
              const id = String(wire.id);
              seen.add(id);
              if (!wanted.has(id)) continue;
              const model = mapCachedItem(wire, map);
              byId.prime(model.sourceId, model);
            }
          };
          // The guide's whole list, already asked for by this request; the ids it lacks, if any, are read one by one below.
          const ahead = await prefetched?.(guideId);
          if (ahead) {
            for (const page of ahead) prime(page);
            return;
          }
          const list = `${resource}?guide=${guideId}`;
          // A handful of ids goes one by one — unless, across requests, so many of this
          // guide's objects are being fetched one by one that its list is cheaper.
          const busy = client.listDemand.preferList(list, ids);
          if (!busy && ids.length <= FEW_IDS) return;
          const query = listQuery(guideId);
          // Its layout known from an earlier read, a list of no more pages than there are
          // ids costs no more than the ids one by one, and all its pages go out at once
          // (page 1 first would add a round trip and, for as many ids as pages, no saving).
          const expected = client.expectedLayout(resource, query);
          if (expected && (busy || ids.length >= pageCountOf(expected))) {
            await client.mapPages(resource, query, item, (page) => prime(page.results), headers);
            return;
          }
          const first = await client.list(resource, query, 1, item, headers);
          prime(first.results);
          if (!first.next || first.results.length === 0) return;
          const remainingPages = Math.ceil(first.count / first.results.length) - 1;
          client.listDemand.learnPages(list, remainingPages + 1);
          // For this operation alone the rest of the list pays off only when more ids are
          // missing than pages remain; when the list is in demand it is shared, so read it.
          const missing = ids.filter((id) => !seen.has(id)).length;
          if (!busy && missing <= remainingPages) return;
          const rest = await Promise.all(Array.from({ length: remainingPages }, (_, i) => client.list(resource, query, i + 2, item, headers)));
          for (const page of rest) prime(page.results);
        }),
      );
      return byId.loadMany(keys.map((key) => key.id));
    },
    { cacheKeyFn: (key) => key.id, maxBatchSize: 500 },
  );
}

/** Up to this many ids of one guide, single GETs are cheaper than reading its list. */
const FEW_IDS = 3;
