import type { SessionSource } from './session.js';

/**
 * A conference: one Guidebook guide or one configured Planstone account and conference.
 * `sourceId` is the guide id, or `account/conference` for Planstone.
 */
export interface ConferenceModel {
  source: SessionSource;
  sourceId: string;
  name: string;
  /** IANA time zone of its local dates and times. */
  timeZone: string;
}
