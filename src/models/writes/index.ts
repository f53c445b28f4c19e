export type { AttendeeChanges, AttendeeDraft } from './attendee.js';
export type { ClientSessionDraft } from './clientSession.js';
export type { PersonalizedScheduleChanges, PersonalizedScheduleDraft } from './personalizedSchedule.js';
export type { PublishRequestModel, PublishScope } from './publishRequest.js';
export type { SessionChanges, SessionDraft } from './session.js';
export type { TrackChanges, TrackDraft } from './track.js';
export { inputPath, type UserError, type UserErrorCode } from './userError.js';
export { refused, succeeded, type WriteOutcome } from './writeOutcome.js';
