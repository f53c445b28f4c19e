import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { PAGE_FIELDS, rootConnection, walkBackward, walkForward } from '../support/paging.js';
import { readProviderData, type ProviderData } from '../support/providerData.js';

// `Query.tracks`: Guidebook's schedule tracks (by id), then Planstone's distinct track names
// (by name), merged into one connection.

let harness: Harness;
let data: ProviderData;

beforeAll(async () => {
  harness = await startHarness();
  data = await readProviderData(harness);
});
afterAll(() => harness?.close());

interface TrackNode {
  id: string;
  source: string;
  sourceId: string;
  name: string;
  color: string | null;
}

const DOCUMENT = `
  query($first: Int, $after: String, $last: Int, $before: String, $filter: TrackFilter) {
    connection: tracks(first: $first, after: $after, last: $last, before: $before, filter: $filter) { ${PAGE_FIELDS} }
  }
  fragment N on Track { id source sourceId name color }
`;
const pages = (filter?: Record<string, unknown>) => rootConnection<TrackNode>(harness, DOCUMENT, { filter });

const guidebookKeys = (rows: ReadonlyArray<{ id: number }>) => [...rows].sort((a, b) => a.id - b.id).map((t) => `GUIDEBOOK:${t.id}`);
const planstoneNames = () =>
  [...new Set(data.planstone.sessions.flatMap((s) => (s.tracks ?? []).map((t) => t.track.trim())).filter(Boolean))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
const keys = (nodes: readonly TrackNode[]) => nodes.map((n) => `${n.source}:${n.sourceId}`);

describe('tracks', () => {
  it('walks Guidebook tracks then Planstone names, forward with first: 7 and backward with last: 11', async () => {
    const expected = [...guidebookKeys(data.guidebook.tracks), ...planstoneNames().map((n) => `PLANSTONE:${n}`)];
    const forward = await walkForward(pages(), 7);
    expect(forward.pages[0]!.totalCount).toBe(expected.length);
    expect(keys(forward.nodes)).toEqual(expected);
    const backward = await walkBackward(pages(), 11);
    expect(backward.cursors).toEqual(forward.cursors);
    const colors = new Map(data.guidebook.tracks.map((t) => [`GUIDEBOOK:${t.id}`, t.color]));
    for (const node of forward.nodes.filter((n) => n.source === 'GUIDEBOOK'))
      expect(node.color).toBe(colors.get(`GUIDEBOOK:${node.sourceId}`)?.toUpperCase() ?? null);
    expect(forward.nodes.filter((n) => n.source === 'PLANSTONE').every((n) => n.id === toGlobalId('Track', 'planstone', n.name))).toBe(true);
  });

  it('filters by source, guide and import id', async () => {
    const track = data.guidebook.tracks.find((t) => t.import_id)!;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ sources: ['PLANSTONE'] }, planstoneNames().map((n) => `PLANSTONE:${n}`)],
      [{ sources: ['GUIDEBOOK'] }, guidebookKeys(data.guidebook.tracks)],
      [{ guideId: toGlobalId('Guide', 'guidebook', String(track.guide)) }, guidebookKeys(data.guidebook.tracks.filter((t) => t.guide === track.guide))],
      [{ importId: track.import_id }, guidebookKeys(data.guidebook.tracks.filter((t) => t.import_id === track.import_id))],
      [{ sources: ['PLANSTONE'], guideId: toGlobalId('Guide', 'guidebook', String(track.guide)) }, []],
    ];
    for (const [filter, expected] of cases) {
      const walk = await walkForward(pages(filter), 100);
      expect(keys(walk.nodes), JSON.stringify(filter)).toEqual(expected);
    }
  });
});
