import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { wireCompilations } from '../../src/upstream/index.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf } from '../support/paging.js';

// Every provider answer is checked against a wire schema compiled by ajv. The provider
// clients compile the ones they read when the gateway boots, so that the first requests
// do not pay for it: after boot, reads of every kind compile nothing more.

let harness: Harness;
let atBoot: number;

beforeAll(async () => {
  harness = await startHarness();
  atBoot = wireCompilations();
});
afterAll(() => harness?.close());

type Ids = { edges: Array<{ node: { id: string } }> };

describe('wire checks', () => {
  it('are compiled at boot for every read', async () => {
    expect(atBoot).toBeGreaterThan(0);
    const lists = dataOf(
      await harness.query<{ sessions: Ids; guidebook: Ids; tracks: Ids; attendees: Ids; personalizedSchedules: Ids; clientSessions: Ids; speakers: Ids }>(`{
        sessions(first: 5) { edges { node { id tracks { id } locations { name } guide { id } speakers { speaker { id } } } } }
        guidebook: sessions(first: 2, filter: { sources: [GUIDEBOOK] }) { edges { node { id } } }
        tracks(first: 5) { edges { node { id } } }
        attendees(first: 2) { edges { node { id } } }
        personalizedSchedules(first: 2) { edges { node { id sessions(first: 5) { edges { node { id } } } attendees(first: 5) { edges { node { id } } } } } }
        clientSessions(first: 2) { edges { node { id } } }
        speakers(first: 2) { edges { node { id } } }
      }`),
    );
    const ids = Object.values(lists).flatMap((connection) => connection.edges.slice(0, 1).map((edge) => edge.node.id));
    expect(ids.length).toBe(7);
    dataOf(await harness.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }));
    expect(wireCompilations()).toBe(atBoot);
  });
});
