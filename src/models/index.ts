export type { AttendeeModel, AttendeeProfileModel, AttendeeStatus } from './attendee.js';
export type { ClientSessionModel } from './clientSession.js';
export type { GuideModel } from './guide.js';
export type { LocationModel, LocationRef } from './location.js';
export type { PersonalizedScheduleModel } from './personalizedSchedule.js';
export type { CustomFieldModel, SessionCreditModel, SessionModel, SessionSource, SpeakerEngagementModel } from './session.js';
export type { SpeakerModel } from './speaker.js';
export type { TrackModel, TrackRef } from './track.js';
export { compareSourceIds, DEFAULT_SESSION_ORDER, sessionComparator, type OrderDirection, type SessionOrder, type SessionOrderField } from './sessionOrder.js';
