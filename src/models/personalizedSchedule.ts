/** A Guidebook personalized schedule: session and attendee ids of one guide. */
export interface PersonalizedScheduleModel {
  sourceId: string;
  guideId: string;
  name: string;
  sessionIds: string[];
  attendeeIds: string[];
  createdAt: Date | null;
}
