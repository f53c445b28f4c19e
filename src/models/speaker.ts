import type { PlanstoneConferenceRef } from './conference.js';

/** A Planstone person. */
export interface SpeakerModel {
  sourceId: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  title: string | null;
  company: string | null;
  bioHtml: string | null;
  photoUrl: string | null;
  email: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  published: boolean | null;
  /** The configured Planstone conference it was read from (absent: the first one). */
  planstoneConference?: PlanstoneConferenceRef | undefined;
}
