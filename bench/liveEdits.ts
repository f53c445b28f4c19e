import { GUIDEBOOK_DEMO_API_KEY } from '@sessions-gateway/emulators';
import { request } from 'undici';

import { toGlobalId } from '../src/ids/globalId.js';

// Schedule edits for the live-schedule bench, made as an organiser would: Planstone through
// the emulator's control (`PATCH /__control/sessions/<_id>`, the feed's API is read-only; the
// session gets a new `session_updated_at`), Guidebook through its REST API (`PATCH sessions/{id}/`).

/** A Planstone session the bench may edit: its feed `_id` and its gateway global ID. */
export interface EditableSession {
  feedId: string;
  sessionId: string;
}

interface EvePage {
  _items: Array<{ _id: string; schedid?: string | null }>;
  _meta: { total: number; max_results: number };
}

/** Up to `count` sessions (with a `schedid`) of the last (largest) Planstone conference in `env`. */
export async function editablePlanstoneSessions(env: Record<string, string>, count: number): Promise<EditableSession[]> {
  const conferences = JSON.parse(env.PLANSTONE_CONFERENCES ?? '[]') as Array<{ account: string; conference: string }>;
  const target = conferences.at(-1) ?? { account: env.PLANSTONE_ACCOUNT!, conference: env.PLANSTONE_CONFERENCE! };
  // The first configured conference's ids are the feed's own; a later one's carry its key (models/conference.ts).
  const idPrefix = conferences.length > 1 ? `${target.account}/${target.conference}#` : '';
  const authorization = `Basic ${Buffer.from(`${env.PLANSTONE_API_TOKEN}:`).toString('base64')}`;
  const where = JSON.stringify({ account: target.account, conference: target.conference, schedid: { $ne: '' } });
  const found: EditableSession[] = [];
  for (let page = 1; found.length < count; page += 1) {
    const url = `${env.PLANSTONE_API_URL}sessions?where=${encodeURIComponent(where)}&max_results=100&page=${page}`;
    const response = await request(url, { headers: { authorization } });
    const body = (await response.body.json()) as EvePage;
    if (response.statusCode !== 200 || body._items.length === 0) break;
    for (const item of body._items) {
      if (item.schedid) found.push({ feedId: item._id, sessionId: toGlobalId('Session', 'planstone', idPrefix + item.schedid) });
    }
  }
  if (found.length < count) throw new Error(`the Planstone feed has only ${found.length} editable sessions, the bench needs ${count}`);
  return found.slice(0, count);
}

/** Moves a Planstone session to another room; resolves when the emulator has applied it. */
export async function movePlanstoneSession(planstoneOrigin: string, session: EditableSession, room: string): Promise<void> {
  const response = await request(`${planstoneOrigin}/__control/sessions/${session.feedId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomname: room, sched_roomname: room }),
  });
  await response.body.dump();
  if (response.statusCode !== 200) throw new Error(`Planstone edit of ${session.feedId}: ${response.statusCode}`);
}

/** Ids of the first `count` Guidebook sessions (any guide). */
export async function guidebookSessionIds(env: Record<string, string>, count: number): Promise<number[]> {
  const response = await request(`${env.GUIDEBOOK_API_URL}sessions/?ordering=id`, { headers: { authorization: `JWT ${GUIDEBOOK_DEMO_API_KEY}` } });
  const body = (await response.body.json()) as { results: Array<{ id: number }> };
  return body.results.slice(0, count).map((s) => s.id);
}

/** Renames a Guidebook session through its REST API. */
export async function renameGuidebookSession(env: Record<string, string>, id: number, name: string): Promise<void> {
  const response = await request(`${env.GUIDEBOOK_API_URL}sessions/${id}/`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `JWT ${GUIDEBOOK_DEMO_API_KEY}` },
    body: JSON.stringify({ name }),
  });
  await response.body.dump();
  if (response.statusCode !== 200) throw new Error(`Guidebook edit of session ${id}: ${response.statusCode}`);
}
