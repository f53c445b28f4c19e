import { Emulator } from '../kit/index.js';
import { PLANSTONE_DEMO } from './demo.js';
import { eveErrorBody } from './errors.js';
import type { FeedContext } from './feedContext.js';
import { pythonJsonDumps } from './pythonJson.js';
import { createRoutes, handleUnrouted, methodNotAllowed, PLANSTONE_BASE_PATH } from './routes.js';
import { planstoneDataset } from './seed/planstoneDataset.js';

/** The seed used when none is given. */
export const DEFAULT_PLANSTONE_SEED = 2018;

export interface PlanstoneEmulatorOptions {
  /** Seed for the generated sessions and speakers (same seed, same data). Default 2018. */
  seed?: number;
}

/**
 * A faithful Planstone feed v1 (Python Eve over MongoDB) at `/feed/v1`: read-only
 * `sessions` and `speakers` with Eve's query language, paging, envelope, links, errors and
 * conditional GETs, for the demo conference in PLANSTONE_DEMO. Not yet listening.
 */
export function createPlanstoneEmulator(options: PlanstoneEmulatorOptions = {}): Emulator {
  const seed = options.seed ?? DEFAULT_PLANSTONE_SEED;
  let dataset = planstoneDataset(seed);
  const context: FeedContext = { dataset: () => dataset, token: PLANSTONE_DEMO.token, account: PLANSTONE_DEMO.account };
  return new Emulator({
    name: 'planstone',
    basePath: PLANSTONE_BASE_PATH,
    routes: createRoutes(context),
    notFound: (req) => handleUnrouted(context, req),
    methodNotAllowed: (req) => methodNotAllowed(req),
    rateLimited: (retryAfterSeconds) => ({
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds), 'content-type': 'application/json' },
      body: pythonJsonDumps(eveErrorBody(429)),
    }),
    reset: () => {
      // The feed is read-only, so the data never changes; this re-binds the seed's (frozen) data set.
      dataset = planstoneDataset(seed);
    },
  });
}
