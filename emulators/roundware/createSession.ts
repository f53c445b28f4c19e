import type { EmulatorResponse } from '../kit/index.js';
import { formatPythonStr, utcNow } from './datetime.js';
import { cleanBoolean, cleanChar, cleanDateTime, cleanPrimaryKey, pythonInt, REQUIRED, type Cleaned } from './fields.js';
import { ALLOW, djangoServerError, drf } from './responses.js';
import type { RoundwareStore } from './store.js';
import type { RoundwareUser } from './types.js';

const TIMEZONE_PATTERN = /^[+-]?\d{4}$/;
const TIMEZONE_MESSAGE = "Timezone must be in RFC822 GMT format (e.g. '-0800')";

/**
 * `SessionViewSet.create` and `SessionSerializer`, step by step as the server runs them:
 *
 * 1. `project_id` is renamed `project` (it wins over a `project` also sent).
 * 2. `language` (a code; `en-US` cut to `en`; unknown → pk 1) beats `language_id`; neither → 1.
 *    A `language` that is not text crashes the view (`'-' in l`): 500.
 * 3. `starttime` = `str(datetime.utcnow())`, `device_id` = the user profile's (both always
 *    overwritten), `client_type` = the profile's unless sent.
 * 4. Without `geo_listen_enabled`, the project's value is read first: no project (KeyError)
 *    or an unknown one (DoesNotExist) is a 500 there, before any validation.
 * 5. Field validation, errors keyed by model field names, then `validate_timezone`.
 *
 * Success is 200 (not 201) with the new session's representation.
 */
export function createSession(store: RoundwareStore, user: RoundwareUser, input: Record<string, unknown>, fromForm: boolean): EmulatorResponse {
  const data: Record<string, unknown> = { ...input };
  if ('project_id' in data) {
    data.project = data.project_id;
    delete data.project_id;
  }
  if ('language' in data) {
    const code = data.language;
    if (code === null || typeof code === 'number' || typeof code === 'boolean') return djangoServerError();
    const short = typeof code === 'string' && code.includes('-') ? code.split('-')[0] : code;
    data.language = (typeof short === 'string' ? store.languageByCode(short)?.id : undefined) ?? 1;
  } else if ('language_id' in data) {
    data.language = data.language_id;
  } else {
    data.language = 1;
  }
  data.starttime = formatPythonStr(utcNow());
  data.device_id = user.device_id;
  if (!('client_type' in data)) data.client_type = user.client_type;
  if (!('geo_listen_enabled' in data)) {
    if (!('project' in data)) return djangoServerError();
    const id = pythonInt(data.project);
    const project = typeof id === 'number' ? store.project(id) : undefined;
    if (!project) return djangoServerError();
    data.geo_listen_enabled = project.geo_listen_enabled;
  }

  // A form cannot send null: DRF reads an empty value of a nullable field as null.
  if (fromForm && data.stoptime === '') data.stoptime = null;

  const errors: Record<string, string[]> = {};
  const field = <T>(name: string, cleaned: Cleaned<T>, fallback: T): T => {
    if (cleaned.ok) return cleaned.value;
    errors[name] = [cleaned.error];
    return fallback;
  };
  const has = (name: string): boolean => name in data;
  const char = { allowNull: true, allowBlank: true };

  const device_id = field('device_id', cleanChar(data.device_id, { maxLength: 36, ...char }), null);
  const starttime = field('starttime', cleanDateTime(data.starttime, false), null) ?? '';
  const stoptime = has('stoptime') ? field('stoptime', cleanDateTime(data.stoptime, true), null) : null;
  const project = has('project')
    ? field(
        'project',
        cleanPrimaryKey(data.project, false, (id) => !!store.project(id)),
        null,
      )
    : field('project', { ok: false, error: REQUIRED }, null);
  const language = field(
    'language',
    cleanPrimaryKey(data.language, true, (id) => !!store.language(id)),
    null,
  );
  const client_type = has('client_type') ? field('client_type', cleanChar(data.client_type, { maxLength: 128, ...char }), null) : null;
  const client_system = has('client_system') ? field('client_system', cleanChar(data.client_system, { maxLength: 128, ...char }), null) : null;
  const demo_stream_enabled = has('demo_stream_enabled') ? field('demo_stream_enabled', cleanBoolean(data.demo_stream_enabled), false) : false;
  const geo_listen_enabled = field('geo_listen_enabled', cleanBoolean(data.geo_listen_enabled), false);
  let timezone = has('timezone')
    ? (field('timezone', cleanChar(data.timezone, { maxLength: 5, allowNull: false, allowBlank: false }), '0000') ?? '0000')
    : '0000';
  // `validate_timezone` runs only once the field itself is valid.
  if (!errors.timezone && !TIMEZONE_PATTERN.test(timezone)) {
    errors.timezone = [TIMEZONE_MESSAGE];
    timezone = '0000';
  }

  if (Object.keys(errors).length > 0 || project === null) return drf(400, errors, ALLOW.sessionList);
  const session = store.insertSession({
    device_id,
    starttime,
    stoptime,
    client_type,
    client_system,
    demo_stream_enabled,
    geo_listen_enabled,
    timezone,
    project_id: project,
    language_id: language,
  });
  return drf(200, session, ALLOW.sessionList);
}
