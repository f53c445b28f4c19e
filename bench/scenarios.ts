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
