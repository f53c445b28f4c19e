export type { ChangeKindLogs, GatewayContext, PartialError } from './context.js';
export { requireProvider, type ProviderSource } from './requireProvider.js';
export { providerConnection, type ProviderConnectionOptions, type ProviderConnectionResult } from './providerConnection.js';
export { providerFailures } from './providerFailures.js';
export {
  conferenceSessionConnection,
  sessionById,
  sessionConnection,
  speakerSessionConnection,
  trackSessionConnection,
  type SessionConnectionOptions,
  type SessionConnectionResult,
  type SessionQuery,
} from './sessions.js';
export { trackById, trackConnection, tracksByGuidebookIds, type TrackQuery } from './tracks.js';
export { NODE_READERS, nodeById, type NodeModel } from './nodes.js';
export {
  attendeeScheduleConnection,
  personalizedScheduleById,
  personalizedScheduleConnection,
  scheduleAttendeeConnection,
  scheduleAttendeeSource,
  scheduleSessionConnection,
  scheduleSessionSource,
  type KeepFound,
} from './personalizedSchedules.js';
export { guideById } from './guides.js';
export { attendeeById, attendeeConnection } from './attendees.js';
export { speakerById, speakerConnection, speakerOfEngagement } from './speakers.js';
export { clientSessionById, clientSessionConnection } from './clientSessions.js';
export { providerWrites, type ProviderWrites, type WritingProvider } from './writes.js';
export {
  conferenceById,
  conferenceDateRange,
  conferenceDays,
  conferenceGlobalId,
  conferenceGuide,
  conferenceLocations,
  conferenceOfSession,
  conferences,
  conferenceTracks,
} from './conferences.js';
export { locationById, locationGlobalId, locationsByGuidebookIds } from './locations.js';
export { planstoneScopeOf, planstoneSourceOf, type PlanstoneScoped } from './planstoneScopes.js';
export { sessionChanges, sessionOfChange, type SessionChangesArgs } from './sessionChanges.js';
export { sessionMatchesFilter, sessionMatchScope, type SessionMatchScope } from './sessionMatchesFilter.js';
export { changeMatchesFilter, sessionChangeStream } from './sessionChangeStream.js';
export { followChanges, MAX_CHANGES_PER_PAGE, readChangePage, type ChangePage, type ReadableChangeLog } from './changeLogPages.js';
export { clientSessionChanges, clientSessionChangeStream, clientSessionOfChange, type ClientSessionChangesArgs } from './clientSessionChanges.js';
export {
  personalizedScheduleChanges,
  personalizedScheduleChangeStream,
  scheduleOfChange,
  type PersonalizedScheduleChangesArgs,
} from './personalizedScheduleChanges.js';
