import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';

// Change detection end to end, in one process (MemoryChangeLog): a change made through an
// emulator's own REST API is found by the next poll and answered by `sessionChanges`.

const CHANGES = /* GraphQL */ `
  query Changes($since: String, $first: Int, $filter: SessionFilter) {
    sessionChanges(since: $since, first: $first, filter: $filter) {
      token
      hasMore
      changes {
        token
        kind
        sessionId
        changedFields
        detectedAt
        session {
          id
          name
        }
      }
    }
  }
`;

interface Change {
  token: string;
  kind: string;
  sessionId: string;
  changedFields: string[];
  detectedAt: string;
  session: { id: string; name: string } | null;
}
interface ChangesData {
  sessionChanges: { token: string; hasMore: boolean; changes: Change[] };
}

let harness: Harness;

/** A request to the Guidebook emulator's own REST API (as Guidebook's builder would make it). */
async function guidebook(method: 'GET' | 'PATCH' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const response = await request(new URL(path, harness.config.guidebook!.baseUrl), {
    method,
    headers: { authorization: `JWT ${harness.config.guidebook!.apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function changes(variables: Record<string, unknown>): Promise<ChangesData['sessionChanges']> {
  const response = await harness.query<ChangesData>(CHANGES, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.sessionChanges;
}

beforeAll(async () => {
  // No daily budget: polls are not spaced out by CHANGE_POLL_QUOTA_SHARE (test/changes/changePoller.test.ts tests that).
  harness = await startHarness({ env: { ...NO_CACHE_ENV, ROUNDWARE_API_URL: 'off', GUIDEBOOK_QUOTA_PER_DAY: '0' } });
});
afterAll(() => harness?.close());

describe('sessionChanges (one process, in-memory log)', () => {
  it('answers only the token before anything changed, and the first poll (the baseline) records nothing', async () => {
    const start = await changes({});
    expect(start.changes).toEqual([]);
    expect(start.hasMore).toBe(false);
    expect(start.token).toMatch(/^\d+-\d+$/);
    expect(await harness.gateway.changePoller.pollOnce()).toEqual([]);
    expect((await changes({ since: start.token })).changes).toEqual([]);
  });

  it('a Guidebook PATCH of a session name and room is an UPDATED with TITLE and LOCATION, with the session as it is now', async () => {
    const { token } = await changes({});
    const list = (await guidebook('GET', 'sessions/?ordering=id')) as { results: Array<{ id: number; guide: number; locations: number[] }> };
    const target = list.results[0]!;
    const locations = (await guidebook('GET', `locations/?guide=${target.guide}`)) as { results: Array<{ id: number }> };
    const otherRoom = locations.results.find((l) => !target.locations.includes(l.id))!;
    await guidebook('PATCH', `sessions/${target.id}/`, { name: 'Moved keynote', locations: [otherRoom.id] });

    const recorded = await harness.gateway.changePoller.pollOnce();
    expect(recorded).toHaveLength(1);
    const page = await changes({ since: token });
    expect(page.changes).toHaveLength(1);
    const [change] = page.changes;
    expect(change).toMatchObject({ kind: 'UPDATED', changedFields: ['LOCATION', 'TITLE'], session: { name: 'Moved keynote' } });
    expect(change!.session!.id).toBe(change!.sessionId);
    expect(Buffer.from(change!.sessionId, 'base64url').toString()).toBe(`Session:guidebook:${target.id}`);
    expect(page.token).toBe(change!.token);
    // Read again from its token: nothing new.
    expect((await changes({ since: page.token })).changes).toEqual([]);
    // A poll that finds nothing new records nothing (no event twice).
    expect(await harness.gateway.changePoller.pollOnce()).toEqual([]);
  });

  it('a created and a deleted Guidebook session are CREATED (with the session) and DELETED (session null)', async () => {
    const { token } = await changes({});
    const list = (await guidebook('GET', 'sessions/?ordering=-id')) as { results: Array<{ id: number; guide: number }> };
    const doomed = list.results[0]!;
    const created = (await guidebook('POST', 'sessions/', {
      guide: doomed.guide,
      name: 'Late addition',
      start_time: '2026-12-08T10:00:00Z',
      end_time: '2026-12-08T11:00:00Z',
    })) as { id: number };
    await guidebook('DELETE', `sessions/${doomed.id}/`);
    await harness.gateway.changePoller.pollOnce();
    const page = await changes({ since: token });
    const byKind = Object.fromEntries(page.changes.map((c) => [c.kind, c]));
    expect(page.changes).toHaveLength(2);
    expect(byKind.CREATED).toMatchObject({ changedFields: [], session: { name: 'Late addition' } });
    expect(Buffer.from(byKind.CREATED!.sessionId, 'base64url').toString()).toBe(`Session:guidebook:${created.id}`);
    expect(byKind.DELETED).toMatchObject({ changedFields: [], session: null });
    expect(Buffer.from(byKind.DELETED!.sessionId, 'base64url').toString()).toBe(`Session:guidebook:${doomed.id}`);
  });

  it('a filter that matches nothing gives no changes but moves the token past them', async () => {
    const { token } = await changes({});
    const list = (await guidebook('GET', 'sessions/?ordering=id')) as { results: Array<{ id: number }> };
    await guidebook('PATCH', `sessions/${list.results[1]!.id}/`, { name: 'Renamed again' });
    await harness.gateway.changePoller.pollOnce();
    const nothing = await changes({ since: token, filter: { sources: ['PLANSTONE'] } });
    expect(nothing.changes).toEqual([]);
    expect(nothing.hasMore).toBe(false);
    const all = await changes({ since: token });
    expect(all.changes).toHaveLength(1);
    expect(nothing.token).toBe(all.token);
    const matching = await changes({ since: token, filter: { ids: [all.changes[0]!.sessionId] } });
    expect(matching.changes.map((c) => c.sessionId)).toEqual([all.changes[0]!.sessionId]);
  });

  it('refuses a string that is no token and a first out of range (BAD_USER_INPUT naming the argument)', async () => {
    const notToken = await harness.query(CHANGES, { since: 'yesterday' });
    expect(notToken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'since' });
    const tooMany = await harness.query(CHANGES, { first: 501 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });

  it('SessionFilter.ids: an ID of another type, a bad ID or more than 100 are BAD_USER_INPUT naming filter.ids', async () => {
    const query = 'query S($filter: SessionFilter) { sessions(first: 1, filter: $filter) { totalCount } }';
    const track = Buffer.from('Track:guidebook:1').toString('base64url');
    for (const ids of [[track], ['not an id'], Array.from({ length: 101 }, (_, i) => Buffer.from(`Session:guidebook:${i + 1}`).toString('base64url'))]) {
      const response = await harness.query(query, { filter: { ids } });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.ids' });
    }
  });

  it('a token from before this log began is SYNC_TOKEN_EXPIRED', async () => {
    const response = await harness.query(CHANGES, { since: '1000-0' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'SYNC_TOKEN_EXPIRED' });
  });
});
