import type { EmulatorRequest, EmulatorResponse, RouteDefinition } from '../../kit/index.js';
import { requireUser } from '../auth.js';
import { createSession } from '../createSession.js';
import { pythonInt } from '../fields.js';
import { filterSessions } from '../filters.js';
import { readRequestData } from '../requestData.js';
import { ALLOW, detail, djangoNotFound, djangoServerError, drf } from '../responses.js';
import type { RoundwareStore } from '../store.js';

/**
 * `SessionViewSet` (list, retrieve, create) and the `count` list route of the
 * `admin-updates` branch. Every action needs a token.
 */
export function sessionRoutes(store: RoundwareStore): RouteDefinition[] {
  const list = (req: EmulatorRequest): EmulatorResponse => {
    const auth = requireUser(req, store, ALLOW.sessionList);
    if ('response' in auth) return auth.response;
    // A bare array: the viewset never paginates, whatever PAGE_SIZE says.
    return drf(200, filterSessions(store, req.query), ALLOW.sessionList);
  };

  const create = (req: EmulatorRequest): EmulatorResponse => {
    const auth = requireUser(req, store, ALLOW.sessionList);
    if ('response' in auth) return auth.response;
    const data = readRequestData(req, ALLOW.sessionList);
    if (data.kind === 'error') return data.response;
    // The view assigns into request.data, which a list or a scalar does not allow.
    if (data.kind === 'other') return djangoServerError();
    return createSession(store, auth.user, data.data, data.fromForm);
  };

  const count = (req: EmulatorRequest): EmulatorResponse => {
    const auth = requireUser(req, store, ALLOW.sessionCount);
    if ('response' in auth) return auth.response;
    return drf(200, { count: filterSessions(store, req.query).length }, ALLOW.sessionCount);
  };

  const retrieve = (req: EmulatorRequest): EmulatorResponse => {
    const raw = req.params.id ?? '';
    // The router's lookup pattern is `[^/.]+`: an id with a dot matches no URL at all.
    if (raw.includes('.')) return djangoNotFound();
    const auth = requireUser(req, store, ALLOW.sessionDetail);
    if ('response' in auth) return auth.response;
    const id = pythonInt(raw);
    // Session.objects.get(pk='abc') raises ValueError, which nothing catches.
    if (typeof id !== 'number') return djangoServerError();
    const session = store.session(id);
    return session ? drf(200, session, ALLOW.sessionDetail) : detail(404, 'Not found.', ALLOW.sessionDetail);
  };

  return [
    { path: '/sessions/', methods: { GET: list, POST: create } },
    // Static, so find-my-way prefers it to `/sessions/:id/` whatever the registration order.
    { path: '/sessions/count/', methods: { GET: count } },
    { path: '/sessions/:id/', methods: { GET: retrieve } },
  ];
}
