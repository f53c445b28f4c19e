import type { EmulatorRequest, EmulatorResponse, RouteDefinition } from '../../kit/index.js';
import { authenticate } from '../auth.js';
import { readRequestData } from '../requestData.js';
import { ALLOW, djangoServerError, drf } from '../responses.js';
import type { RoundwareStore } from '../store.js';

/**
 * `UserViewSet.create`: no login needed (a bad token header still fails). The user whose
 * profile has this `device_id` is reused with its token; otherwise a new anonymous user and
 * token are made. Answers 200 either way. A missing or non-text `device_id` crashes the view
 * (`request.data["device_id"][:254]`): 500.
 */
export function userRoutes(store: RoundwareStore): RouteDefinition[] {
  const create = (req: EmulatorRequest): EmulatorResponse => {
    const auth = authenticate(req, store, ALLOW.users);
    if (auth.kind === 'failed') return auth.response;
    const body = readRequestData(req, ALLOW.users);
    if (body.kind === 'error') return body.response;
    if (body.kind === 'other') return djangoServerError();
    const { device_id, client_type, client_system } = body.data;
    if (typeof device_id !== 'string') return djangoServerError();
    const key = device_id.slice(0, 254);
    const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
    const user = store.userByDeviceId(key) ?? store.insertDeviceUser(key, text(client_type), text(client_system));
    return drf(
      200,
      {
        id: user.id,
        username: user.username,
        token: user.token,
        first_name: user.first_name,
        last_name: user.last_name,
        email: user.email,
        device_id: user.device_id,
        client_type: user.client_type,
      },
      ALLOW.users,
    );
  };
  return [{ path: '/users/', methods: { POST: create } }];
}
