import type { EmulatorRequest, EmulatorResponse, RouteDefinition } from '../../kit/index.js';
import { authenticate } from '../auth.js';
import { cleanChar, pythonTypeName } from '../fields.js';
import { readRequestData } from '../requestData.js';
import { ALLOW, drf } from '../responses.js';
import type { RoundwareStore } from '../store.js';

/**
 * `login/` is DRF's `obtain_auth_token`: `{username, password}` → `{"token": key}` (200), or
 * 400 with `AuthTokenSerializer` errors. Only the seeded users have passwords.
 */
export function loginRoutes(store: RoundwareStore): RouteDefinition[] {
  const login = (req: EmulatorRequest): EmulatorResponse => {
    const auth = authenticate(req, store, ALLOW.login);
    if (auth.kind === 'failed') return auth.response;
    const body = readRequestData(req, ALLOW.login);
    if (body.kind === 'error') return body.response;
    if (body.kind === 'other') {
      return drf(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonTypeName(body.value)}.`] }, ALLOW.login);
    }
    const errors: Record<string, string[]> = {};
    const values: Record<string, string> = {};
    for (const name of ['username', 'password'] as const) {
      const raw = body.data[name];
      if (raw === undefined) {
        errors[name] = ['This field is required.'];
        continue;
      }
      // The password field keeps its whitespace; cleanChar's trim only decides blankness here.
      const cleaned = cleanChar(raw, { maxLength: Number.POSITIVE_INFINITY, allowNull: false, allowBlank: false });
      if (!cleaned.ok) errors[name] = [cleaned.error];
      else values[name] = name === 'password' ? String(raw) : (cleaned.value ?? '');
    }
    if (Object.keys(errors).length > 0) return drf(400, errors, ALLOW.login);
    const user = store.userByCredentials(values.username ?? '', values.password ?? '');
    if (!user) return drf(400, { non_field_errors: ['Unable to log in with provided credentials.'] }, ALLOW.login);
    return drf(200, { token: user.token }, ALLOW.login);
  };
  return [{ path: '/login/', methods: { POST: login } }];
}
