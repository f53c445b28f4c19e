/** A room or venue. */
export interface LocationModel {
  name: string;
  venue: string | null;
  sourceId: string | null;
}

/** How a session names its locations: inline (Planstone) or by Guidebook location id. */
export type LocationRef = { kind: 'inline'; location: LocationModel } | { kind: 'guidebook'; id: string };
