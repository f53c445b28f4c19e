import type { AttendeeProfileModel } from '../attendee.js';

/** A Guidebook attendee to create (an idempotent POST: an existing one is returned unchanged). */
export interface AttendeeDraft {
  guideId: string;
  email: string;
  firstName?: string;
  lastName?: string;
  importId?: string;
  revoked?: boolean;
  emailOptOut?: boolean;
  profile?: Partial<AttendeeProfileModel>;
}

/** What an attendee PATCH may change (Guidebook allows only these three). */
export interface AttendeeChanges {
  revoked?: boolean;
  emailOptOut?: boolean;
  importId?: string | null;
}
