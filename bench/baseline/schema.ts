/** The slice of the gateway's schema that scenarios (a)–(c) use, so the same documents run. */
export const BASELINE_TYPE_DEFS = `#graphql
type Query {
  sessions(first: Int, after: String): SessionConnection!
  personalizedSchedules(first: Int, filter: PersonalizedScheduleFilter): PersonalizedScheduleConnection!
  clientSessions(first: Int, filter: ClientSessionFilter): ClientSessionConnection!
}
input PersonalizedScheduleFilter { attendeeId: ID }
input ClientSessionFilter { projectId: Int }
type PageInfo { hasNextPage: Boolean! endCursor: String }
type SessionConnection { totalCount: Int! pageInfo: PageInfo! edges: [SessionEdge!]! }
type SessionEdge { node: Session! }
type Session {
  id: ID!
  source: String!
  sourceId: String!
  name: String!
  startTime: String
  endTime: String
  tracks: [Track!]!
  speakers: [SpeakerEngagement!]!
}
type Track { id: ID! name: String! }
type SpeakerEngagement { role: String speaker: Speaker }
type Speaker { id: ID! sourceId: String! displayName: String! }
type PersonalizedScheduleConnection { totalCount: Int! edges: [PersonalizedScheduleEdge!]! }
type PersonalizedScheduleEdge { node: PersonalizedSchedule! }
type PersonalizedSchedule { id: ID! name: String! sessions(first: Int): SessionConnection! }
type ClientSessionConnection { totalCount: Int! edges: [ClientSessionEdge!]! }
type ClientSessionEdge { node: ClientSession! }
type ClientSession { id: ID! sourceId: String! deviceId: String clientType: String startTime: String stopTime: String }
`;
