import { Emulator } from '../kit/index.js';
import { PLANSTONE_DEMO } from './demo.js';
import { editSessionControl } from './editSessionControl.js';
import { eveErrorBody } from './errors.js';
import type { FeedContext } from './feedContext.js';
import { PAGINATION_LIMIT } from './paging.js';
import { pythonJsonDumps } from './pythonJson.js';
import { createRoutes, handleUnrouted, methodNotAllowed, PLANSTONE_BASE_PATH } from './routes.js';
import { planstoneFeed } from './seed/planstoneFeed.js';

/** The seed used when none is given. */
export const DEFAULT_PLANSTONE_SEED = 2018;

export interface PlanstoneEmulatorOptions {
  /** Seed for the generated sessions and speakers (same seed, same data). Default 2018. */
  seed?: number;
  /**
   * `EMULATOR_SCALE`: with N > 0, one more conference (`planstoneScaleConference(N)`) with N
   * sessions and 0.6·N speakers. Default 0: the demo conferences only.
   */
  scale?: number;
  /**
   * Eve's `PAGINATION_LIMIT`: the most items one page holds; a larger `max_results` is
   * clamped to it silently (`_meta.max_results` says the size used). Default 100, as the
   * docs say ("up to 100 results"); a smaller one stands for a deployment configured so.
   * The data is the same whatever the limit.
   */
  paginationLimit?: number;
}

/**
 * A faithful Planstone feed v1 (Python Eve over MongoDB) at `/feed/v1`: read-only
 * `sessions` and `speakers` with Eve's query language, paging, envelope, links, errors and
 * conditional GETs, for the conferences in PLANSTONE_DEMO_CONFERENCES (and the scale
 * conference with `scale`); the schedule changes only through the control
 * `PATCH|DELETE /__control/sessions/<_id>` (editSessionControl). Not yet listening.
 */
export function createPlanstoneEmulator(options: PlanstoneEmulatorOptions = {}): Emulator {
  const seed = options.seed ?? DEFAULT_PLANSTONE_SEED;
  const scale = options.scale ?? 0;
  const paginationLimit = options.paginationLimit ?? PAGINATION_LIMIT;
  if (!Number.isSafeInteger(paginationLimit) || paginationLimit < 1) throw new RangeError(`paginationLimit must be a whole number ≥ 1, got ${paginationLimit}`);
  let dataset = planstoneFeed(seed, scale);
  const context: FeedContext = { dataset: () => dataset, token: PLANSTONE_DEMO.token, account: PLANSTONE_DEMO.account, paginationLimit };
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
      // Back to the seed's (frozen, shared) data set, undoing the edit control's changes.
      dataset = planstoneFeed(seed, scale);
    },
    // The feed's API is read-only: a test changes the schedule through this control.
    control: (method, what, input) =>
      editSessionControl(method, what, input, dataset, (edited) => {
        dataset = edited;
      }),
  });
}
