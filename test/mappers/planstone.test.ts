import { describe, expect, it } from 'vitest';

import {
  extractUrl,
  parseClockMinutes,
  SESSION_DETAIL_FIELDS,
  SESSION_LIST_FIELDS,
  toBoolean,
  toEngagement,
  toNumber,
  toSession,
  toSpeaker,
} from '../../src/datasources/planstone/mapper.js';
import {
  planstoneEngagementWire,
  planstoneSessionPage,
  planstoneSessionWire,
  planstoneSpeakerPage,
  type PlanstoneSessionWire,
} from '../../src/datasources/planstone/wire.js';
import type { SessionModel } from '../../src/models/index.js';
import { checkWire } from '../../src/upstream/wireValidator.js';
import { loadFixture } from './loadFixture.js';

const CHICAGO = 'America/Chicago';

type Raw = Record<string, unknown>;
const samplePage = () => loadFixture('planstone-sessions.json') as { _items: Raw[] };
const tablePage = () => loadFixture('planstone-session-table.json') as { _items: Raw[]; _meta: Raw };
const tableRow = (): Raw => tablePage()._items[0]!;

/** The table-built session with some fields changed (`undefined` deletes), through the wire schema and the mapper. */
function mapTable(overrides: Raw, zone = CHICAGO): SessionModel {
  const raw: Raw = { ...tableRow(), ...overrides };
  for (const key of Object.keys(overrides)) if (overrides[key] === undefined) delete raw[key];
  return toSession(planstoneSessionWire.parse(raw), zone);
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('Planstone sessions: the docs `_items` sample', () => {
  it('parses and maps field by field', () => {
    const page = planstoneSessionPage.parse(samplePage());
    expect(page._items).toHaveLength(1);
    expect(page._meta).toBeUndefined();
    const model = toSession(page._items[0]!, CHICAGO);
    expect(model.toJSON()).toStrictEqual({
      source: 'PLANSTONE',
      sourceId: '21899',
      name: 'Test 2',
      descriptionHtml: 'Some long session description that may contain html code',
      // startDate "" and startTime " ": no time at all, which is not an all-day session.
      startTime: null,
      endTime: null,
      allDay: false,
      locations: [{ kind: 'inline', location: { name: 'Ballroom A', venue: null, sourceId: null } }],
      imageUrl: null,
      importId: 'C101',
      sessionType: 'General Session',
      published: true,
      allowRating: null,
      addToSchedule: null,
      maxCapacity: null,
      waitlist: null,
      requireLogin: null,
      registrationStartTime: null,
      registrationEndTime: null,
      rank: null,
      // Every creditsN is "0.0" with an empty label; every customN is null; every objective "".
      credits: [],
      customFields: [],
      learningObjectives: [],
      detailsUrl: 'http://www.planion.com/Web.User/SesDet?ACCOUNT=myaccount&CONF=2018&SCHEDID=212899',
      hasHandouts: null,
      createdAt: null,
      updatedAt: null,
      tracks: [],
      speakers: [
        { personId: '10006', role: 'Declined Session Presenter', sortOrder: 1, published: true, title: null, affiliation: null, displayName: null },
        { personId: '10024', role: 'Declined Session Moderator', sortOrder: 2, published: true, title: null, affiliation: null, displayName: null },
        { personId: '65294', role: 'Declined Session Organizer', sortOrder: 3, published: true, title: null, affiliation: null, displayName: null },
        { personId: '46549', role: 'Eval Contact', sortOrder: 300, published: false, title: null, affiliation: null, displayName: null },
        { personId: '65076', role: 'Eval Contact', sortOrder: 500, published: false, title: null, affiliation: null, displayName: null },
      ],
      guideId: null,
    });
  });

  it('keeps the unmodelled keys through the loose schema (custom names, credits, links)', () => {
    const item = planstoneSessionPage.parse(samplePage())._items[0]!;
    expect(item.custom3name).toBe('Custom Eval question 1');
    expect(item.credits1).toBe('0.0');
    expect(item._links).toStrictEqual({ self: { href: 'sessions/5aaa7a013d0b7f000b72492b', title: 'session' } });
  });
});

describe('Planstone sessions: the docs "Data Response Elements" table', () => {
  it('parses the envelope with its _meta', () => {
    const page = planstoneSessionPage.parse(tablePage());
    expect(page._meta).toStrictEqual({ page: 2, max_results: 100, total: 823 });
  });

  it('maps field by field; 2024-11-03 07:30 pm in Chicago is CST (UTC-6), after the DST change', () => {
    const model = toSession(planstoneSessionPage.parse(tablePage())._items[0]!, CHICAGO);
    expect(model.toJSON()).toStrictEqual({
      source: 'PLANSTONE',
      sourceId: '910152',
      name: 'Novelty of Ice Cream',
      descriptionHtml:
        'Talk to researchers about their work at this in-person poster session! Sunday, Monday, and Tuesday each feature different posters, so come back each day.',
      startTime: new Date('2024-11-04T01:30:00.000Z'),
      endTime: new Date('2024-11-04T02:30:00.000Z'),
      allDay: false,
      locations: [{ kind: 'inline', location: { name: 'Exhibit Hall 4', venue: 'Henry B. Gonzalez Convention Center', sourceId: '910024' } }],
      imageUrl: null,
      importId: '101a',
      sessionType: 'Special Event',
      published: true,
      allowRating: null,
      addToSchedule: null,
      maxCapacity: null,
      waitlist: null,
      requireLogin: null,
      registrationStartTime: null,
      registrationEndTime: null,
      rank: null,
      credits: [{ label: 'CME_Physicians', value: 0 }],
      // The table names all twenty custom fields but gives no values: all dropped.
      customFields: [],
      learningObjectives: Array.from({ length: 10 }, (_, i) => `Learning Objective ${i + 1}`),
      detailsUrl: 'https://TOS.planion.com/Web.User/SesDet?ACCOUNT=TOS&CONF=OW2024&SCHEDID=910152&ssoOverride=OFF',
      hasHandouts: false,
      createdAt: null,
      // "2024-01-31 15:30:43" read in the conference zone (CST, UTC-6).
      updatedAt: new Date('2024-01-31T21:30:43.000Z'),
      tracks: [],
      speakers: [],
      guideId: null,
    });
  });
});

describe('Planstone session times in the conference zone', () => {
  it('reads the day before the DST change as CDT (UTC-5)', () => {
    const model = mapTable({ startDate: '2024-11-02' });
    expect(iso(model.startTime)).toBe('2024-11-03T00:30:00.000Z');
    expect(iso(model.endTime)).toBe('2024-11-03T01:30:00.000Z');
  });

  it('resolves the ambiguous 01:30 am of 2024-11-03 to its first occurrence (CDT); 02:30 am is CST', () => {
    const model = mapTable({ startTime: '01:30 am', rstartmins: 90, endTime: '02:30 am', rendmins: 150 });
    expect(iso(model.startTime)).toBe('2024-11-03T06:30:00.000Z');
    expect(iso(model.endTime)).toBe('2024-11-03T08:30:00.000Z');
  });

  it('moves a nonexistent spring-forward time (2024-03-10 02:30 am) forward an hour', () => {
    const model = mapTable({ startDate: '2024-03-10', startTime: '02:30 am', endTime: '07:30 pm' });
    expect(iso(model.startTime)).toBe('2024-03-10T08:30:00.000Z');
    expect(iso(model.endTime)).toBe('2024-03-11T00:30:00.000Z');
  });

  it('rolls an end time past midnight onto the next day when no end date is given', () => {
    const model = mapTable({ startDate: '2024-11-02', startTime: '11:00 pm', endTime: '12:30 am', endDate: '' });
    expect(iso(model.startTime)).toBe('2024-11-03T04:00:00.000Z');
    expect(iso(model.endTime)).toBe('2024-11-03T05:30:00.000Z');
  });

  it('rolls past midnight across the DST change: 11:00 pm CST to 01:00 am the next day', () => {
    const model = mapTable({ startTime: '11:00 pm', endTime: '01:00 am' });
    expect(iso(model.startTime)).toBe('2024-11-04T05:00:00.000Z');
    expect(iso(model.endTime)).toBe('2024-11-04T07:00:00.000Z');
  });

  it('rolls past midnight when the end date just repeats the start date', () => {
    const model = mapTable({ startTime: '11:00 pm', endTime: '01:00 am', endDate: '2024-11-03' });
    expect(iso(model.endTime)).toBe('2024-11-04T07:00:00.000Z');
  });

  it('uses an explicit later end date as given', () => {
    const model = mapTable({ startTime: '11:00 pm', endTime: '01:00 am', endDate: '2024-11-05' });
    expect(iso(model.endTime)).toBe('2024-11-05T07:00:00.000Z');
  });

  it('reads 12:00 am as midnight and 12:00 pm as noon', () => {
    const model = mapTable({ startTime: '12:00 am', endTime: '12:00 pm', rstartmins: undefined, rendmins: undefined });
    expect(iso(model.startTime)).toBe('2024-11-03T05:00:00.000Z');
    expect(iso(model.endTime)).toBe('2024-11-03T18:00:00.000Z');
  });

  it('makes a date with " " times (and no minute fields) an all-day session starting at local midnight', () => {
    const model = mapTable({ startTime: ' ', endTime: ' ', rstartmins: undefined, rendmins: undefined });
    expect(model.allDay).toBe(true);
    expect(iso(model.startTime)).toBe('2024-11-03T05:00:00.000Z');
    expect(model.endTime).toBeNull();
  });

  it('falls back to rstartmins/rendmins (numbers or strings) when the clock text is unreadable', () => {
    const model = mapTable({ startTime: '7:30 p.m.', rstartmins: '1170', endTime: '', rendmins: 1230 });
    expect(model.allDay).toBe(false);
    expect(iso(model.startTime)).toBe('2024-11-04T01:30:00.000Z');
    expect(iso(model.endTime)).toBe('2024-11-04T02:30:00.000Z');
  });

  it('gives a start but no end when only the end time is missing', () => {
    const model = mapTable({ endTime: ' ', rendmins: undefined });
    expect(iso(model.startTime)).toBe('2024-11-04T01:30:00.000Z');
    expect(model.endTime).toBeNull();
    expect(model.allDay).toBe(false);
  });

  it('gives no times for a "" start date, whatever the clock says', () => {
    const model = mapTable({ startDate: '' });
    expect(model.startTime).toBeNull();
    expect(model.endTime).toBeNull();
    expect(model.allDay).toBe(false);
  });

  it('follows the configured zone', () => {
    // Europe/Berlin left summer time on 2024-10-27: CET, UTC+1.
    const model = mapTable({}, 'Europe/Berlin');
    expect(iso(model.startTime)).toBe('2024-11-03T18:30:00.000Z');
    expect(iso(model.updatedAt)).toBe('2024-01-31T14:30:43.000Z');
  });
});

describe('Planstone session fields', () => {
  it('reads published as 1, true, "1", 0, "0", null or absent', () => {
    expect(mapTable({ published: 1 }).published).toBe(true);
    expect(mapTable({ published: true }).published).toBe(true);
    expect(mapTable({ published: '1' }).published).toBe(true);
    expect(mapTable({ published: 0 }).published).toBe(false);
    expect(mapTable({ published: '0' }).published).toBe(false);
    expect(mapTable({ published: null }).published).toBeNull();
    expect(mapTable({ published: undefined }).published).toBeNull();
  });

  it('keeps custom fields with a value, named by their customNname, and drops empty ones', () => {
    const model = mapTable({ custom3: 'Yes', custom4: '   ', custom5: null, custom7: 2, custom8: '', custom9: 'Two', custom9name: null });
    expect(model.customFields).toStrictEqual([
      { name: 'sampleCustom3Name', value: 'Yes' },
      { name: 'sampleCustom7Name', value: '2' },
      { name: 'custom9', value: 'Two' },
    ]);
  });

  it('keeps credits with a label, value as a number ("0.0", "1.5", 0.75)', () => {
    const model = mapTable({ credits2: '1.5', credits2_label: 'CE_Nurses', credits3: '2.25', credits3_label: '', credits4: 0.75, credits4_label: 'ACPE' });
    expect(model.credits).toStrictEqual([
      { label: 'CME_Physicians', value: 0 },
      { label: 'CE_Nurses', value: 1.5 },
      { label: 'ACPE', value: 0.75 },
    ]);
  });

  it('keeps learning objectives 1 to 10 in number order, dropping empty ones', () => {
    const model = mapTable({ learning_objective2: '', learning_objective5: ' ' });
    expect(model.learningObjectives).toStrictEqual([1, 3, 4, 6, 7, 8, 9, 10].map((n) => `Learning Objective ${n}`));
  });

  it('maps tracks {track, desc} to inline Planstone tracks, skipping blank names', () => {
    const model = mapTable({
      tracks: [
        { track: 'Research', desc: 'Posters and abstracts' },
        { track: ' ', desc: 'ghost' },
        { track: 'Clinical', desc: '' },
      ],
    });
    expect(model.tracks).toStrictEqual([
      {
        kind: 'inline',
        track: {
          source: 'PLANSTONE',
          sourceId: 'Research',
          name: 'Research',
          color: null,
          description: 'Posters and abstracts',
          importId: null,
          createdAt: null,
          guideId: null,
        },
      },
      {
        kind: 'inline',
        track: { source: 'PLANSTONE', sourceId: 'Clinical', name: 'Clinical', color: null, description: null, importId: null, createdAt: null, guideId: null },
      },
    ]);
  });

  it('sorts engagements by numeric sortorder and names them from fname/lname, affiliation falling back to company', () => {
    const model = mapTable({
      speakers: [
        {
          pid: '2',
          sortorder: '010',
          published: true,
          role: 'Presenter',
          fname: 'Ada',
          lname: 'Lovelace',
          affil: '',
          company: 'Analytical Engines',
          title: 'Countess',
        },
        { pid: 1, sortorder: 2, published: '1', role: 'Moderator', fname: ' ', lname: 'Hopper', affil: 'US Navy' },
        { pid: '3', published: null },
      ],
    });
    expect(model.speakers).toStrictEqual([
      { personId: '1', role: 'Moderator', sortOrder: 2, published: true, title: null, affiliation: 'US Navy', displayName: 'Hopper' },
      { personId: '2', role: 'Presenter', sortOrder: 10, published: true, title: 'Countess', affiliation: 'Analytical Engines', displayName: 'Ada Lovelace' },
      { personId: '3', role: null, sortOrder: null, published: false, title: null, affiliation: null, displayName: null },
    ]);
  });

  it('takes the room from roomname, then sched_roomname, then location', () => {
    expect(mapTable({ roomname: '' }).locations).toStrictEqual([
      {
        kind: 'inline',
        location: { name: 'Henry B. Gonzalez Convention Center: Exhibit Hall 4', venue: 'Henry B. Gonzalez Convention Center', sourceId: '910024' },
      },
    ]);
    expect(mapTable({ roomname: '', sched_roomname: null, location: 'Lobby', hotelname: '', roomid: null }).locations).toStrictEqual([
      { kind: 'inline', location: { name: 'Lobby', venue: null, sourceId: null } },
    ]);
    expect(mapTable({ roomname: ' ', sched_roomname: '', location: '' }).locations).toStrictEqual([]);
  });

  it('falls back to clientid for the import id and to _id for the source id', () => {
    const model = mapTable({ sessionClientID: '', schedid: undefined });
    expect(model.importId).toBe('101a');
    expect(model.sourceId).toBe('65dd3f260b568d8c255fd53b');
  });

  it('treats a "" schedid like a missing one (a blank source id would collide)', () => {
    expect(mapTable({ schedid: '' }).sourceId).toBe('65dd3f260b568d8c255fd53b');
  });

  it('falls back to updated_at when session_updated_at is ""', () => {
    expect(iso(mapTable({ session_updated_at: '', updated_at: '2024-02-01 08:00:00' }).updatedAt)).toBe('2024-02-01T14:00:00.000Z');
    expect(mapTable({ session_updated_at: '', updated_at: '' }).updatedAt).toBeNull();
  });

  it('maps the fields a list read does not need on first read, once, and gives them as plain values in toJSON', () => {
    const wire = planstoneSessionWire.parse({ ...tableRow() });
    const model = toSession(wire, CHICAGO);
    // A later change to the wire object shows whether a field was read before it or after.
    wire.tracks = [{ track: 'Changed later', desc: null }];
    wire.sessionName = 'Changed later';
    expect(model.name).not.toBe('Changed later');
    expect(model.tracks.map((t) => (t.kind === 'inline' ? t.track.name : t.id))).toStrictEqual(['Changed later']);
    expect(model.customFields).toBe(model.customFields);
    expect(model.endTime).toBe(model.endTime);
    const plain = model.toJSON();
    expect(Object.getOwnPropertyDescriptor(plain, 'credits')).toHaveProperty('value', model.credits);
    expect(Object.getOwnPropertyDescriptor(plain, 'endTime')).toHaveProperty('value', model.endTime);
    expect(JSON.parse(JSON.stringify(model))).toHaveProperty('tracks.0.track.name', 'Changed later');
  });

  it('a session from a list read maps what lists show and refuses the detail fields it was not sent', () => {
    const listFields = new Set<string>(SESSION_LIST_FIELDS);
    const projected = Object.fromEntries(Object.entries(tableRow()).filter(([key]) => key.startsWith('_') || listFields.has(key)));
    const list = toSession(planstoneSessionWire.parse(projected), CHICAGO, 'list');
    const whole = toSession(planstoneSessionWire.parse({ ...tableRow() }), CHICAGO);
    const keys = Object.keys(whole.toJSON()) as Array<keyof SessionModel>;
    expect(keys).toEqual(expect.arrayContaining([...SESSION_DETAIL_FIELDS, 'endTime', 'tracks', 'speakers', 'locations']));
    for (const key of keys) {
      if ((SESSION_DETAIL_FIELDS as readonly string[]).includes(key)) expect(() => list[key], key).toThrow(/list read/);
      else expect(list[key], key).toStrictEqual(whole[key]);
    }
    // Logging a list-read session shows what it has rather than throwing.
    expect(Object.keys(list.toJSON()).sort()).toStrictEqual(keys.filter((key) => !(SESSION_DETAIL_FIELDS as readonly string[]).includes(key)).sort());
    expect(whole.descriptionHtml).not.toBeNull();
  });

  it('names an untitled session', () => {
    expect(mapTable({ sessionName: '  ' }).name).toBe('(untitled session)');
  });
});

describe('Planstone mapper helpers', () => {
  it('extractUrl: markdown links, plain URLs, and nothing else', () => {
    expect(extractUrl('[Desktop User Action](https://TOS.planion.com/Z?HH0Z06796&schedid=910152)')).toBe('https://TOS.planion.com/Z?HH0Z06796&schedid=910152');
    expect(extractUrl('http://www.planion.com/x?a=1')).toBe('http://www.planion.com/x?a=1');
    expect(extractUrl('url for your mobile company')).toBeNull();
    expect(extractUrl('[x](javascript:alert(1))')).toBeNull();
    expect(extractUrl(' ')).toBeNull();
  });

  it('parseClockMinutes: 12-hour and 24-hour clocks; " " is no time', () => {
    expect(parseClockMinutes('07:30 pm')).toBe(1170);
    expect(parseClockMinutes('7:30PM')).toBe(1170);
    expect(parseClockMinutes('19:30')).toBe(1170);
    expect(parseClockMinutes('12:15 am')).toBe(15);
    expect(parseClockMinutes(' ')).toBeNull();
    expect(parseClockMinutes('soon')).toBeNull();
  });

  it('toNumber and toBoolean on the feed sloppiness', () => {
    expect(toNumber('0.0')).toBe(0);
    expect(toNumber('001')).toBe(1);
    expect(toNumber('')).toBeNull();
    expect(toNumber('n/a')).toBeNull();
    expect(toBoolean('true')).toBe(true);
    expect(toBoolean('')).toBe(false);
    expect(toBoolean(undefined)).toBeNull();
  });
});

describe('Planstone wire schemas', () => {
  it('rejects an envelope whose _items is not an array, or missing', () => {
    expect(planstoneSessionPage.safeParse({ _items: {} }).success).toBe(false);
    expect(planstoneSessionPage.safeParse({ _items: tableRow() }).success).toBe(false);
    expect(planstoneSessionPage.safeParse({ _meta: { page: 1, max_results: 100, total: 0 } }).success).toBe(false);
    expect(planstoneSessionPage.safeParse([tableRow()]).success).toBe(false);
  });

  it('rejects a malformed _meta', () => {
    expect(planstoneSessionPage.safeParse({ ...tablePage(), _meta: { page: 2, max_results: 100, total: '823' } }).success).toBe(false);
  });

  it('rejects an item without _id, or with speakers/tracks of the wrong shape', () => {
    const { _id: _ignored, ...noId } = tableRow();
    expect(planstoneSessionPage.safeParse({ _items: [noId] }).success).toBe(false);
    expect(planstoneSessionWire.safeParse({ ...tableRow(), speakers: 'none' }).success).toBe(false);
    expect(planstoneSessionWire.safeParse({ ...tableRow(), speakers: [{ role: 'no pid' }] }).success).toBe(false);
    expect(planstoneSessionWire.safeParse({ ...tableRow(), tracks: ['Research'] }).success).toBe(false);
  });

  it('accepts numbers where strings are sent, and the mapper turns ids into strings', () => {
    const checked = checkWire(planstoneSessionWire, { ...tableRow(), schedid: 910152, sesid: 910153, roomid: 910024, credits1: 0 });
    expect(checked.ok).toBe(true);
    const model = toSession((checked as { value: PlanstoneSessionWire }).value, CHICAGO);
    expect(model.sourceId).toBe('910152');
    expect(model.locations).toMatchObject([{ location: { sourceId: '910024' } }]);
    expect(model.credits).toStrictEqual([{ label: 'CME_Physicians', value: 0 }]);
    expect(toEngagement(planstoneEngagementWire.parse({ pid: 5021 })).personId).toBe('5021');
  });

  it('accepts numeric client ids, as it does every other id', () => {
    const model = toSession(planstoneSessionWire.parse({ ...tableRow(), sessionClientID: 101, clientid: 101 }), CHICAGO);
    expect(model.importId).toBe('101');
  });

  it('accepts nulls in the text fields and missing _meta/_links', () => {
    const page = planstoneSessionPage.parse({
      _items: [{ _id: 'abc', sessionName: null, description: null, startDate: null, startTime: null, tracks: null, speakers: null }],
    });
    const model = toSession(page._items[0]!, CHICAGO);
    expect(model.sourceId).toBe('abc');
    expect(model.startTime).toBeNull();
    expect(model.tracks).toStrictEqual([]);
    expect(model.speakers).toStrictEqual([]);
  });

  it('parses a speakers page (the docs have no sample; fields from the consumer scripts)', () => {
    const page = planstoneSpeakerPage.parse({
      _items: [
        {
          _id: '5aaa7a013d0b7f000b72492c',
          pid: 10006,
          fname: 'Ada',
          lname: 'Lovelace, PhD',
          honorific: 'Dr.',
          piclink: '[Photo](https://cdn.example/p.jpg)',
          published: 1,
        },
      ],
    });
    expect(toSpeaker(page._items[0]!)).toStrictEqual({
      sourceId: '10006',
      firstName: 'Ada',
      lastName: 'Lovelace, PhD',
      displayName: 'Dr. Ada Lovelace, PhD',
      title: null,
      company: null,
      bioHtml: null,
      photoUrl: 'https://cdn.example/p.jpg',
      email: null,
      city: null,
      state: null,
      country: null,
      published: true,
    });
    expect(planstoneSpeakerPage.safeParse({ _items: [{ fname: 'no pid' }] }).success).toBe(false);
  });
});
