/**
 * A session exactly as Roundware API v2 sends it: keys in this order, naive datetimes
 * (`"2017-09-06T15:43:35.947761"`, no offset; the fraction is absent when it is zero).
 */
export interface RoundwareSession {
  id: number;
  device_id: string | null;
  starttime: string;
  stoptime: string | null;
  client_type: string | null;
  client_system: string | null;
  demo_stream_enabled: boolean;
  geo_listen_enabled: boolean;
  timezone: string;
  project_id: number;
  language_id: number | null;
}

/** A row of the `Project` table, as far as sessions need it. */
export interface RoundwareProject {
  id: number;
  name: string;
  /** The default a new session takes when the client omits `geo_listen_enabled`. */
  geo_listen_enabled: boolean;
}

/** A row of the `Language` table. */
export interface RoundwareLanguage {
  id: number;
  language_code: string;
  name: string;
}

/** A Django user with its Roundware `UserProfile` and DRF token. */
export interface RoundwareUser {
  id: number;
  username: string;
  /** Plain text: only the seeded users have one; anonymous device users cannot log in. */
  password: string | null;
  token: string;
  first_name: string;
  last_name: string;
  email: string;
  device_id: string | null;
  client_type: string | null;
  client_system: string | null;
}

/** Everything the emulator serves, as generated from one seed. */
export interface RoundwareSeed {
  projects: RoundwareProject[];
  languages: RoundwareLanguage[];
  sessions: RoundwareSession[];
  users: RoundwareUser[];
}
