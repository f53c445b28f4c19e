import { PLANSTONE_DEMO } from '@sessions-gateway/emulators';

import { toGlobalId } from '../../src/ids/globalId.js';
import { planstoneConferenceRef, type SessionModel } from '../../src/models/index.js';
import type { SessionChangeKind, SessionChangeRecord } from '../../src/models/sessionChange.js';

// Change records as change detection would append them to the gateway's change log (the
// log's public API), for tests of what subscriptions deliver.

/** The first configured Planstone conference of the emulators' demo set, as its sessions carry it. */
export const PLANSTONE_CONFERENCE = planstoneConferenceRef(PLANSTONE_DEMO.account, PLANSTONE_DEMO.conference, 0);

/** A Planstone session model in room `room` (a roomid) and track `track` (a track name). */
export function planstoneSession(
  sourceId: string,
  { room = '1', track = 'Keynotes', speaker }: { room?: string; track?: string; speaker?: string } = {},
): SessionModel {
  return {
    source: 'PLANSTONE',
    sourceId,
    name: `Session ${sourceId}`,
    descriptionHtml: null,
    startTime: new Date('2026-11-01T15:00:00Z'),
    endTime: new Date('2026-11-01T16:00:00Z'),
    allDay: false,
    locations: [{ kind: 'inline', location: { name: `Room ${room}`, venue: null, sourceId: room, planstoneConference: PLANSTONE_CONFERENCE } }],
    imageUrl: null,
    importId: null,
    sessionType: null,
    published: true,
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
    tracks: [
      {
        kind: 'inline',
        track: {
          source: 'PLANSTONE',
          sourceId: track,
          name: track,
          color: null,
          description: null,
          importId: null,
          createdAt: null,
          guideId: null,
          planstoneConference: PLANSTONE_CONFERENCE,
        },
      },
    ],
    speakers: speaker
      ? [
          {
            personId: speaker,
            role: null,
            sortOrder: 1,
            published: true,
            title: null,
            affiliation: null,
            displayName: null,
            planstoneConference: PLANSTONE_CONFERENCE,
          },
        ]
      : [],
    guideId: null,
    planstoneConference: PLANSTONE_CONFERENCE,
  };
}

/** A record of one change of a session from `before` to `after` (null for created / deleted). */
export function changeOf(before: SessionModel | null, after: SessionModel | null): SessionChangeRecord {
  const kind: SessionChangeKind = before === null ? 'CREATED' : after === null ? 'DELETED' : 'UPDATED';
  const session = (after ?? before)!;
  return {
    entity: 'Session',
    kind,
    sessionId: toGlobalId('Session', 'planstone', session.sourceId),
    changedFields: kind === 'UPDATED' ? ['LOCATION'] : [],
    detectedAt: new Date().toISOString(),
    before,
    after,
  };
}
