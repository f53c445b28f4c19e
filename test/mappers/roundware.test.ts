import { describe, expect, it } from 'vitest';

import { parseNaiveUtc, toClientSession } from '../../src/datasources/roundware/mapper.js';
import { roundwareSessionList, roundwareSessionWire } from '../../src/datasources/roundware/wire.js';
import { loadFixture } from './loadFixture.js';

describe('parseNaiveUtc', () => {
  it('reads a naive datetime with microseconds as UTC', () => {
    expect(parseNaiveUtc('2017-09-06T15:43:35.947761')?.toISOString()).toBe('2017-09-06T15:43:35.947Z');
  });

  it('accepts the `str(datetime.utcnow())` form with a space separator', () => {
    expect(parseNaiveUtc('2017-09-06 15:43:35.947761')?.toISOString()).toBe('2017-09-06T15:43:35.947Z');
  });

  it('gives null for null, blank and garbage', () => {
    expect(parseNaiveUtc(null)).toBeNull();
    expect(parseNaiveUtc('')).toBeNull();
    expect(parseNaiveUtc('yesterday')).toBeNull();
  });
});

describe('Roundware sessions: doc samples', () => {
  it('maps the list sample; the sloppy "-8000" timezone is kept and does not shift the UTC start', () => {
    const models = roundwareSessionList.parse(loadFixture('roundware-sessions-list.json')).map(toClientSession);
    expect(models).toStrictEqual([
      {
        sourceId: '109',
        projectId: 1,
        languageId: 2,
        deviceId: null,
        clientType: null,
        clientSystem: 'iOS 8.1',
        demoStreamEnabled: true,
        geoListenEnabled: false,
        timeZone: '-8000',
        startTime: new Date('2017-09-06T15:43:35.947Z'),
        stopTime: null,
      },
      {
        sourceId: '111',
        projectId: 1,
        languageId: 2,
        deviceId: null,
        clientType: null,
        clientSystem: 'iOS 8.1',
        demoStreamEnabled: true,
        geoListenEnabled: false,
        timeZone: '-8000',
        startTime: new Date('2017-09-06T16:24:32.647Z'),
        stopTime: null,
      },
    ]);
  });

  it('maps the retrieve sample', () => {
    const model = toClientSession(roundwareSessionWire.parse(loadFixture('roundware-session-retrieve.json')));
    expect(model).toStrictEqual({
      sourceId: '1',
      projectId: 1,
      languageId: 2,
      deviceId: null,
      clientType: null,
      clientSystem: 'iOS 8.1',
      demoStreamEnabled: true,
      geoListenEnabled: false,
      timeZone: '-8000',
      startTime: new Date('2017-09-06T16:24:32.647Z'),
      stopTime: null,
    });
  });

  it('maps the POST response sample (keys in another order)', () => {
    const model = toClientSession(roundwareSessionWire.parse(loadFixture('roundware-session-create.json')));
    expect(model).toStrictEqual({
      sourceId: '104',
      projectId: 1,
      languageId: 1,
      deviceId: '12891038109281',
      clientType: 'iPhone',
      clientSystem: 'iOS 8.1',
      demoStreamEnabled: false,
      geoListenEnabled: true,
      timeZone: '0000',
      startTime: new Date('2017-06-09T02:42:03.939Z'),
      stopTime: null,
    });
  });

  it('maps a stop time as UTC too', () => {
    const wire = roundwareSessionWire.parse({ ...(loadFixture('roundware-session-retrieve.json') as object), stoptime: '2017-09-06T17:00:00.5' });
    expect(toClientSession(wire).stopTime?.toISOString()).toBe('2017-09-06T17:00:00.500Z');
  });
});

describe('Roundware wire schemas', () => {
  const retrieved = loadFixture('roundware-session-retrieve.json') as Record<string, unknown>;

  it('rejects a list that is not a bare array (e.g. a paginated envelope)', () => {
    expect(roundwareSessionList.safeParse({ count: 1, next: null, previous: null, results: [retrieved] }).success).toBe(false);
    expect(roundwareSessionList.safeParse(retrieved).success).toBe(false);
  });

  it('rejects a session whose id is a string, or with no project_id', () => {
    expect(roundwareSessionWire.safeParse({ ...retrieved, id: '1' }).success).toBe(false);
    expect(roundwareSessionList.safeParse([{ ...retrieved, id: '1' }]).success).toBe(false);
    const { project_id: _project, ...noProject } = retrieved;
    expect(roundwareSessionWire.safeParse(noProject).success).toBe(false);
  });

  it('rejects a starttime that is not a string', () => {
    expect(roundwareSessionWire.safeParse({ ...retrieved, starttime: 1504712615 }).success).toBe(false);
  });

  it('accepts nulls and absences in the optional fields, with the model defaults', () => {
    const model = toClientSession(
      roundwareSessionWire.parse({ id: 7, project_id: 3, language_id: null, demo_stream_enabled: null, geo_listen_enabled: null, starttime: null }),
    );
    expect(model).toStrictEqual({
      sourceId: '7',
      projectId: 3,
      languageId: null,
      deviceId: null,
      clientType: null,
      clientSystem: null,
      demoStreamEnabled: false,
      geoListenEnabled: false,
      timeZone: '0000',
      startTime: null,
      stopTime: null,
    });
  });
});
