import { parseDateTime } from './datetime.js';
import type { Micros, PersonalizedScheduleRecord, SessionRecord } from './records.js';

const at = (text: string): Micros => parseDateTime(text) as Micros;

function docSession(
  id: number,
  guide: number,
  name: string,
  created: string,
  start: string,
  end: string,
  descriptionHtml: string | null = null,
): SessionRecord {
  return {
    id,
    guide,
    name,
    descriptionHtml,
    createdAt: at(created),
    lastUpdated: at(created),
    startTime: at(start),
    endTime: at(end),
    allDay: false,
    importId: null,
    allowRating: true,
    addToSchedule: true,
    locations: [],
    scheduleTracks: [],
    image: null,
    thumbnail: null,
    rank: 0,
    waitlist: false,
    requireLogin: false,
    maxCapacity: null,
    registrationStartDate: null,
    registrationEndDate: null,
  };
}

/** Sessions 21–24 of the docs' listing sample and 106 of the create sample, verbatim. */
export function sampleSessions(): SessionRecord[] {
  return [
    docSession(21, 42, 'Test Session 1', '2017-09-18T21:28:35.429989Z', '2017-09-18T21:28:35.428248Z', '2017-09-18T22:28:35.428257Z'),
    docSession(22, 42, 'Test Session 2', '2017-09-18T21:28:35.432366Z', '2017-09-18T21:28:35.431034Z', '2017-09-18T22:28:35.431042Z'),
    docSession(23, 42, 'Test Session 3', '2017-09-18T21:28:35.434402Z', '2017-09-18T21:28:35.433197Z', '2017-09-18T22:28:35.433205Z'),
    docSession(24, 43, 'Test Session 4, Different Guide', '2017-09-18T21:28:35.436433Z', '2017-09-18T21:28:35.435265Z', '2017-09-18T22:28:35.435273Z'),
    docSession(
      106,
      1,
      'Test Session Created via the Open API',
      '2017-09-18T22:13:25.766623Z',
      '2017-09-18T16:00:00Z',
      '2017-09-18T17:00:00Z',
      '<p>This is a description field that supports basic HTML</p>',
    ),
  ];
}

/** The legacy docs' session 106 differs: `last_updated` is set and both flags are false. */
export function applyLegacySample(session: SessionRecord): void {
  if (session.id !== 106) return;
  session.lastUpdated = at('2017-09-18T22:13:25.766653Z');
  session.allowRating = false;
  session.addToSchedule = false;
}

/** Personalized schedules 1 and 2 of the docs' listing sample, verbatim. */
export function samplePersonalizedSchedules(): PersonalizedScheduleRecord[] {
  return [
    { id: 1, guide: 18, name: 'Example Schedule for Sales Team', attendees: [6, 7, 8], sessions: [1, 2, 3], createdAt: at('2017-12-04T18:22:10.114093Z') },
    {
      id: 2,
      guide: 19,
      name: 'Example Schedule for Marketing Team',
      attendees: [9, 10, 11],
      sessions: [4, 5, 6],
      createdAt: at('2018-02-01T15:47:33.508412Z'),
    },
  ];
}

/**
 * Ids the docs' samples reference, pinned to the guide that makes each sample consistent:
 * sessions 1–3 and attendees 6–8 belong to guide 18, sessions 4–6 and attendees 9–11 to
 * guide 19 (PS samples); sessions 13, 42, 47, 101, 118 and attendees 1, 5 to guide 1 (PS
 * create sample); session 8673 to guide 47 (`?guide=47&id=8673`).
 */
export const PINNED_SESSION_GUIDES = new Map<number, number>([
  [1, 18],
  [2, 18],
  [3, 18],
  [4, 19],
  [5, 19],
  [6, 19],
  [13, 1],
  [42, 1],
  [47, 1],
  [101, 1],
  [118, 1],
  [8673, 47],
]);
export const PINNED_ATTENDEE_GUIDES = new Map<number, number>([
  [1, 1],
  [5, 1],
  [6, 18],
  [7, 18],
  [8, 18],
  [9, 19],
  [10, 19],
  [11, 19],
]);
/** Tracks and locations 3, 42, 47 and 101 belong to guide 1 (the session create samples). */
export const PINNED_TO_GUIDE_ONE = new Set([3, 42, 47, 101]);
