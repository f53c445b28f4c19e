import type { EmulatorDefinition, EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { authenticate, requireUser } from './auth.js';
import { ALLOW, djangoNotFound, drf, methodNotAllowed, throttled } from './responses.js';
import { loginRoutes } from './routes/login.js';
import { sessionRoutes } from './routes/sessions.js';
import { userRoutes } from './routes/users.js';
import type { RoundwareStore } from './store.js';

/** The API root, as the docs address it (`http://localhost:8888/api/2/sessions/`). */
export const ROUNDWARE_BASE_PATH = '/api/2';

interface RoutePolicy {
  allow: readonly string[];
  loginRequired: boolean;
  name: string;
  description: string;
}

const POLICIES: Record<string, RoutePolicy> = {
  '/sessions/': { allow: ALLOW.sessionList, loginRequired: true, name: 'Session List', description: 'API V2: api/2/sessions/' },
  '/sessions/count/': { allow: ALLOW.sessionCount, loginRequired: true, name: 'Session List', description: 'API V2: api/2/sessions/' },
  '/sessions/:id/': { allow: ALLOW.sessionDetail, loginRequired: true, name: 'Session Instance', description: 'API V2: api/2/sessions/' },
  '/users/': { allow: ALLOW.users, loginRequired: false, name: 'User List', description: 'API V2: api/2/users/' },
  '/login/': { allow: ALLOW.login, loginRequired: false, name: 'Obtain Auth Token', description: '' },
};

// Paths Django's APPEND_SLASH redirects: the slashed form resolves.
const SLASHLESS = [/^\/sessions$/, /^\/sessions\/count$/, /^\/sessions\/[^/.]+$/, /^\/users$/, /^\/login$/];

/** Roundware API v2 as an emulator definition over one store. */
export function createRoundwareDefinition(store: RoundwareStore): EmulatorDefinition {
  return {
    name: 'roundware',
    basePath: ROUNDWARE_BASE_PATH,
    routes: [...sessionRoutes(store), ...userRoutes(store), ...loginRoutes(store)],
    notFound(req) {
      const path = req.url.pathname;
      const relative = path.startsWith(`${ROUNDWARE_BASE_PATH}/`) ? path.slice(ROUNDWARE_BASE_PATH.length) : undefined;
      if (relative !== undefined && SLASHLESS.some((pattern) => pattern.test(relative))) {
        return { status: 301, headers: { location: `${path}/${req.url.search}`, 'content-type': 'text/html; charset=utf-8' }, body: '' };
      }
      return djangoNotFound();
    },
    methodNotAllowed(req, allowed) {
      const policy = POLICIES[req.route] ?? { allow: allowed, loginRequired: true, name: '', description: '' };
      // DRF authenticates and checks permissions before it looks for the method's handler.
      const failure = authFailure(req, store, policy);
      if (failure) return failure;
      if (req.method === 'OPTIONS') {
        return drf(
          200,
          {
            name: policy.name,
            description: policy.description,
            renders: ['application/json', 'text/html'],
            parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
          },
          policy.allow,
        );
      }
      return methodNotAllowed(req.method, policy.allow);
    },
    rateLimited: throttled,
    reset: () => store.reset(),
  };
}

function authFailure(req: EmulatorRequest, store: RoundwareStore, policy: RoutePolicy): EmulatorResponse | undefined {
  if (policy.loginRequired) {
    const auth = requireUser(req, store, policy.allow);
    return 'response' in auth ? auth.response : undefined;
  }
  const auth = authenticate(req, store, policy.allow);
  return auth.kind === 'failed' ? auth.response : undefined;
}
