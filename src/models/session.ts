import type { SessionSourceName } from '../providers.js';
import type { PlanstoneConferenceRef } from './conference.js';
import type { LocationRef } from './location.js';
import type { TrackRef } from './track.js';

/** Which session-holding provider a session or track comes from (see `providerOfSource`). */
export type SessionSource = SessionSourceName;

/** A speaking engagement as a session lists it (Planstone). */
export interface SpeakerEngagementModel {
  personId: string;
  role: string | null;
  sortOrder: number | null;
  published: boolean;
  title: string | null;
  affiliation: string | null;
  displayName: string | null;
  /** The configured Planstone conference whose session lists it (its speaker is read there; absent: the first). */
  planstoneConference?: PlanstoneConferenceRef | undefined;
}

export interface SessionCreditModel {
  label: string;
  value: number;
}

export interface CustomFieldModel {
  name: string;
  value: string;
}

/** A conference session, whichever provider it came from. Produced only by the providers' mappers. */
export interface SessionModel {
  source: SessionSource;
  sourceId: string;
  name: string;
  descriptionHtml: string | null;
  startTime: Date | null;
  endTime: Date | null;
  allDay: boolean;
  locations: LocationRef[];
  imageUrl: string | null;
  importId: string | null;
  sessionType: string | null;
  published: boolean | null;
  allowRating: boolean | null;
  addToSchedule: boolean | null;
  maxCapacity: number | null;
  waitlist: boolean | null;
  requireLogin: boolean | null;
  registrationStartTime: Date | null;
  registrationEndTime: Date | null;
  rank: number | null;
  credits: SessionCreditModel[];
  customFields: CustomFieldModel[];
  learningObjectives: string[];
  detailsUrl: string | null;
  hasHandouts: boolean | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  tracks: TrackRef[];
  speakers: SpeakerEngagementModel[];
  /** Guidebook guide id; null for Planstone. */
  guideId: string | null;
  /** Planstone: the configured conference it belongs to (absent: the first one). */
  planstoneConference?: PlanstoneConferenceRef | undefined;
}
