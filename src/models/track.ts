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

/**
 * A Guidebook track known by its id alone — what a session carries — for a selection that
 * asks only for what that id tells (`tracks { id }`): answered without reading the track
 * list. Resolvers hand one out only when the operation selects no other field of it.
 */
export interface TrackReference {
  source: SessionSource;
  sourceId: string;
  /** The guide of the session that names it (a track belongs to its guide). */
  guideId: string | null;
  reference: true;
}

/** What a `Track` field resolves from: the track, or a reference to it (see TrackReference). */
export type TrackParent = TrackModel | TrackReference;

/** How a session names its tracks: a Guidebook schedule-track id, or a Planstone track inline. */
export type TrackRef = { kind: 'guidebook'; id: string } | { kind: 'inline'; track: TrackModel };
