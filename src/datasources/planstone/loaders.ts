import DataLoader from 'dataloader';
import { NotFoundError } from '../../errors/index.js';
import type { SpeakerModel } from '../../models/index.js';
import { allPages } from './allPages.js';
import { PLANSTONE_MAX_RESULTS, type PlanstoneClient } from './client.js';
import { toSpeaker } from './mapper.js';

/**
 * Speakers by pid, for one request: every pid asked for in one tick goes out as one
 * `where={"pid":{"$in":[…]}}` query (at most 100 per query, the feed's page limit).
 * Results are matched to keys by pid; a pid the feed does not list is a NOT_FOUND error.
 */
export function createSpeakerLoader(client: PlanstoneClient, headers?: Record<string, string>): DataLoader<string, SpeakerModel> {
  return new DataLoader<string, SpeakerModel>(
    async (pids) => {
      const where = { pid: { $in: [...pids] } };
      const pages = await allPages(
        (page, speculative) => client.speakersPage(where, page, PLANSTONE_MAX_RESULTS, headers, speculative),
        (page) => page._items.map(toSpeaker),
        client.expectedSpeakersLayout(where, PLANSTONE_MAX_RESULTS),
      );
      const byPid = new Map<string, SpeakerModel>();
      for (const page of pages) for (const speaker of page) byPid.set(speaker.sourceId, speaker);
      return pids.map((pid) => byPid.get(pid) ?? new NotFoundError(`Planstone lists no speaker with pid ${pid}.`, 'planstone'));
    },
    { maxBatchSize: PLANSTONE_MAX_RESULTS },
  );
}
