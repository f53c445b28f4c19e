import type { SessionModel } from '../models/index.js';

/**
 * What change detection keeps of a session between two reads, to be an event's `before`:
 * the fields a `SessionFilter` reads (sessionMatchesFilter — ids, guide, conference, import
 * id, publication, times, rooms, tracks, speakers, and the texts a `search` reads: name and
 * description), as a plain object; every other field is empty (null, or an empty list).
 *
 * Kept for every session of every scope, so it must be small: a Planstone session holds its
 * whole wire object (links, etags, numbered fields) and its lazily mapped fields, a Guidebook
 * one its provider-only fields — kept whole, the snapshot held a second copy of every feed
 * beside the shared cache's. The parts kept are shared with `session`, not copied.
 */
export function sessionFilterView(session: SessionModel): SessionModel {
  const view: SessionModel = {
    source: session.source,
    sourceId: session.sourceId,
    name: session.name,
    descriptionHtml: session.descriptionHtml,
    startTime: session.startTime,
    endTime: session.endTime,
    allDay: session.allDay,
    locations: session.locations,
    imageUrl: null,
    importId: session.importId,
    sessionType: null,
    published: session.published,
    allowRating: null,
    addToSchedule: null,
    maxCapacity: null,
    waitlist: null,
    requireLogin: null,
    registrationStartTime: null,
    registrationEndTime: null,
    rank: null,
    credits: [],
    customFields: [],
    learningObjectives: [],
    detailsUrl: null,
    hasHandouts: null,
    createdAt: null,
    updatedAt: null,
    tracks: session.tracks,
    speakers: session.speakers,
    guideId: session.guideId,
  };
  if (session.planstoneConference !== undefined) view.planstoneConference = session.planstoneConference;
  return view;
}
