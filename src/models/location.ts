import type { PlanstoneConferenceRef } from './conference.js';

/** A room or venue. */
export interface LocationModel {
  name: string;
  venue: string | null;
  sourceId: string | null;
  /** Planstone: the configured conference whose sessions name it (its Location ID is derived from it). */
  planstoneConference?: PlanstoneConferenceRef | undefined;
}

/** How a session names its locations: inline (Planstone) or by Guidebook location id. */
export type LocationRef = { kind: 'inline'; location: LocationModel } | { kind: 'guidebook'; id: string };
