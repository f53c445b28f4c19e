import { describe, expect, it } from 'vitest';

import { parseGuidebookTime, toPersonalizedSchedule, toSession } from '../../src/datasources/guidebook/mapper.js';
import { guidebookPage, guidebookPersonalizedScheduleWire, guidebookSessionWire } from '../../src/datasources/guidebook/wire.js';
import type { SessionModel } from '../../src/models/index.js';
import { loadFixture } from './loadFixture.js';

const sessionPage = guidebookPage(guidebookSessionWire);
const schedulePage = guidebookPage(guidebookPersonalizedScheduleWire);

/** The create sample of guidebook-sessions.md, mapped. */
const created: SessionModel = {
  source: 'GUIDEBOOK',
  sourceId: '106',
  name: 'Test Session Created via the Open API',
  descriptionHtml: '<p>This is a description field that supports basic HTML</p>',
  startTime: new Date('2017-09-18T16:00:00.000Z'),
  endTime: new Date('2017-09-18T17:00:00.000Z'),
  allDay: false,
  locations: [],
  imageUrl: null,
  importId: null,
  sessionType: null,
  published: true,
  allowRating: true,
  addToSchedule: true,
  maxCapacity: null,
  waitlist: null,
  requireLogin: null,
  registrationStartTime: null,
  registrationEndTime: null,
  rank: null,
  credits: [],
  customFields: [],
  learningObjectives: [],
  detailsUrl: null,
  hasHandouts: null,
  createdAt: new Date('2017-09-18T22:13:25.766Z'),
  updatedAt: null,
  tracks: [],
  speakers: [],
  guideId: '1',
};

describe('parseGuidebookTime', () => {
  it('reads `+0000` offsets with microseconds, truncating to milliseconds', () => {
    expect(parseGuidebookTime('2017-09-18T16:00:00.000000+0000')?.toISOString()).toBe('2017-09-18T16:00:00.000Z');
    expect(parseGuidebookTime('2017-09-18T22:13:25.766623+0000')?.toISOString()).toBe('2017-09-18T22:13:25.766Z');
  });

  it('reads a naive datetime (the create request body form) as UTC', () => {
    expect(parseGuidebookTime('2017-09-18T16:00:00')?.toISOString()).toBe('2017-09-18T16:00:00.000Z');
  });

  it('honours a non-UTC offset with or without a colon', () => {
    expect(parseGuidebookTime('2017-09-18T09:00:00.000000-0700')?.toISOString()).toBe('2017-09-18T16:00:00.000Z');
    expect(parseGuidebookTime('2017-09-18T18:00:00+02:00')?.toISOString()).toBe('2017-09-18T16:00:00.000Z');
  });

  it('gives null for null, blank and garbage', () => {
    expect(parseGuidebookTime(null)).toBeNull();
    expect(parseGuidebookTime(undefined)).toBeNull();
    expect(parseGuidebookTime(' ')).toBeNull();
    expect(parseGuidebookTime('next tuesday')).toBeNull();
  });
});

describe('Guidebook sessions: doc samples', () => {
  it('maps the create sample field by field', () => {
    const wire = guidebookSessionWire.parse(loadFixture('guidebook-session-create.json'));
    expect(toSession(wire)).toStrictEqual(created);
  });

  it('maps the create sample with schedule tracks to guidebook track refs in order', () => {
    const model = toSession(guidebookSessionWire.parse(loadFixture('guidebook-session-create-with-tracks.json')));
    expect(model.tracks).toStrictEqual([
      { kind: 'guidebook', id: '3' },
      { kind: 'guidebook', id: '42' },
      { kind: 'guidebook', id: '47' },
      { kind: 'guidebook', id: '101' },
    ]);
    expect(model).toStrictEqual({ ...created, tracks: model.tracks });
  });

  it('maps the list sample: envelope, every session, null descriptions', () => {
    const page = sessionPage.parse(loadFixture('guidebook-sessions-list.json'));
    expect(page.count).toBe(4);
    expect(page.next).toBeNull();
    expect(page.previous).toBeNull();
    const models = page.results.map(toSession);
    expect(models.map((m) => m.sourceId)).toStrictEqual(['21', '22', '23', '24']);
    expect(models.map((m) => m.guideId)).toStrictEqual(['42', '42', '42', '43']);
    expect(models.map((m) => m.name)).toStrictEqual(['Test Session 1', 'Test Session 2', 'Test Session 3', 'Test Session 4, Different Guide']);
    expect(models.map((m) => m.startTime?.toISOString())).toStrictEqual([
      '2017-09-18T21:28:35.428Z',
      '2017-09-18T21:28:35.431Z',
      '2017-09-18T21:28:35.433Z',
      '2017-09-18T21:28:35.435Z',
    ]);
    expect(models.map((m) => m.endTime?.toISOString())).toStrictEqual([
      '2017-09-18T22:28:35.428Z',
      '2017-09-18T22:28:35.431Z',
      '2017-09-18T22:28:35.433Z',
      '2017-09-18T22:28:35.435Z',
    ]);
    expect(models[0]).toStrictEqual({
      ...created,
      sourceId: '21',
      name: 'Test Session 1',
      descriptionHtml: null,
      startTime: new Date('2017-09-18T21:28:35.428Z'),
      endTime: new Date('2017-09-18T22:28:35.428Z'),
      createdAt: new Date('2017-09-18T21:28:35.429Z'),
      guideId: '42',
    });
  });

  it('maps the legacy sample: last_updated, thumbnail and locations', () => {
    const model = toSession(guidebookSessionWire.parse(loadFixture('guidebook-session-legacy.json')));
    expect(model).toStrictEqual({
      ...created,
      allowRating: false,
      addToSchedule: false,
      updatedAt: new Date('2017-09-18T22:13:25.766Z'),
    });
  });
});

describe('Guidebook sessions: fields the samples leave empty', () => {
  const base = loadFixture('guidebook-session-legacy.json') as Record<string, unknown>;
  const map = (overrides: Record<string, unknown>) => toSession(guidebookSessionWire.parse({ ...base, ...overrides }));

  it('maps locations to guidebook location refs', () => {
    expect(map({ locations: [7, 9] }).locations).toStrictEqual([
      { kind: 'guidebook', id: '7' },
      { kind: 'guidebook', id: '9' },
    ]);
  });

  it('takes the image URL, falling back to the legacy thumbnail, and drops non-http values', () => {
    expect(map({ image: 'https://cdn.example/i.png', thumbnail: 'https://cdn.example/t.png' }).imageUrl).toBe('https://cdn.example/i.png');
    expect(map({ image: null, thumbnail: 'https://cdn.example/t.png' }).imageUrl).toBe('https://cdn.example/t.png');
    expect(map({ image: 'ftp://cdn.example/i.png', thumbnail: '' }).imageUrl).toBeNull();
  });

  it('maps the newer v1 fields: rank (number or string), capacity, waitlist, registration window', () => {
    const model = map({
      rank: '2.5',
      max_capacity: 40,
      waitlist: true,
      require_login: true,
      registration_start_date: '2017-09-01T00:00:00.000000+0000',
      registration_end_date: '2017-09-17T23:59:59.000000+0000',
      import_id: '  ext-7 ',
      all_day: true,
      end_time: null,
    });
    expect(model.rank).toBe(2.5);
    expect(model.maxCapacity).toBe(40);
    expect(model.waitlist).toBe(true);
    expect(model.requireLogin).toBe(true);
    expect(model.registrationStartTime?.toISOString()).toBe('2017-09-01T00:00:00.000Z');
    expect(model.registrationEndTime?.toISOString()).toBe('2017-09-17T23:59:59.000Z');
    expect(model.importId).toBe('ext-7');
    expect(model.allDay).toBe(true);
    expect(model.endTime).toBeNull();
    expect(map({ rank: 0 }).rank).toBe(0);
    expect(map({ rank: '' }).rank).toBeNull();
  });

  it('turns a blank description into null', () => {
    expect(map({ description_html: '   ' }).descriptionHtml).toBeNull();
  });
});

describe('Guidebook personalized schedules: doc samples', () => {
  it('maps the create sample', () => {
    const wire = guidebookPersonalizedScheduleWire.parse(loadFixture('guidebook-personalized-schedule-create.json'));
    expect(toPersonalizedSchedule(wire)).toStrictEqual({
      sourceId: '1',
      guideId: '18',
      name: 'Test Personalized Schedule Created via the Open API',
      sessionIds: ['13', '42', '47', '101', '118'],
      attendeeIds: ['1', '5'],
      createdAt: null,
    });
  });

  it('maps the list sample', () => {
    const page = schedulePage.parse(loadFixture('guidebook-personalized-schedules-list.json'));
    expect(page.count).toBe(2);
    expect(page.results.map(toPersonalizedSchedule)).toStrictEqual([
      { sourceId: '1', guideId: '18', name: 'Example Schedule for Sales Team', sessionIds: ['1', '2', '3'], attendeeIds: ['6', '7', '8'], createdAt: null },
      {
        sourceId: '2',
        guideId: '19',
        name: 'Example Schedule for Marketing Team',
        sessionIds: ['4', '5', '6'],
        attendeeIds: ['9', '10', '11'],
        createdAt: null,
      },
    ]);
  });

  it('maps a created_at when present', () => {
    const wire = guidebookPersonalizedScheduleWire.parse({
      ...(loadFixture('guidebook-personalized-schedule-create.json') as object),
      created_at: '2017-09-18T22:13:25.766623+0000',
    });
    expect(toPersonalizedSchedule(wire).createdAt?.toISOString()).toBe('2017-09-18T22:13:25.766Z');
  });
});

describe('Guidebook wire schemas', () => {
  const list = loadFixture('guidebook-sessions-list.json') as {
    count: number;
    next: string | null;
    previous: string | null;
    results: Array<Record<string, unknown>>;
  };
  const first = list.results[0]!;

  it('rejects an envelope without results, or with results not an array', () => {
    const { results: _results, ...noResults } = list;
    expect(sessionPage.safeParse(noResults).success).toBe(false);
    expect(sessionPage.safeParse({ ...list, results: {} }).success).toBe(false);
    expect(sessionPage.safeParse(list.results).success).toBe(false);
  });

  it('rejects a malformed envelope: count as a string, next missing', () => {
    expect(sessionPage.safeParse({ ...list, count: '4' }).success).toBe(false);
    const { next: _next, ...noNext } = list;
    expect(sessionPage.safeParse(noNext).success).toBe(false);
  });

  it('rejects a session whose id is a string, or with no guide', () => {
    expect(guidebookSessionWire.safeParse({ ...first, id: '21' }).success).toBe(false);
    const { guide: _guide, ...noGuide } = first;
    expect(guidebookSessionWire.safeParse(noGuide).success).toBe(false);
    expect(sessionPage.safeParse({ ...list, results: [{ ...first, id: '21' }] }).success).toBe(false);
  });

  it('rejects schedule_tracks that are not integer ids', () => {
    expect(guidebookSessionWire.safeParse({ ...first, schedule_tracks: ['3'] }).success).toBe(false);
    expect(guidebookSessionWire.safeParse({ ...first, schedule_tracks: 3 }).success).toBe(false);
  });

  it('rejects a personalized schedule without attendees', () => {
    const { attendees: _attendees, ...noAttendees } = loadFixture('guidebook-personalized-schedule-create.json') as Record<string, unknown>;
    expect(guidebookPersonalizedScheduleWire.safeParse(noAttendees).success).toBe(false);
  });

  it('accepts nulls and absences in every optional field, and keeps unknown keys', () => {
    const minimal = { id: 5, guide: 1, name: 'Bare', start_time: null, end_time: null, all_day: null, schedule_tracks: null, rank: '0.0', extra: 'kept' };
    const parsed = guidebookSessionWire.parse(minimal);
    expect(parsed.extra).toBe('kept');
    const model = toSession(parsed);
    expect(model.startTime).toBeNull();
    expect(model.allDay).toBe(false);
    expect(model.tracks).toStrictEqual([]);
    expect(model.rank).toBe(0);
    expect(model.allowRating).toBeNull();
  });
});
