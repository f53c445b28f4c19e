import DataLoader from 'dataloader';

import { NotFoundError } from '../../errors/index.js';
import type { PlanstoneConferenceRef, SpeakerModel } from '../../models/index.js';
import { allPages } from './allPages.js';
import { PLANSTONE_MAX_RESULTS, type PlanstoneClient } from './client.js';
import { toSpeaker } from './mapper.js';

/**
 * Speakers by pid, for one request: every pid asked for in one tick goes out as one
 * `where={"pid":{"$in":[…]}}` query (at most 100 per query, the feed's page limit).
 * Results are matched to keys by pid; a pid the feed does not list is a NOT_FOUND error.
 */
export function createSpeakerLoader(
  client: PlanstoneClient,
  headers?: Record<string, string>,
  conference?: PlanstoneConferenceRef,
): DataLoader<string, SpeakerModel> {
  return new DataLoader<string, SpeakerModel>(
    async (pids) => {
      // At most 100 pids a batch: one page, so there are never pages to ask for ahead.
      const pages = await allPages(
        (page) => client.speakersPage({ pid: { $in: [...pids] } }, page, PLANSTONE_MAX_RESULTS, headers),
        (page) => page._items.map((wire) => toSpeaker(wire, conference)),
      );
      const byPid = new Map<string, SpeakerModel>();
      for (const page of pages) for (const speaker of page) byPid.set(speaker.sourceId, speaker);
      return pids.map((pid) => byPid.get(pid) ?? new NotFoundError(`Planstone lists no speaker with pid ${pid}.`, 'planstone'));
    },
    { maxBatchSize: PLANSTONE_MAX_RESULTS },
  );
}
