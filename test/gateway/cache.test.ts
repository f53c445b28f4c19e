import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { readProviderData } from '../support/providerData.js';

// With the shared upstream cache on (the default), an operation repeated within the TTLs
// reaches no provider at all; a cold one is counted for comparison.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness?.close());

const RELATIONS = 'id tracks { id name } speakers { role speaker { displayName } } guide { name } locations { name }';

const OPERATIONS = {
  'merged sessions(first: 50) with tracks and speakers': `{ sessions(first: 50) { totalCount edges { node { ${RELATIONS} } } } }`,
  'feed sessions(first: 100) with speakers': `{ sessions(first: 100, filter: { sources: [PLANSTONE] }) { edges { node { ${RELATIONS} } } } }`,
  'the last merged page': `{ sessions(last: 50) { edges { node { ${RELATIONS} } } } }`,
  'schedules with sessions, attendees, guide': `{ personalizedSchedules(first: 20) { edges { node { guide { name } sessions { edges { node { id } } } attendees { edges { node { email } } } } } } }`,
  'attendees, speakers, tracks, client sessions': `{ attendees(first: 30) { totalCount } speakers(first: 30) { totalCount } tracks(first: 100) { totalCount } clientSessions(first: 30) { totalCount } }`,
};

describe('warm shared cache', () => {
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    it(`${name}: cold costs calls, warm costs none`, async () => {
      harness.resetLogs();
      const cold = await harness.query(operation);
      expect(cold.data).toBeTruthy();
      // The feed's dangling speaker pids are null without an error (issue 21).
      expect(cold.errors).toBeUndefined();
      expect(harness.upstreamCalls().total).toBeGreaterThan(0);
      harness.resetLogs();
      const warm = await harness.query(operation);
      expect(harness.upstreamCalls()).toEqual({ guidebook: 0, roundware: 0, planstone: 0, total: 0 });
      expect(warm).toEqual(cold);
    });
  }

  it('different attendees of one guide share the cached schedule list: the second costs Guidebook nothing for schedules', async () => {
    // Each app user asks for their own schedules; per-attendee filter URLs would cost one
    // upstream call per attendee per cache period and spend the daily quota.
    const doc = `query($id: ID!) { node(id: $id) { ... on Attendee { guide { sourceId } personalizedSchedules(first: 10) { totalCount } } } }`;
    const { data: list } = await harness.query<{ attendees: { edges: Array<{ node: { id: string; guide: { id: string } } }> } }>(
      `{ attendees(first: 50) { edges { node { id guide { id } } } } }`,
    );
    const nodes = list!.attendees.edges.map((e) => e.node);
    const first = nodes[0]!;
    const second = nodes.find((n) => n.id !== first.id && n.guide.id === first.guide.id)!;
    expect(second).toBeDefined();
    await harness.query(doc, { id: first.id });
    harness.resetLogs();
    const answer = await harness.query<{ node: { guide: { sourceId: string } } }>(doc, { id: second.id });
    expect(answer.errors).toBeUndefined();
    expect(harness.emulators.guidebook.log.count({ route: '/personalized-schedules/' })).toBe(0);
  });

  it('a busy gateway serves attendees’ own schedules and their sessions from shared lists, not one call per attendee or session', async () => {
    // A conference app: many attendees each asking for their own schedules by attendee ID.
    const { data: list } = await harness.query<{ attendees: { edges: Array<{ node: { id: string; sourceId: string } }> } }>(
      `{ attendees(first: 80) { edges { node { id sourceId } } } }`,
    );
    const schedules = (await readProviderData(harness)).guidebook.schedules;
    harness.resetLogs();
    const doc = `query($id: ID!) { personalizedSchedules(first: 50, filter: { attendeeId: $id }) { totalCount edges { node { sourceId sessions(first: 100) { edges { node { sourceId } } } } } } }`;
    const guidebookCalls = () => harness.emulators.guidebook.log.count();
    const attendees = list!.attendees.edges.map((e) => e.node);
    let afterHalf = 0;
    for (const [index, node] of attendees.entries()) {
      const answer = await harness.query<{
        personalizedSchedules: { edges: Array<{ node: { sourceId: string; sessions: { edges: Array<{ node: { sourceId: string } }> } } }> };
      }>(doc, { id: node.id });
      const expected = schedules.filter((s) => s.attendees.includes(Number(node.sourceId)));
      expect(answer.data!.personalizedSchedules.edges.map((e) => e.node.sourceId)).toEqual(expected.map((s) => String(s.id)));
      for (const [i, edge] of answer.data!.personalizedSchedules.edges.entries()) {
        expect(new Set(edge.node.sessions.edges.map((e) => e.node.sourceId))).toEqual(new Set(expected[i]!.sessions.map(String)));
      }
      if (index === attendees.length / 2 - 1) afterHalf = guidebookCalls();
    }
    const calls = harness.emulators.guidebook.log.entries().filter((e) => e.route === '/personalized-schedules/');
    // The first few attendees use the filter; once they outnumber the list's pages, the list.
    expect(calls.filter((e) => e.url.includes('attendees__id=')).length).toBeLessThan(20);
    // Regression: the schedules' sessions kept costing one GET per session; once the guides'
    // lists are in demand they are read whole, and the second half of the attendees costs nothing.
    expect(afterHalf).toBeGreaterThan(0);
    expect(guidebookCalls()).toBe(afterHalf);
  });

  it('a hundred simultaneous cold operations on a new page make each upstream call once', async () => {
    const operation = `{ sessions(first: 30, filter: { sources: [GUIDEBOOK] }, orderBy: { field: END_TIME, direction: ASC }) { edges { node { id } } } }`;
    harness.resetLogs();
    await Promise.all(Array.from({ length: 100 }, () => harness.query(operation)));
    const urls = harness.emulators.guidebook.log.entries().map((e) => e.url);
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls).size).toBe(urls.length);
  });
});
