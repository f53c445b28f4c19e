import { Emulator, type EmulatorDefinition, type RouteDefinition, type RouteHandler } from '../kit/index.js';
import type { GuidebookContext } from './context.js';
import { DailyQuota } from './dailyQuota.js';
import { check, guard, type GuardSettings } from './guard.js';
import { PublishThrottle } from './publishThrottle.js';
import { methodNotAllowed, notFound, throttled } from './responses.js';
import { actionRoutes } from './routes/actions.js';
import { attendeeRoutes } from './routes/attendees.js';
import { guideRoutes } from './routes/guides.js';
import { locationRoutes } from './routes/locations.js';
import { personalizedScheduleRoutes } from './routes/personalizedSchedules.js';
import { scheduleTrackRoutes } from './routes/scheduleTracks.js';
import { sessionRoutes } from './routes/sessions.js';
import { GuidebookStore } from './store.js';
import { trailingSlashRedirect } from './trailingSlashRedirect.js';

export interface GuidebookEmulatorOptions {
  /** Seed of the generated data; the docs' sample objects are the same for every seed. Default 20170918. */
  seed?: number;
  /** Server-chosen default page size (undocumented upstream). Default 37 — not a size a client would guess. */
  pageSize?: number;
  /** Requests per API key per UTC day; then 429 with `Retry-After` = seconds to next UTC midnight. Default 10,000. */
  dailyQuota?: number;
  /** Serve the legacy session field set (`locations`, `thumbnail`, `last_updated`) at `sessions/`. Default false. */
  legacyFields?: boolean;
  /** Accepted API keys (`Authorization: JWT <key>`). Default `[GUIDEBOOK_DEMO_API_KEY]`. */
  apiKeys?: string[];
  /**
   * `EMULATOR_SCALE`: with N > 0, one more guide (id 90, `SCALE_GUIDE`) with 1.5·N sessions
   * and proportionate tracks and locations. Default 0: the demo guides only.
   */
  scale?: number;
}

export { SCALE_GUIDE } from './seedScale.js';

/** The API key the emulator accepts by default. */
export const GUIDEBOOK_DEMO_API_KEY = 'demo-guidebook-key';

export const GUIDEBOOK_BASE_PATH = '/open-api/v1';
export const GUIDEBOOK_DEFAULT_SEED = 20170918;
export const GUIDEBOOK_DEFAULT_PAGE_SIZE = 37;
export const GUIDEBOOK_MAX_PAGE_SIZE = 500;

/**
 * A faithful Guidebook Open API v1 (`/open-api/v1/...`) over the shared emulator kit, not
 * yet listening. See README.md for what is verified upstream and what is our choice.
 */
export function createGuidebookEmulator(options: GuidebookEmulatorOptions = {}): Emulator {
  const now = (): number => Date.now();
  const store = new GuidebookStore(options.seed ?? GUIDEBOOK_DEFAULT_SEED, options.legacyFields ?? false, options.scale ?? 0);
  const quota = new DailyQuota(options.dailyQuota ?? 10_000);
  const ctx: GuidebookContext = {
    store,
    pagination: { pageSize: options.pageSize ?? GUIDEBOOK_DEFAULT_PAGE_SIZE, maxPageSize: GUIDEBOOK_MAX_PAGE_SIZE },
    legacy: options.legacyFields ?? false,
    publishThrottle: new PublishThrottle(),
    now,
  };
  const settings: GuardSettings = { apiKeys: new Set(options.apiKeys ?? [GUIDEBOOK_DEMO_API_KEY]), quota, now };
  const routes = [
    ...sessionRoutes(ctx),
    ...scheduleTrackRoutes(ctx),
    ...attendeeRoutes(ctx),
    ...personalizedScheduleRoutes(ctx),
    ...guideRoutes(ctx),
    ...locationRoutes(ctx),
    ...actionRoutes(ctx),
  ].map((route) => guarded(settings, store, route));

  const definition: EmulatorDefinition = {
    name: 'guidebook',
    basePath: GUIDEBOOK_BASE_PATH,
    routes,
    notFound: (req) => trailingSlashRedirect(req, GUIDEBOOK_BASE_PATH, routes) ?? notFound(),
    methodNotAllowed: (req, allowed) => check(settings, req) ?? methodNotAllowed(req.method, allowed),
    rateLimited: (seconds) => throttled(seconds),
    reset: () => {
      store.reset();
      quota.reset();
      ctx.publishThrottle.reset();
    },
  };
  return new Emulator(definition);
}

function guarded(settings: GuardSettings, store: GuidebookStore, route: RouteDefinition): RouteDefinition {
  const methods: RouteDefinition['methods'] = {};
  for (const [method, handler] of Object.entries(route.methods) as [keyof RouteDefinition['methods'], RouteHandler][]) {
    methods[method] = guard(settings, method === 'GET' ? handler : writing(store, handler));
  }
  return { path: route.path, methods };
}

/** A handler that may change the tables: the store's generation moves before and after it (lists cached earlier go stale). */
function writing(store: GuidebookStore, handler: RouteHandler): RouteHandler {
  return async (req) => {
    store.touch();
    try {
      return await handler(req);
    } finally {
      store.touch();
    }
  };
}
