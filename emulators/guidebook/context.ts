import type { PaginationSettings } from './pagination.js';
import type { PublishThrottle } from './publishThrottle.js';
import type { GuidebookStore } from './store.js';

/** What every route handler of the emulator shares. */
export interface GuidebookContext {
  store: GuidebookStore;
  pagination: PaginationSettings;
  /** Serve the legacy session field set. */
  legacy: boolean;
  publishThrottle: PublishThrottle;
  /** Wall clock in milliseconds. */
  now(): number;
}
