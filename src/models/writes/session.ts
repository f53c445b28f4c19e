/**
 * A Guidebook session to create, validated, in gateway terms (source ids, Dates). Fields
 * left undefined are not sent, so the provider's defaults apply.
 */
export interface SessionDraft {
  guideId: string;
  name: string;
  startTime: Date;
  descriptionHtml?: string;
  endTime?: Date;
  allDay?: boolean;
  allowRating?: boolean;
  addToSchedule?: boolean;
  importId?: string;
  locationIds?: string[];
  trackIds?: string[];
  rank?: number;
  requireLogin?: boolean;
  maxCapacity?: number;
  waitlist?: boolean;
  registrationStartTime?: Date;
  registrationEndTime?: Date;
}

/**
 * Changes to one Guidebook session (a PATCH): undefined = unchanged, null = cleared (only
 * for the fields the provider lets be empty).
 */
export interface SessionChanges {
  name?: string;
  startTime?: Date;
  descriptionHtml?: string | null;
  endTime?: Date | null;
  allDay?: boolean;
  allowRating?: boolean;
  addToSchedule?: boolean;
  importId?: string | null;
  locationIds?: string[];
  trackIds?: string[];
  rank?: number;
  requireLogin?: boolean;
  maxCapacity?: number | null;
  waitlist?: boolean;
  registrationStartTime?: Date | null;
  registrationEndTime?: Date | null;
}
