/**
 * Public face of the Roundware API v2 emulator. Only the demo launcher and tests import it.
 */
import { Emulator } from '../kit/index.js';
import { createRoundwareDefinition } from './definition.js';
import { RoundwareStore } from './store.js';

export { ROUNDWARE_DEMO_TOKEN, ROUNDWARE_DOCS_TOKEN } from './credentials.js';
export { ROUNDWARE_BASE_PATH } from './definition.js';
export { DEFAULT_ROUNDWARE_SEED, ROUNDWARE_LANGUAGES, ROUNDWARE_PROJECTS, SEED_SESSION_COUNT } from './seed.js';
export type { RoundwareLanguage, RoundwareProject, RoundwareSession } from './types.js';

export interface RoundwareEmulatorOptions {
  /** Seed of the generated data; the same seed always gives the same sessions. Default 2017. */
  seed?: number;
}

/**
 * A Roundware API v2 server (base path `/api/2`, e.g. `<baseUrl>sessions/`) with 600 seeded
 * sessions, the docs' samples among them, and the docs' tokens valid. Not yet listening:
 * call `listen()`; `reset()` brings the seed data, users and tokens back.
 */
export function createRoundwareEmulator(options: RoundwareEmulatorOptions = {}): Emulator {
  return new Emulator(createRoundwareDefinition(new RoundwareStore(options.seed)));
}
