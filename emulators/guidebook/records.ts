/**
 * The emulator's in-memory rows. Datetimes are microseconds since the Unix epoch (UTC), so
 * the provider's six-digit fractions survive a round trip; ids are plain integers.
 */
export type Micros = number;

export interface GuideRecord {
  id: number;
  createdAt: Micros;
  owner: number;
  name: string;
  shortName: string;
  descriptionHtml: string;
  attendeesEstimate: number | null;
  startDate: Micros | null;
  endDate: Micros | null;
  timezone: string;
  category: number[];
  /** Write-only on the wire. */
  homeScreenMenuItem: number | null;
  /** Write-only: 1 public, 2 passphrase, 3 invite-only. */
  privacy: number;
  /** Write-only. */
  redeemCode: string | null;
}

export interface SessionRecord {
  id: number;
  guide: number;
  createdAt: Micros;
  /** Legacy field set only. */
  lastUpdated: Micros;
  startTime: Micros;
  endTime: Micros | null;
  allDay: boolean;
  name: string;
  descriptionHtml: string | null;
  importId: string | null;
  allowRating: boolean;
  addToSchedule: boolean;
  locations: number[];
  scheduleTracks: number[];
  image: string | null;
  /** Legacy field set only. */
  thumbnail: string | null;
  rank: number;
  waitlist: boolean;
  requireLogin: boolean;
  maxCapacity: number | null;
  registrationStartDate: Micros | null;
  registrationEndDate: Micros | null;
}

export interface ScheduleTrackRecord {
  id: number;
  guide: number;
  name: string;
  color: string | null;
  importId: string | null;
  createdAt: Micros;
}

export interface AppProfile {
  website: string;
  position: string;
  company: string;
  contact_email: string;
  phone_number?: string;
}

export interface AttendeeRecord {
  id: number;
  guide: number;
  accountId: number;
  importId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  avatar: string | null;
  cover: string | null;
  appProfile: AppProfile;
  revoked: boolean;
  emailOptOut: boolean;
  /** 0 created; 1 new account + invite; 2 existing account + invite; 3 accepted / logged in. */
  status: number;
  lastEmailSend: Micros | null;
  createdAt: Micros;
}

export interface LocationAddress {
  address: string;
  city: string;
  country: string;
  state: string;
  street: string;
  zipcode: string;
}

export interface LocationRecord {
  id: number;
  guide: number;
  name: string;
  description: string | null;
  /** 1 Main Venue (one per guide), 2 placeholder, 3 Google Maps. */
  locationType: number;
  latitude: number | null;
  longitude: number | null;
  importId: string | null;
  address: LocationAddress | null;
  createdAt: Micros;
}

export interface PersonalizedScheduleRecord {
  id: number;
  guide: number;
  name: string;
  attendees: number[];
  sessions: number[];
  createdAt: Micros;
}

/** Every table of one emulated account, as plain data (cloneable). */
export interface GuidebookTables {
  guides: GuideRecord[];
  sessions: SessionRecord[];
  scheduleTracks: ScheduleTrackRecord[];
  attendees: AttendeeRecord[];
  locations: LocationRecord[];
  personalizedSchedules: PersonalizedScheduleRecord[];
}
