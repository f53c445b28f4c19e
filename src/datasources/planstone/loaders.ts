import DataLoader from 'dataloader';

import { NotFoundError } from '../../errors/index.js';
import type { PlanstoneConferenceRef, SpeakerModel } from '../../models/index.js';
import { allPages } from './allPages.js';
import { PLANSTONE_MAX_RESULTS, type PlanstoneClient } from './client.js';
import { toSpeaker } from './mapper.js';

/**
 * Speakers by pid, for one request: every pid asked for in one tick goes out as one
 * `where={"pid":{"$in":[…]}}` query (at most 100 pids a batch). Results are matched to keys
 * by pid; a pid the feed does not list is a NOT_FOUND error.
 *
 * A pid names at most one speaker, so a batch of n pids has at most n results: once the
 * feed's page size P is known (from any earlier answer: `pageSizeFor`), all ⌈n/P⌉ pages of
 * the batch are asked for at once, page 1 among them — one round trip, not one for page 1
 * and another for the rest (a feed that pages by 10 answers 100 pids in 10 pages). Page 1
 * still decides: pages past the total it tells (pids the feed does not list) are cancelled.
 */
export function createSpeakerLoader(
  client: PlanstoneClient,
  headers?: Record<string, string>,
  conference?: PlanstoneConferenceRef,
): DataLoader<string, SpeakerModel> {
  return new DataLoader<string, SpeakerModel>(
    async (pids) => {
      const where = { pid: { $in: [...pids] } };
      const pageSize = client.pageSizeFor(PLANSTONE_MAX_RESULTS);
      const expected = client.expectedSpeakersLayout(where, PLANSTONE_MAX_RESULTS) ?? (pageSize ? { pageSize, totalCount: pids.length } : undefined);
      const pages = await allPages(
        (page, speculative, signal) => client.speakersPage(where, page, PLANSTONE_MAX_RESULTS, headers, speculative, signal),
        (page) => page._items.map((wire) => toSpeaker(wire, conference)),
        expected,
      );
      const byPid = new Map<string, SpeakerModel>();
      for (const page of pages) for (const speaker of page) byPid.set(speaker.sourceId, speaker);
      return pids.map((pid) => byPid.get(pid) ?? new NotFoundError(`Planstone lists no speaker with pid ${pid}.`, 'planstone'));
    },
    { maxBatchSize: PLANSTONE_MAX_RESULTS },
  );
}
