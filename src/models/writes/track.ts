/** A Guidebook schedule track to create, validated. */
export interface TrackDraft {
  guideId: string;
  name: string;
  /** `#RGB` or `#RRGGBB`. */
  color?: string;
  importId?: string;
}

/** Changes to one Guidebook schedule track: undefined = unchanged, null = cleared. */
export interface TrackChanges {
  name?: string;
  color?: string | null;
  importId?: string | null;
}
