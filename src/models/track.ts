import type { PlanstoneConferenceRef } from './conference.js';
import type { SessionSource } from './session.js';

/** A track, whichever provider it came from. */
export interface TrackModel {
  source: SessionSource;
  sourceId: string;
  name: string;
  color: string | null;
  description: string | null;
  importId: string | null;
  createdAt: Date | null;
  guideId: string | null;
  /** Planstone: the configured conference it belongs to (absent: the first one). */
  planstoneConference?: PlanstoneConferenceRef | undefined;
}

/** How a session names its tracks: a Guidebook schedule-track id, or a Planstone track inline. */
export type TrackRef = { kind: 'guidebook'; id: string } | { kind: 'inline'; track: TrackModel };
