import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readmeExamples } from '../../scripts/readmeExamples.js';
import { conferenceSessionConnection } from '../../src/catalog/index.js';
import { closeProviderClients, createDataSources, createProviderClients } from '../../src/datasources/providers.js';
import { DEFAULT_SESSION_ORDER } from '../../src/models/index.js';
import { projectRoot } from '../../src/projectRoot.js';
import { MemoryResponseCache } from '../../src/upstream/index.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { dataOf, expectUnique, PAGE_FIELDS, walkBackward, walkForward, type FetchPage, type Page } from '../support/paging.js';
import { readProviderData, type ProviderData } from '../support/providerData.js';
import { expectedKeys, localDateOf, oracleSessions, type OracleFilter, type OracleSession } from '../support/sessionFilterOracle.js';
import { keysOf, sessionPages, type SessionNode } from '../support/sessionQueries.js';

// SessionFilter's time, day, conference, room, speaker and search filters on every session
// connection, each compared with the providers' own records filtered here by the schema's
// words (test/support/sessionFilterOracle.ts: Intl for local dates, never the gateway's code).

let harness: Harness;
let data: ProviderData;
let sessions: OracleSession[];
let planstoneConference: string;

/** A global ID as the API writes one: base64url of `Type:provider:sourceId`. */
const gid = (type: string, provider: string, sourceId: string) => Buffer.from(`${type}:${provider}:${sourceId}`, 'utf8').toString('base64url');

beforeAll(async () => {
  harness = await startHarness();
  data = await readProviderData(harness);
  planstoneConference = `${harness.emulators.env.PLANSTONE_ACCOUNT}/${harness.emulators.env.PLANSTONE_CONFERENCE}`;
  sessions = oracleSessions(data, planstoneConference);
});
afterAll(() => harness?.close());

/** The GraphQL filter for an oracle filter (ids encoded). */
function graphqlFilter(f: OracleFilter): Record<string, unknown> {
  const provider = (source: string) => (source === 'GUIDEBOOK' ? 'guidebook' : 'planstone');
  return {
    ...(f.sources ? { sources: f.sources } : {}),
    ...(f.startsAfter ? { startsAfter: f.startsAfter } : {}),
    ...(f.startsBefore ? { startsBefore: f.startsBefore } : {}),
    ...(f.endsAfter ? { endsAfter: f.endsAfter } : {}),
    ...(f.endsBefore ? { endsBefore: f.endsBefore } : {}),
    ...(f.happeningAt ? { happeningAt: f.happeningAt } : {}),
    ...(f.day ? { day: f.day } : {}),
    ...(f.conference ? { conferenceId: gid('Conference', provider(f.conference.source), f.conference.id) } : {}),
    ...(f.room ? { locationId: gid('Location', provider(f.room.source), f.room.id) } : {}),
    ...(f.speakerPid ? { speakerId: gid('Speaker', 'planstone', f.speakerPid) } : {}),
    ...(f.track ? { trackId: gid('Track', provider(f.track.source), f.track.id) } : {}),
    ...(f.search ? { search: f.search } : {}),
  };
}

/**
 * Walks `Query.sessions` with `f` forward with `size` and checks it against the oracle; returns
 * the keys. The oracle must find something unless `empty` says it must not.
 */
async function expectFilter(f: OracleFilter, size = 100, empty = false): Promise<string[]> {
  const expected = expectedKeys(sessions, f);
  expect(expected.length === 0, `the oracle's list for ${JSON.stringify(f)} is ${expected.length === 0 ? '' : 'not '}empty`).toBe(empty);
  const walk = await walkForward(sessionPages(harness, graphqlFilter(f)), size);
  expect(walk.pages[0]!.totalCount, JSON.stringify(f)).toBe(expected.length);
  expect(keysOf(walk.nodes), JSON.stringify(f)).toEqual(expected);
  return keysOf(walk.nodes);
}

const planstone = () => sessions.filter((s) => s.source === 'PLANSTONE');
const guidebook = () => sessions.filter((s) => s.source === 'GUIDEBOOK');
const iso = (ms: number) => new Date(ms).toISOString();

describe('time windows', () => {
  it('startsAfter/startsBefore across local midnight of the DST night (America/Chicago, 2024-11-02 → 03)', async () => {
    // 22:00 CDT on the 2nd to 03:00 CST on the 3rd.
    const f = { startsAfter: '2024-11-03T03:00:00.000Z', startsBefore: '2024-11-03T09:00:00.000Z' };
    const expected = expectedKeys(sessions, f);
    expect(expected.length).toBeGreaterThan(0);
    await expectFilter(f);
  });

  it('Guidebook windows across local midnight: Europe/Berlin (guide 47) and US/Pacific (guides 1, 42)', async () => {
    // 17:00 CEST on the 12th to 11:00 on the 13th; 16:00 PDT on the 18th to 10:00 on the 19th.
    await expectFilter({ startsAfter: '2025-05-12T15:00:00.000Z', startsBefore: '2025-05-13T09:00:00.000Z' });
    await expectFilter({ startsAfter: '2017-09-18T23:00:00.000Z', startsBefore: '2017-09-19T17:00:00.000Z', sources: ['GUIDEBOOK'] }, 50);
  });

  it('a window that holds the bounds themselves: startsAfter is inclusive, startsBefore exclusive', async () => {
    const starts = [...new Set(planstone().flatMap((s) => (s.start === null ? [] : [s.start])))].sort((a, b) => a - b);
    const from = starts[Math.floor(starts.length / 3)]!;
    const to = starts[Math.floor(starts.length / 3) + 5]!;
    const keys = expectedKeys(sessions, { startsAfter: iso(from), startsBefore: iso(to) });
    expect(keys.some((k) => sessions.find((s) => `${s.source}:${s.sourceId}` === k)!.start === from)).toBe(true);
    await expectFilter({ startsAfter: iso(from), startsBefore: iso(to) });
  });

  it('endsAfter/endsBefore, with the effective end of sessions without one (all-day: 24 h; others: their start)', async () => {
    const guide47 = guidebook().filter((s) => s.conference === '47' && s.start !== null);
    const allDay = guide47.find((s) => s.allDay && s.end === null) ?? guidebook().find((s) => s.allDay && s.end === null && s.start !== null);
    expect(allDay).toBeDefined();
    const f = { endsAfter: iso(allDay!.start! + 12 * 3_600_000), endsBefore: iso(allDay!.start! + 30 * 3_600_000) };
    expect(expectedKeys(sessions, f)).toContain(`GUIDEBOOK:${allDay!.sourceId}`);
    await expectFilter(f);
  });

  it('happeningAt: running sessions; an all-day session without an end runs 24 h; one without an end and not all-day never runs', async () => {
    const allDay = guidebook().find((s) => s.allDay && s.end === null && s.start !== null)!;
    const at = allDay.start! + 10 * 3_600_000;
    const expected = expectedKeys(sessions, { happeningAt: iso(at) });
    expect(expected).toContain(`GUIDEBOOK:${allDay.sourceId}`);
    await expectFilter({ happeningAt: iso(at) });
    const openEnded = sessions.find((s) => !s.allDay && s.end === null && s.start !== null)!;
    const atStart = expectedKeys(sessions, { happeningAt: iso(openEnded.start!) });
    expect(atStart).not.toContain(`${openEnded.source}:${openEnded.sourceId}`);
    await expectFilter({ happeningAt: iso(openEnded.start!) });
  });

  it('happeningAt at a session’s start includes it, at its end excludes it', async () => {
    const timed = planstone().find((s) => s.start !== null && s.end !== null && s.end > s.start)!;
    expect(expectedKeys(sessions, { happeningAt: iso(timed.start!) })).toContain(`PLANSTONE:${timed.sourceId}`);
    expect(expectedKeys(sessions, { happeningAt: iso(timed.end!) })).not.toContain(`PLANSTONE:${timed.sourceId}`);
    await expectFilter({ happeningAt: iso(timed.start!) });
    await expectFilter({ happeningAt: iso(timed.end!) });
  });

  it('sessions without a start (Planstone " ") match no time filter, and still come last without one', async () => {
    const noStart = planstone().filter((s) => s.start === null);
    expect(noStart.length).toBeGreaterThan(0);
    const everything = { startsAfter: '1970-01-01T00:00:00.000Z' };
    const keys = await expectFilter({ ...everything, sources: ['PLANSTONE'] });
    expect(keys).toHaveLength(planstone().length - noStart.length);
  });

  it('startsAfter combined with happeningAt: "now and next"', async () => {
    const at = Date.parse('2024-11-04T16:00:00.000Z');
    await expectFilter({ happeningAt: iso(at), sources: ['PLANSTONE'] });
    await expectFilter({ startsAfter: iso(at), startsBefore: iso(at + 2 * 3_600_000) });
  });
});

describe('day: a local date in the conference’s time zone', () => {
  it('every Planstone day, including the 25-hour day the clocks go back (2024-11-03, America/Chicago)', async () => {
    const zone = data.planstone.timeZone;
    const days = [...new Set(planstone().flatMap((s) => (s.start === null ? [] : [localDateOf(s.start, zone)])))].sort();
    expect(days).toContain('2024-11-03');
    for (const day of days) await expectFilter({ day, sources: ['PLANSTONE'] });
    // Sessions in the repeated 1 am hour belong to the 3rd; one at 00:30 UTC on the 4th (18:30 CST) too.
    const dst = expectedKeys(sessions, { day: '2024-11-03', sources: ['PLANSTONE'] });
    expect(dst.length).toBeGreaterThan(0);
  });

  it('Guidebook days: each guide’s own zone (US/Pacific, US/Mountain, Europe/Berlin, ...), with and without the guide', async () => {
    const days = new Set<string>();
    for (const s of guidebook()) if (s.start !== null) days.add(localDateOf(s.start, s.zone));
    const sample = [...days].sort().filter((_, i) => i % 2 === 0);
    expect(sample.length).toBeGreaterThan(3);
    for (const day of sample) await expectFilter({ day, sources: ['GUIDEBOOK'] });
    await expectFilter({ day: '2025-05-13', conference: { source: 'GUIDEBOOK', id: '47' } });
  });

  it('a date held by both providers’ conferences merges both (each in its own zone)', async () => {
    // 2017-09-18 is a day of three guides in two zones: each guide's local day applies.
    await expectFilter({ day: '2017-09-18' }, 50);
    await expectFilter({ day: '2024-11-04' });
  });

  it('day with a window: both apply', async () => {
    await expectFilter({ day: '2024-11-03', startsAfter: '2024-11-03T07:00:00.000Z', endsBefore: '2024-11-03T20:00:00.000Z' });
  });
});

describe('conference, room, speaker', () => {
  it('conferenceId: a Guidebook guide, or the Planstone conference', async () => {
    for (const guide of data.guidebook.guides) await expectFilter({ conference: { source: 'GUIDEBOOK', id: String(guide.id) } });
    await expectFilter({ conference: { source: 'PLANSTONE', id: planstoneConference } });
  });

  it('locationId: a Guidebook location id; a Planstone room by its roomid (account/conference#roomid:<roomid>)', async () => {
    const location = data.guidebook.locations.find((l) => guidebook().filter((s) => s.rooms.includes(String(l.id))).length > 3)!;
    await expectFilter({ room: { source: 'GUIDEBOOK', id: String(location.id) } });
    const rooms = [...new Set(planstone().flatMap((s) => s.rooms))];
    expect(rooms.length).toBeGreaterThan(3);
    for (const room of rooms.slice(0, 4)) await expectFilter({ room: { source: 'PLANSTONE', id: room } });
    // By name, a room that has a roomid is another room: none.
    const named = data.planstone.sessions.find((s) => s.roomid && s.roomname)!.roomname!;
    await expectFilter({ room: { source: 'PLANSTONE', id: `${planstoneConference}#room:${named}` } }, 100, true);
  });

  it('a conference or room of a Planstone conference the gateway does not serve is BAD_USER_INPUT', async () => {
    for (const [filter, argumentName] of [
      [{ conferenceId: gid('Conference', 'planstone', 'myaccount/1999') }, 'filter.conferenceId'],
      [{ locationId: gid('Location', 'planstone', 'myaccount/1999#roomid:1') }, 'filter.locationId'],
    ] as const) {
      const response = await harness.query(`query($filter: SessionFilter) { sessions(first: 1, filter: $filter) { totalCount } }`, { filter });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    }
  });

  it('speakerId: the sessions a person has an engagement in (no Guidebook session has speakers)', async () => {
    const counts = new Map<string, number>();
    for (const s of planstone()) for (const pid of s.speakers) counts.set(pid, (counts.get(pid) ?? 0) + 1);
    const busiest = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    await expectFilter({ speakerPid: busiest });
    const day = localDateOf(planstone().find((s) => s.speakers.includes(busiest) && s.start !== null)!.start!, data.planstone.timeZone);
    await expectFilter({ speakerPid: busiest, day });
  });
});

describe('search', () => {
  it('a speaker’s surname, case- and accent-insensitive', async () => {
    const person = data.planstone.speakers.find((p) => (p.lname ?? '').length > 5 && /^[a-z]+$/i.test(p.lname ?? ''))!;
    const surname = person.lname!;
    const keys = await expectFilter({ search: surname.toUpperCase() });
    expect(keys.length).toBeGreaterThan(0);
    // An accent on the first vowel changes nothing.
    const accented = surname.replace(/[aeiou]/i, (v) => `${v}\u0301`);
    await expectFilter({ search: accented });
  });

  it('every word must occur: a track name word plus a description word, across both providers', async () => {
    const trackWord = data.guidebook.tracks[0]!.name.split(/\s+/)[0]!;
    await expectFilter({ search: trackWord });
    await expectFilter({ search: `${trackWord} the` });
    const described = planstone().find((s) => s.texts[1]!.split(/\s+/).length > 8)!;
    const words = described.texts[1]!.split(/[^a-z]+/i).filter((w) => w.length > 4);
    await expectFilter({ search: `${words[0]} ${words.at(-1)}` });
    await expectFilter({ search: `${words[1]}, ${described.texts[0]!.split(/\s+/)[0]}` });
    await expectFilter({ search: 'Ÿnknown-wórd-zzz' }, 100, true);
  });

  it('room names and punctuation between words', async () => {
    const room = data.planstone.sessions.find((s) => s.roomname)!.roomname!;
    await expectFilter({ search: `  ${room.toLowerCase()}!! ` });
    const location = data.guidebook.locations.find((l) => guidebook().some((s) => s.rooms.includes(String(l.id))))!.name;
    await expectFilter({ search: location });
  });
});

describe('paging through filtered connections', () => {
  it.each([
    [{ day: '2024-11-03' }, 7, 13],
    [{ startsAfter: '2017-09-18T12:00:00.000Z', startsBefore: '2024-11-04T18:00:00.000Z', search: 'the' }, 50, 33],
    [{ happeningAt: '2017-09-19T18:00:00.000Z' }, 1, 2],
  ] as Array<[OracleFilter, number, number]>)('%j forward (first: %i) and backward (last: %i) give the oracle’s list', async (f, forwardSize, backwardSize) => {
    const expected = expectedKeys(sessions, f);
    expect(expected.length).toBeGreaterThan(1);
    const pages = sessionPages(harness, graphqlFilter(f));
    const forward = await walkForward(pages, forwardSize);
    expect(keysOf(forward.nodes)).toEqual(expected);
    expectUnique(forward.nodes, (n) => n.id);
    const backward = await walkBackward(pages, backwardSize);
    expect(keysOf(backward.nodes)).toEqual(expected);
    // From the middle, backward from a forward cursor.
    const middle = Math.floor(expected.length / 2);
    const before = await walkBackward(pages, forwardSize, { before: forward.cursors[middle]! });
    expect(keysOf(before.nodes)).toEqual(expected.slice(0, middle));
  });

  it('a cursor of one filter is refused by another (the filter is in the cursor’s fingerprint)', async () => {
    const page = await sessionPages(harness, { day: '2024-11-03' })({ first: 2 });
    const response = await harness.query(`query($after: String) { sessions(first: 2, after: $after, filter: { day: "2024-11-04" }) { totalCount } }`, {
      after: page.pageInfo.endCursor,
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the other session connections take the filter', () => {
  async function nodeSessions(id: string, type: string, filter: Record<string, unknown>, size: number): Promise<SessionNode[]> {
    const fetch: FetchPage<SessionNode> = async (args) => {
      const document = `query($id: ID!, $filter: SessionFilter, $first: Int, $after: String, $last: Int, $before: String) {
        node(id: $id) { ... on ${type} { connection: sessions(first: $first, after: $after, last: $last, before: $before, filter: $filter) { ${PAGE_FIELDS} } } }
      } fragment N on Session { id source sourceId startTime endTime }`;
      return dataOf(await harness.query<{ node: { connection: Page<SessionNode> } }>(document, { id, filter, ...args })).node.connection;
    };
    const forward = await walkForward(fetch, size);
    const backward = await walkBackward(fetch, size + 3);
    expect(backward.cursors).toEqual(forward.cursors);
    return forward.nodes;
  }

  it('Track.sessions (Guidebook track and Planstone track) with a day and a search', async () => {
    const gbTrack = data.guidebook.tracks.find((t) => guidebook().filter((s) => s.tracks.includes(String(t.id))).length > 10)!;
    const gbDay = localDateOf(guidebook().find((s) => s.tracks.includes(String(gbTrack.id)) && s.start !== null)!.start!, 'UTC');
    for (const f of [{ day: gbDay }, { search: 'the' }, { endsAfter: '2017-09-19T00:00:00.000Z' }] as OracleFilter[]) {
      const nodes = await nodeSessions(gid('Track', 'guidebook', String(gbTrack.id)), 'Track', graphqlFilter(f), 5);
      expect(keysOf(nodes)).toEqual(expectedKeys(sessions, { ...f, track: { source: 'GUIDEBOOK', id: String(gbTrack.id) } }));
    }
    const psTrack = planstone().find((s) => s.tracks.length > 0)!.tracks[0]!;
    const nodes = await nodeSessions(gid('Track', 'planstone', psTrack), 'Track', { day: '2024-11-04' }, 6);
    expect(keysOf(nodes)).toEqual(expectedKeys(sessions, { day: '2024-11-04', track: { source: 'PLANSTONE', id: psTrack } }));
  });

  it('Speaker.sessions with happeningAt-free windows and a search', async () => {
    const counts = new Map<string, number>();
    for (const s of planstone()) for (const pid of s.speakers) counts.set(pid, (counts.get(pid) ?? 0) + 1);
    const pid = [...counts].filter(([p]) => data.planstone.speakers.some((sp) => sp.pid === p)).sort((a, b) => b[1] - a[1])[0]![0];
    for (const f of [{ day: '2024-11-04' }, { startsAfter: '2024-11-04T00:00:00.000Z' }, {}] as OracleFilter[]) {
      const nodes = await nodeSessions(gid('Speaker', 'planstone', pid), 'Speaker', graphqlFilter(f), 2);
      expect(keysOf(nodes)).toEqual(expectedKeys(sessions, { ...f, speakerPid: pid }));
    }
  });

  it('PersonalizedSchedule.sessions with a window, a search and filters for other providers', async () => {
    const schedule = data.guidebook.schedules.find((s) => s.sessions.length >= 6)!;
    const own = new Set(schedule.sessions.map(String));
    const mine = sessions.filter((s) => s.source === 'GUIDEBOOK' && own.has(s.sourceId));
    const first = mine.filter((s) => s.start !== null).sort((a, b) => a.start! - b.start!)[0]!;
    const id = gid('PersonalizedSchedule', 'guidebook', String(schedule.id));
    for (const f of [
      { day: localDateOf(first.start!, first.zone) },
      { startsAfter: iso(first.start! + 1) },
      { search: mine[0]!.texts[0]!.split(/\s+/)[0]! },
      { sources: ['PLANSTONE'] },
    ] as OracleFilter[]) {
      const nodes = await nodeSessions(id, 'PersonalizedSchedule', graphqlFilter(f), 2);
      expect(keysOf(nodes)).toEqual(expectedKeys(mine, f));
    }
  });
});

describe('Conference.sessions (the catalog function its resolver calls)', () => {
  it('a guide or the Planstone conference, with the same filters; another conferenceId is refused', async () => {
    const clients = createProviderClients(harness.config, new MemoryResponseCache());
    try {
      const dataSources = createDataSources(clients, {});
      // The first page (up to 100) and the total: the whole list when it fits.
      const keysIn = async (conference: { provider: 'guidebook' | 'planstone'; sourceId: string }, filter: Record<string, unknown>) => {
        const { connection, failures } = await conferenceSessionConnection(dataSources, conference, filter, DEFAULT_SESSION_ORDER, {
          first: 100,
          after: null,
          last: null,
          before: null,
        });
        expect(failures).toEqual([]);
        return { total: connection.totalCount, keys: connection.edges.map((edge) => `${edge.node.source}:${edge.node.sourceId}`) };
      };
      const page = (expected: string[]) => {
        expect(expected.length).toBeGreaterThan(0);
        return { total: expected.length, keys: expected.slice(0, 100) };
      };
      const day = '2025-05-13';
      expect(await keysIn({ provider: 'guidebook', sourceId: '47' }, { day })).toEqual(
        page(expectedKeys(sessions, { day, conference: { source: 'GUIDEBOOK', id: '47' } })),
      );
      const filter = { day: '2024-11-04', startsAfter: new Date('2024-11-04T18:00:00Z') };
      expect(await keysIn({ provider: 'planstone', sourceId: planstoneConference }, filter)).toEqual(
        page(
          expectedKeys(sessions, { day: '2024-11-04', startsAfter: '2024-11-04T18:00:00.000Z', conference: { source: 'PLANSTONE', id: planstoneConference } }),
        ),
      );
      await expect(keysIn({ provider: 'guidebook', sourceId: '47' }, { conferenceId: gid('Conference', 'guidebook', '1') })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter.conferenceId' },
      });
    } finally {
      await closeProviderClients(clients);
    }
  });
});

describe('validation: BAD_USER_INPUT naming the argument', () => {
  async function refusal(filter: Record<string, unknown>): Promise<{ code: unknown; argumentName: unknown; message: string }> {
    const response = await harness.query(`query($filter: SessionFilter) { sessions(first: 1, filter: $filter) { totalCount } }`, { filter });
    expect(response.errors, JSON.stringify(filter)).toHaveLength(1);
    const error = response.errors![0]!;
    return { code: error.extensions?.code, argumentName: error.extensions?.argumentName, message: error.message };
  }

  it.each([
    [{ conferenceId: gid('Session', 'guidebook', '1') }, 'filter.conferenceId'],
    [{ conferenceId: 'not-an-id' }, 'filter.conferenceId'],
    [{ locationId: gid('Track', 'guidebook', '3') }, 'filter.locationId'],
    [{ locationId: gid('Location', 'guidebook', '007') }, 'filter.locationId'],
    [{ speakerId: gid('Session', 'planstone', '1') }, 'filter.speakerId'],
    [{ startsAfter: '2024-11-04T00:00:00Z', startsBefore: '2024-11-03T00:00:00Z' }, 'filter.startsAfter'],
    [{ endsAfter: '2024-11-04T00:00:00Z', endsBefore: '2024-11-03T23:59:59Z' }, 'filter.endsAfter'],
    [{ search: '   \t ' }, 'filter.search'],
    [{ search: '' }, 'filter.search'],
    [{ search: 'x'.repeat(201) }, 'filter.search'],
    [{ search: '?!…' }, 'filter.search'],
  ])('%j → %s', async (filter, argumentName) => {
    const error = await refusal(filter);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.argumentName).toBe(argumentName);
    expect(error.message).toContain(argumentName);
  });

  it('a day that is not on the calendar is refused by the Date scalar, naming filter.day (as DateTime refuses a bad instant)', async () => {
    const error = await refusal({ day: '2024-02-30' });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('"filter.day"');
    expect(error.message).toContain('YYYY-MM-DD');
  });

  it('200 characters and equal bounds are fine; no provider is asked for a refused filter', async () => {
    const ok = await harness.query(`query($filter: SessionFilter) { sessions(first: 1, filter: $filter) { totalCount } }`, {
      filter: { search: `${'é'.repeat(199)}x`, startsAfter: '2024-11-03T00:00:00Z', startsBefore: '2024-11-03T00:00:00Z' },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ sessions: { totalCount: 0 } });
    harness.resetLogs();
    await refusal({ search: ' ' });
    expect(harness.upstreamCalls().total).toBe(0);
  });

  it('Track.sessions refuses another track’s ID; Speaker.sessions another speaker’s', async () => {
    const response = await harness.query(
      `query($id: ID!, $other: ID!) { node(id: $id) { ... on Track { sessions(first: 1, filter: { trackId: $other }) { totalCount } } } }`,
      {
        id: gid('Track', 'guidebook', '3'),
        other: gid('Track', 'guidebook', '42'),
      },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.trackId' });
  });
});

describe('README', () => {
  it('the filters example runs over the demo data, each of its lists non-empty', async () => {
    const example = readmeExamples(readFileSync(path.join(projectRoot(), 'README.md'), 'utf8')).find((query) => query.includes('happeningAt'))!;
    const answer = dataOf(await harness.query<Record<string, { edges: unknown[] }>>(example));
    for (const [alias, connection] of Object.entries(answer)) expect(connection.edges.length, alias).toBeGreaterThan(0);
  });
});
