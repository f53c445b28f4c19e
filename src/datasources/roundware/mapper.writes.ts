import type { ClientSessionDraft, UserError } from '../../models/writes/index.js';
import { flattenDrfErrors } from '../writes/drfFieldErrors.js';
import { toUserErrors, type InputFieldMap } from '../writes/inputFieldMap.js';

// Roundware write quirks live here: `project_id` in, `project` in 400 bodies (model field
// names), `language` as a code beside `language_id`.

/** The POST `sessions/` body; left-out fields take Roundware's defaults. */
export function clientSessionDraftToWire(draft: ClientSessionDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    project_id: draft.projectId,
    client_system: draft.clientSystem,
    client_type: draft.clientType,
    language: draft.languageCode,
    language_id: draft.languageId,
    demo_stream_enabled: draft.demoStreamEnabled,
    geo_listen_enabled: draft.geoListenEnabled,
    timezone: draft.timeZone,
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/**
 * A Roundware 400 body as user errors at `startClientSession`'s input paths. Errors are
 * keyed by model field: `project` → `projectId`; `language` → whichever of
 * `languageCode`/`languageId` was sent.
 */
export function roundwareUserErrors(body: unknown, draft: ClientSessionDraft): UserError[] {
  const fields: InputFieldMap = {
    project: 'projectId',
    project_id: 'projectId',
    language: draft.languageCode !== undefined ? 'languageCode' : 'languageId',
    language_id: 'languageId',
    client_system: 'clientSystem',
    client_type: 'clientType',
    demo_stream_enabled: 'demoStreamEnabled',
    geo_listen_enabled: 'geoListenEnabled',
    timezone: 'timeZone',
  };
  return toUserErrors(flattenDrfErrors(body, 'Roundware refused the request.'), fields);
}
