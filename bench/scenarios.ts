/** One GraphQL request body. */
export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** (a) The home page: merged `sessions(first: 50)` with tracks and speakers. */
export const HOME_PAGE = `query Home {
  sessions(first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id source sourceId name startTime endTime tracks { id name } speakers { role speaker { id sourceId displayName } } } }
  }
}`;

/** (b) One attendee's personalized schedules with their sessions. */
export const ATTENDEE_SCHEDULES = `query Schedules($attendeeId: ID!) {
  personalizedSchedules(first: 20, filter: { attendeeId: $attendeeId }) {
    totalCount
    edges { node { id name sessions(first: 100) { totalCount edges { node { id sourceId name startTime endTime } } } } }
  }
}`;

/** (c) Roundware client sessions of one project. */
export const PROJECT_CLIENT_SESSIONS = `query ClientSessions($projectId: Int!) {
  clientSessions(first: 50, filter: { projectId: $projectId }) {
    totalCount
    edges { node { id sourceId deviceId clientType startTime stopTime } }
  }
}`;

/** (d) One page of the merged sessions; a walk follows `endCursor` to the end. */
export const SESSIONS_PAGE = `query SessionsPage($after: String) {
  sessions(first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id source sourceId name startTime } }
  }
}`;

/** (i) Planstone sessions with their speakers, looked up by pid (issue 21). */
export const PLANSTONE_SPEAKERS = `query PlanstoneSpeakers {
  sessions(first: 50, filter: { sources: [PLANSTONE] }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id source sourceId name startTime endTime speakers { role speaker { id sourceId displayName company } } } }
  }
}`;

/** (j) Guidebook sessions with their track names (issue 21). */
export const GUIDEBOOK_TRACKS = `query GuidebookTracks {
  sessions(first: 50, filter: { sources: [GUIDEBOOK] }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id source sourceId name startTime endTime tracks { id name } } }
  }
}`;

// Schedule scenarios (issue 19), run at a given emulator size (`--scale`): see scheduleBench.ts.

const CARD = 'id source sourceId name startTime endTime tracks { id name } speakers { role speaker { id sourceId displayName } }';

/** (e) "Now and next" for one conference: what runs at `now`, and what starts in the window after it. */
export const NOW_AND_NEXT = `query NowAndNext($conferenceId: ID!, $now: DateTime!, $soon: DateTime!) {
  now: sessions(first: 20, filter: { conferenceId: $conferenceId, happeningAt: $now }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${CARD} } }
  }
  next: sessions(first: 20, filter: { conferenceId: $conferenceId, startsAfter: $now, startsBefore: $soon }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${CARD} } }
  }
}`;

/** (f) One day of one conference (a local date in its time zone), first page. */
export const CONFERENCE_DAY = `query ConferenceDay($conferenceId: ID!, $day: Date!) {
  sessions(first: 50, filter: { conferenceId: $conferenceId, day: $day }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${CARD} } }
  }
}`;

/**
 * (g) A search for a speaker's surname in one conference: each result with its tracks and
 * the speakers' names as the session lists them (what a result line shows; a speaker's own
 * page is another query).
 */
export const SPEAKER_SEARCH = `query SpeakerSearch($conferenceId: ID!, $search: String!) {
  sessions(first: 20, filter: { conferenceId: $conferenceId, search: $search }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id source sourceId name startTime endTime tracks { id name } speakers { role displayName } } }
  }
}`;

/** (h) The home page of today: the merged sessions of one local date, every conference. */
export const HOME_TODAY = `query HomeToday($day: Date!) {
  sessions(first: 50, filter: { day: $day }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${CARD} } }
  }
}`;

/** The conferences the gateway serves (bench set-up, not measured). */
export const CONFERENCES = `query Conferences {
  conferences { id source sourceId name timeZone days }
}`;
