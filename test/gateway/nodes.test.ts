import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId, type NodeType } from '../../src/ids/globalId.js';
import type { ProviderName } from '../../src/providers.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf } from '../support/paging.js';
import { readProviderData, type ProviderData } from '../support/providerData.js';

// `node(id:)` and `nodes(ids:)`: every node type fetched again by the ID the API gave it;
// a missing object is null with NOT_FOUND on its own path; a malformed ID is BAD_USER_INPUT.

let harness: Harness;
let data: ProviderData;

beforeAll(async () => {
  harness = await startHarness();
  data = await readProviderData(harness);
});
afterAll(() => harness?.close());

const NODE_FIELDS = `__typename id
  ... on Session { sourceId name }
  ... on Track { sourceId name }
  ... on Guide { sourceId name }
  ... on Attendee { sourceId email }
  ... on PersonalizedSchedule { sourceId name }
  ... on Speaker { sourceId lastName }
  ... on ClientSession { sourceId projectId }`;

/** One existing object of each type, from the providers' data, and what the API should say of it. */
function samples(): Array<{ type: NodeType; provider: ProviderName; sourceId: string; fields: Record<string, unknown> }> {
  const gb = data.guidebook;
  const ps = data.planstone;
  const rw = data.roundware.sessions[5]!;
  const session = gb.sessions[42]!;
  const feedSession = ps.sessions.find((s) => s.sessionName && s.sessionName === s.sessionName.trim())!;
  const track = gb.tracks[7]!;
  const trackName = ps.sessions.flatMap((s) => s.tracks ?? [])[0]!.track;
  const attendee = gb.attendees[99]!;
  const schedule = gb.schedules[12]!;
  const speaker = ps.speakers.find((s) => s.lname && s.lname === s.lname.trim())!;
  return [
    { type: 'Session', provider: 'guidebook', sourceId: String(session.id), fields: { name: session.name } },
    { type: 'Session', provider: 'planstone', sourceId: feedSession.schedid, fields: { name: feedSession.sessionName } },
    { type: 'Track', provider: 'guidebook', sourceId: String(track.id), fields: { name: track.name } },
    { type: 'Track', provider: 'planstone', sourceId: trackName, fields: { name: trackName } },
    { type: 'Guide', provider: 'guidebook', sourceId: String(gb.guides[2]!.id), fields: { name: gb.guides[2]!.name } },
    { type: 'Attendee', provider: 'guidebook', sourceId: String(attendee.id), fields: { email: attendee.email } },
    { type: 'PersonalizedSchedule', provider: 'guidebook', sourceId: String(schedule.id), fields: { name: schedule.name } },
    { type: 'Speaker', provider: 'planstone', sourceId: speaker.pid, fields: { lastName: speaker.lname } },
    { type: 'ClientSession', provider: 'roundware', sourceId: String(rw.id), fields: { projectId: rw.project_id } },
  ];
}

describe('node(id:)', () => {
  it('fetches every node type by its global ID', async () => {
    for (const { type, provider, sourceId, fields } of samples()) {
      const id = toGlobalId(type, provider, sourceId);
      const { node } = dataOf(await harness.query<{ node: Record<string, unknown> }>(`query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id }));
      expect(node).toEqual({ __typename: type, id, sourceId, ...fields });
    }
  });

  it('a well-formed ID of nothing is null with NOT_FOUND, for every type', async () => {
    const missing: Array<[NodeType, ProviderName, string]> = [
      ['Session', 'guidebook', '999999'],
      ['Session', 'planstone', '1'],
      ['Track', 'guidebook', '999999'],
      ['Track', 'planstone', 'No Such Track'],
      ['Guide', 'guidebook', '999999'],
      ['Attendee', 'guidebook', '999999'],
      ['PersonalizedSchedule', 'guidebook', '999999'],
      ['Speaker', 'planstone', '1'],
      ['ClientSession', 'roundware', '999999'],
      // ('abc' for a Roundware id is no longer NOT_FOUND but BAD_USER_INPUT: an id the
      // provider cannot have issued; see test/gateway/hostileInput.test.ts.)
    ];
    for (const [type, provider, sourceId] of missing) {
      const response = await harness.query(`query($id: ID!) { node(id: $id) { id } }`, { id: toGlobalId(type, provider, sourceId) });
      expect(response.data, `${type} ${sourceId}`).toEqual({ node: null });
      expect(response.errors, `${type} ${sourceId}`).toHaveLength(1);
      expect(response.errors![0]).toMatchObject({ path: ['node'], extensions: { code: 'NOT_FOUND' } });
    }
  });

  it('a malformed ID is BAD_USER_INPUT', async () => {
    for (const id of ['', '!!!', Buffer.from('Nope:guidebook:1').toString('base64url'), Buffer.from('Session:nowhere:1').toString('base64url')]) {
      const response = await harness.query(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(id)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('nodes(ids:)', () => {
  it('returns objects in the order given, null with its own NOT_FOUND error where one is missing', async () => {
    const found = samples().map(({ type, provider, sourceId }) => toGlobalId(type, provider, sourceId));
    const ids = [found[0]!, toGlobalId('Session', 'guidebook', '999999'), ...found.slice(1), toGlobalId('Speaker', 'planstone', '1'), found[0]!];
    const response = await harness.query<{ nodes: Array<{ id: string } | null> }>(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(response.data!.nodes.map((n) => n?.id ?? null)).toEqual(ids.map((id, i) => (i === 1 || i === ids.length - 2 ? null : id)));
    const errors = (response.errors ?? []).map((e) => ({ path: e.path, code: e.extensions?.code }));
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: ['nodes', 1], code: 'NOT_FOUND' },
        { path: ['nodes', ids.length - 2], code: 'NOT_FOUND' },
      ]),
    );
    expect(errors).toHaveLength(2);
  });

  it('more than 100 IDs is BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => toGlobalId('Guide', 'guidebook', String(i + 1)));
    const response = await harness.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('every session of a page can be fetched again by its id', async () => {
    const { sessions } = dataOf(
      await harness.query<{ sessions: { edges: Array<{ node: { id: string; name: string } }> } }>(`{ sessions(last: 60) { edges { node { id name } } } }`),
    );
    const ids = sessions.edges.map((e) => e.node.id);
    const { nodes } = dataOf(
      await harness.query<{ nodes: Array<{ id: string; name: string }> }>(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Session { name } } }`, { ids }),
    );
    expect(nodes).toEqual(sessions.edges.map((e) => e.node));
  });
});
