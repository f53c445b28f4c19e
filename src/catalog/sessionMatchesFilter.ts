import { toGlobalId } from '../ids/globalId.js';
import type { SessionModel } from '../models/index.js';
import type { ValidSessionFilter } from '../validation/sessionFilterInput.js';
import { locationGlobalId } from './locations.js';

/**
 * Whether one session, as a model in hand, matches a checked SessionFilter — without asking
 * any provider: what a subscription tests each change's `before` and `after` against.
 * Covers `sources`, `guideId`, `conferenceId`, `trackId`, `locationId`, `speakerId`,
 * `importId` and `published` (a Guidebook session counts as published); the time filters
 * (`startsAfter` … `happeningAt`), `day` and `search` are not tested here and match every
 * session. A Planstone session without its conference (`planstoneConference`) matches no
 * `conferenceId`.
 */
export function sessionMatchesFilter(session: SessionModel, filter: ValidSessionFilter): boolean {
  const guidebook = session.source === 'GUIDEBOOK';
  if (filter.sources && !filter.sources.includes(session.source)) return false;
  if (filter.guideId !== undefined && !(guidebook && session.guideId === filter.guideId)) return false;
  if (filter.importId !== undefined && session.importId !== filter.importId) return false;
  if (filter.published !== undefined && (guidebook ? true : session.published === true) !== filter.published) return false;
  if (filter.conference) {
    const { provider, sourceId } = filter.conference;
    const own = guidebook
      ? provider === 'guidebook' && session.guideId === sourceId
      : provider === 'planstone' && session.planstoneConference?.key === sourceId;
    if (!own) return false;
  }
  if (filter.track) {
    const wanted = toGlobalId('Track', filter.track.provider, filter.track.sourceId);
    const has = session.tracks.some((ref) =>
      ref.kind === 'guidebook'
        ? wanted === toGlobalId('Track', 'guidebook', ref.id)
        : wanted === toGlobalId('Track', 'planstone', scoped(ref.track.sourceId, ref.track.planstoneConference?.idPrefix)),
    );
    if (!has) return false;
  }
  if (filter.location) {
    const wanted = toGlobalId('Location', filter.location.provider, filter.location.sourceId);
    const has = session.locations.some(
      (ref) => wanted === (ref.kind === 'guidebook' ? toGlobalId('Location', 'guidebook', ref.id) : locationGlobalId(ref.location)),
    );
    if (!has) return false;
  }
  if (filter.speakerPid !== undefined) {
    const pid = filter.speakerPid;
    if (guidebook || !session.speakers.some((engagement) => scoped(engagement.personId, engagement.planstoneConference?.idPrefix) === pid)) return false;
  }
  return true;
}

/** A Planstone id as a global ID carries it: behind its conference's prefix (none for the first conference). */
function scoped(sourceId: string, idPrefix: string | undefined): string {
  return idPrefix ? idPrefix + sourceId : sourceId;
}
