/** A stored feed document exactly as served: its fields plus Eve's `_id`, `_etag`, `_created`, `_updated`, `_links`. */
export type PlanstoneDocument = Record<string, unknown>;

/** The two emulated feed resources. */
export type PlanstoneResource = 'sessions' | 'speakers';

/** Everything the emulator serves, generated once per seed and never mutated. */
export interface PlanstoneDataset {
  /** In natural (insertion) order, the order Eve returns without `sort`. */
  sessions: readonly PlanstoneDocument[];
  speakers: readonly PlanstoneDocument[];
  /** Engagement pids (`sessions[].speakers[].pid`) with no `/speakers` document, sorted. */
  missingPids: readonly string[];
}
