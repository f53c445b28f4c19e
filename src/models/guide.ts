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
