/** What a publish asks Guidebook to push to the apps. */
export type PublishScope = 'GUIDE' | 'GUIDE_PERSONALIZED_SCHEDULES' | 'ATTENDEE_PERSONALIZED_SCHEDULES';

/** A publish the provider accepted (HTTP 202): the work happens later, at the provider. */
export interface PublishRequestModel {
  scope: PublishScope;
  /** The guide published (guide scopes). */
  guideId: string | null;
  /** The attendee whose schedules are published (attendee scope). */
  attendeeId: string | null;
  /** When the provider accepted the request (the gateway's clock). */
  acceptedAt: Date;
}
