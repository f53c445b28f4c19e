/** A Guidebook guide. */
export interface GuideModel {
  sourceId: string;
  name: string;
  shortName: string | null;
  descriptionHtml: string | null;
  timeZone: string | null;
  startDate: Date | null;
  endDate: Date | null;
  attendeesEstimate: number | null;
  createdAt: Date | null;
}

/**
 * A guide known by its id alone — what a session, track, schedule or attendee carries — for
 * a selection that asks for nothing else (`guide { id }`): answered without reading the
 * guide. Resolvers hand one out only when the operation selects no other field of it.
 */
export interface GuideReference {
  sourceId: string;
  reference: true;
}

/** What a `Guide` field resolves from: the guide, or a reference to it (see GuideReference). */
export type GuideParent = GuideModel | GuideReference;
