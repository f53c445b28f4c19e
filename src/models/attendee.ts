export type AttendeeStatus = 'CREATED' | 'INVITED_NEW_ACCOUNT' | 'INVITED_EXISTING_ACCOUNT' | 'ACCEPTED';

export interface AttendeeProfileModel {
  website: string | null;
  position: string | null;
  company: string | null;
  contactEmail: string | null;
  phoneNumber: string | null;
}

/** A Guidebook attendee. */
export interface AttendeeModel {
  sourceId: string;
  guideId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  importId: string | null;
  avatarUrl: string | null;
  coverUrl: string | null;
  profile: AttendeeProfileModel | null;
  revoked: boolean;
  emailOptOut: boolean;
  status: AttendeeStatus;
  lastEmailSentAt: Date | null;
  qrBadge: string | null;
  createdAt: Date | null;
}
