import type { EmulatorRequest, EmulatorResponse, RouteDefinition } from '../kit/index.js';

/**
 * Django's `APPEND_SLASH`: a path without its trailing slash that would match a route
 * with one is answered `301` to the slashed path (query kept), before any auth. Clients
 * that do not follow redirects see the 301 — as they would against the real host.
 */
export function trailingSlashRedirect(req: Pick<EmulatorRequest, 'url'>, basePath: string, routes: RouteDefinition[]): EmulatorResponse | undefined {
  const path = req.url.pathname;
  if (path.endsWith('/') || !path.startsWith(`${basePath}/`)) return undefined;
  const relative = `${path.slice(basePath.length)}/`;
  const matches = routes.some((route) => new RegExp(`^${route.path.replace(/:[a-z]+/g, '[^/]+')}$`).test(relative));
  if (!matches) return undefined;
  return { status: 301, headers: { location: `${path}/${req.url.search}` } };
}
