export type { GatewayContext, PartialError } from './context.js';
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
export { trackById, trackConnection, type TrackQuery } from './tracks.js';
export { NODE_READERS, nodeById, type NodeModel } from './nodes.js';
export { scheduleAttendeeSource, scheduleSessionConnection, scheduleSessionSource, type KeepFound } from './personalizedSchedules.js';
