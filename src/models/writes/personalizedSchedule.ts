/** A Guidebook personalized schedule to create, validated (source ids). */
export interface PersonalizedScheduleDraft {
  guideId: string;
  name: string;
  sessionIds: string[];
  attendeeIds: string[];
}

/** What a personalized schedule PATCH may change (Guidebook allows only these two lists). */
export interface PersonalizedScheduleChanges {
  sessionIds?: string[];
  attendeeIds?: string[];
}
