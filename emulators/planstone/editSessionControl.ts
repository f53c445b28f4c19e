import type { EmulatorResponse } from '../kit/index.js';
import { eveDocument } from './seed/eveDocument.js';
import { feedWithSessionEdited, type PlanstoneFeed } from './seed/planstoneFeed.js';
import type { PlanstoneDocument } from './types.js';

/** `YYYY-MM-DD HH:MM:SS` as the seed writes `session_updated_at` (UTC wall clock). */
function stamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

const EVE_FIELDS = new Set(['_id', '_etag', '_created', '_updated', '_links']);

/**
 * The emulator's stand-in for the organiser editing the schedule in Planstone (the feed's
 * API itself is read-only):
 *
 * - `PATCH /__control/sessions/<_id>` with a JSON object of feed fields (e.g.
 *   `{"sessionName": "…", "room": "…"}`): the session gets them, a new `_etag`, and
 *   `session_updated_at` = now, as the feed shows an edit (unless the body sets it);
 * - `DELETE /__control/sessions/<_id>`: the session leaves the feed.
 *
 * Both answer 200 with the session as it now is (DELETE: as it was), 404 for an unknown `_id`.
 * `POST /__control/reset` undoes every edit. Undefined for any other control.
 */
export function editSessionControl(
  method: string,
  what: string,
  input: Record<string, unknown>,
  feed: PlanstoneFeed,
  replace: (feed: PlanstoneFeed) => void,
): EmulatorResponse | undefined {
  const match = /^sessions\/([0-9a-f]{24})$/.exec(what);
  if (!match || (method !== 'PATCH' && method !== 'DELETE')) return undefined;
  const id = match[1]!;
  let result: PlanstoneDocument | undefined;
  const edited = feedWithSessionEdited(feed, id, (session) => {
    if (method === 'DELETE') {
      result = session;
      return null;
    }
    const fields: PlanstoneDocument = Object.fromEntries(Object.entries(session).filter(([key]) => !EVE_FIELDS.has(key)));
    const changes = Object.fromEntries(Object.entries(input).filter(([key]) => !EVE_FIELDS.has(key)));
    result = eveDocument(id, { ...fields, session_updated_at: stamp(new Date()), ...changes }, 'sessions', 'session');
    return result;
  });
  if (!edited) return { status: 404, body: { error: `no session with _id ${id}` } };
  replace(edited);
  return { status: 200, body: result };
}
