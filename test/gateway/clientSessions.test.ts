import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { PAGE_FIELDS, rootConnection, walkBackward, walkForward } from '../support/paging.js';
import { readProviderData, type ProviderData, type RoundwareSession } from '../support/providerData.js';

// `Query.clientSessions`: Roundware's unpaginated list behind offset cursors.

let harness: Harness;
let data: ProviderData;

beforeAll(async () => {
  harness = await startHarness();
  data = await readProviderData(harness);
});
afterAll(() => harness?.close());

interface ClientSessionNode {
  sourceId: string;
  projectId: number;
  languageId: number | null;
  deviceId: string | null;
  clientType: string | null;
  startTime: string | null;
  geoListenEnabled: boolean;
}

const DOCUMENT = `
  query($first: Int, $after: String, $last: Int, $before: String, $filter: ClientSessionFilter) {
    connection: clientSessions(first: $first, after: $after, last: $last, before: $before, filter: $filter) { ${PAGE_FIELDS} }
  }
  fragment N on ClientSession { sourceId projectId languageId deviceId clientType startTime geoListenEnabled }
`;
const pages = (filter?: Record<string, unknown>) => rootConnection<ClientSessionNode>(harness, DOCUMENT, { filter });
const ids = (rows: readonly RoundwareSession[]) => rows.map((r) => String(r.id));

/** Naive Roundware datetimes are UTC. */
const utc = (naive: string | null) => (naive === null ? null : new Date(`${naive.replace(' ', 'T')}Z`).toISOString());

describe('clientSessions', () => {
  it('walks every client session in id order forward (first: 100) and backward (last: 64), with the provider’s fields', async () => {
    const expected = [...data.roundware.sessions].sort((a, b) => a.id - b.id);
    const forward = await walkForward(pages(), 100);
    expect(forward.pages[0]!.totalCount).toBe(expected.length);
    expect(forward.nodes).toEqual(
      expected.map((s) => ({
        sourceId: String(s.id),
        projectId: s.project_id,
        languageId: s.language_id,
        deviceId: s.device_id,
        clientType: s.client_type,
        startTime: utc(s.starttime),
        geoListenEnabled: s.geo_listen_enabled,
      })),
    );
    const backward = await walkBackward(pages(), 64);
    expect(backward.cursors).toEqual(forward.cursors);
  });

  it('filters by project, geo-listening, device, client type and system', async () => {
    const sample = data.roundware.sessions.find((s) => s.device_id && s.client_type && s.client_system)!;
    const cases: Array<[Record<string, unknown>, (s: RoundwareSession) => boolean]> = [
      [{ projectId: sample.project_id }, (s) => s.project_id === sample.project_id],
      [{ projectId: sample.project_id, geoListenEnabled: true }, (s) => s.project_id === sample.project_id && s.geo_listen_enabled],
      [{ demoStreamEnabled: true }, (s) => s.demo_stream_enabled],
      [{ deviceId: sample.device_id }, (s) => s.device_id === sample.device_id],
      [
        { clientType: sample.client_type, clientSystem: sample.client_system },
        (s) => s.client_type === sample.client_type && s.client_system === sample.client_system,
      ],
      [{ languageId: 2 }, (s) => s.language_id === 2],
    ];
    for (const [filter, keep] of cases) {
      const expected = ids(data.roundware.sessions.filter(keep));
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const walk = await walkForward(pages(filter), 50);
      expect(
        walk.nodes.map((n) => n.sourceId),
        JSON.stringify(filter),
      ).toEqual(expected);
    }
  });

  it('languageCode filters as the provider’s `language` does', async () => {
    const env = harness.emulators.env;
    const response = await request(new URL('sessions/?language=es', env.ROUNDWARE_API_URL), { headers: { authorization: `token ${env.ROUNDWARE_API_TOKEN}` } });
    const expected = ids((await response.body.json()) as RoundwareSession[]);
    expect(expected.length).toBeGreaterThan(0);
    const walk = await walkForward(pages({ languageCode: 'es' }), 100);
    expect(walk.nodes.map((n) => n.sourceId)).toEqual(expected);
  });
});
