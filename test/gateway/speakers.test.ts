import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { expectUnique, PAGE_FIELDS, rootConnection, walkBackward, walkForward } from '../support/paging.js';
import { feedTrue, readProviderData, type PlanstoneSpeaker, type ProviderData } from '../support/providerData.js';

// `Query.speakers`: the feed's people in last-name order (the feed sorts `lname,fname,pid`,
// binary string order), paged by the feed itself behind offset cursors.

let harness: Harness;
let data: ProviderData;

beforeAll(async () => {
  harness = await startHarness();
  data = await readProviderData(harness);
});
afterAll(() => harness?.close());

interface SpeakerNode {
  sourceId: string;
  lastName: string | null;
  published: boolean | null;
}

const DOCUMENT = `
  query($first: Int, $after: String, $last: Int, $before: String, $filter: SpeakerFilter) {
    connection: speakers(first: $first, after: $after, last: $last, before: $before, filter: $filter) { ${PAGE_FIELDS} }
  }
  fragment N on Speaker { sourceId lastName published }
`;
const pages = (filter?: Record<string, unknown>) => rootConnection<SpeakerNode>(harness, DOCUMENT, { filter });

const text = (value: string | null) => value ?? '';
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Last name, first name, pid — the feed's sort, as strings. */
function sorted(speakers: readonly PlanstoneSpeaker[]): string[] {
  return [...speakers]
    .sort((a, b) => compare(text(a.lname), text(b.lname)) || compare(text(a.fname), text(b.fname)) || compare(a.pid, b.pid))
    .map((s) => s.pid);
}

describe('speakers', () => {
  it('walks every speaker forward with first: 100 and backward with last: 100, in last-name order', async () => {
    const expected = sorted(data.planstone.speakers);
    const forward = await walkForward(pages(), 100);
    expect(forward.pages[0]!.totalCount).toBe(expected.length);
    expectUnique(forward.nodes, (n) => n.sourceId);
    expect(forward.nodes.map((n) => n.sourceId)).toEqual(expected);
    const backward = await walkBackward(pages(), 100);
    expect(backward.cursors).toEqual(forward.cursors);
  });

  it('pages with sizes that do not divide the feed’s page: first: 33 over a prefix, last: 41 over a suffix', async () => {
    const expected = sorted(data.planstone.speakers);
    const prefix = await walkForward(pages(), 33, { maxPages: 8 });
    expect(prefix.nodes.map((n) => n.sourceId)).toEqual(expected.slice(0, 264));
    const suffix = await walkBackward(pages(), 41, { maxPages: 6 });
    expect(suffix.nodes.map((n) => n.sourceId)).toEqual(expected.slice(-246));
  });

  it('filters published true/false and by pids', async () => {
    const published = sorted(data.planstone.speakers.filter((s) => feedTrue(s.published)));
    const unpublished = sorted(data.planstone.speakers.filter((s) => !feedTrue(s.published)));
    const yes = await walkForward(pages({ published: true }), 100);
    expect(yes.nodes.map((n) => n.sourceId)).toEqual(published);
    expect(yes.nodes.every((n) => n.published === true)).toBe(true);
    const no = await walkForward(pages({ published: false }), 100);
    expect(no.nodes.map((n) => n.sourceId)).toEqual(unpublished);

    const pids = data.planstone.speakers.filter((_, i) => i % 97 === 0).map((s) => s.pid);
    const some = await walkForward(pages({ sourceIds: [...pids, '1'] }), 5);
    expect(some.nodes.map((n) => n.sourceId)).toEqual(sorted(data.planstone.speakers.filter((s) => pids.includes(s.pid))));
  });
});
