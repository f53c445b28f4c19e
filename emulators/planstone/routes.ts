import type { EmulatorRequest, EmulatorResponse, RouteDefinition } from '../kit/index.js';
import { handleCollection } from './collection.js';
import { eveError, renderContext, requireAuth, type FeedContext } from './feedContext.js';
import { handleItem, ITEM_ID } from './item.js';
import { render } from './render.js';
import type { PlanstoneResource } from './types.js';

/** The feed's API root; routes below are relative to it, Eve-style without a trailing slash. */
export const PLANSTONE_BASE_PATH = '/feed/v1';

const RESOURCES: readonly PlanstoneResource[] = ['sessions', 'speakers'];

/** `/sessions`, `/sessions/:id`, `/speakers`, `/speakers/:id`: GET (and HEAD) only. */
export function createRoutes(context: FeedContext): RouteDefinition[] {
  return RESOURCES.flatMap((resource): RouteDefinition[] => [
    { path: `/${resource}`, methods: { GET: (req) => handleCollection(context, resource, req) } },
    {
      path: `/${resource}/:id`,
      methods: {
        // find-my-way matches `/sessions/` here with an empty id; Eve serves the collection for it.
        GET: (req) => (req.params.id ? handleItem(context, resource, req.params.id, req) : handleCollection(context, resource, req)),
      },
    },
  ]);
}

type UnroutedRequest = Omit<EmulatorRequest, 'route' | 'params'>;

/**
 * Paths no kit route matched. Eve (Flask, slashes not strict) also serves `/sessions/<id>/`
 * and the API home (`/feed/v1`, `/feed/v1/`); everything else is Werkzeug's 404, in Eve's body.
 */
export function handleUnrouted(context: FeedContext, req: UnroutedRequest): EmulatorResponse {
  const path = req.url.pathname.replace(/\/+$/, '');
  if (path === PLANSTONE_BASE_PATH) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(req);
    return home(context, req);
  }
  const match = new RegExp(`^${PLANSTONE_BASE_PATH}/(sessions|speakers)/([^/]+)$`).exec(path);
  if (match && req.url.pathname.endsWith('/')) {
    const [, resource, id] = match as unknown as [string, PlanstoneResource, string];
    if (!ITEM_ID.test(id)) return eveError(req, 404);
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(req);
    return handleItem(context, resource, id, req);
  }
  return eveError(req, 404);
}

/**
 * A known path and another method: the feed is read-only, so POST/PATCH/PUT/DELETE are 405
 * (Werkzeug's text; Eve's error body drops the Allow header), OPTIONS is Flask's automatic 200.
 * An item path whose id is no ObjectId is not a route at all: 404.
 */
export function methodNotAllowed(req: Pick<EmulatorRequest, 'method' | 'headers' | 'query'> & { params?: EmulatorRequest['params'] }): EmulatorResponse {
  const id = req.params?.id;
  if (id && !ITEM_ID.test(id)) return eveError(req, 404);
  if (req.method === 'OPTIONS') return { status: 200, headers: { allow: 'GET, HEAD, OPTIONS', 'content-type': 'text/html; charset=utf-8' }, body: '' };
  return eveError(req, 405);
}

/** Eve's home endpoint: links to the (emulated) resources. */
function home(context: FeedContext, req: UnroutedRequest): EmulatorResponse {
  const denied = requireAuth(context, req);
  if (denied) return denied;
  return render(renderContext(req), 200, { _links: { child: RESOURCES.map((resource) => ({ href: resource, title: resource })) } });
}
