import { describe, expect, it } from 'vitest';

import { localDateIn } from '../../src/datetime/index.js';
import { isCanonicalSourceId } from '../../src/ids/canonicalSourceId.js';
import { parseGlobalId, toGlobalId } from '../../src/ids/globalId.js';
import { planstoneConferenceRef, scopedSourceId } from '../../src/models/index.js';
import { isFullDate } from '../../src/resolvers/dateScalar.js';

describe('Conference and Location IDs', () => {
  it('a Conference is a guide id, or account/conference', () => {
    expect(isCanonicalSourceId('Conference', 'guidebook', '47')).toBe(true);
    expect(isCanonicalSourceId('Conference', 'guidebook', '047')).toBe(false);
    expect(isCanonicalSourceId('Conference', 'planstone', 'myaccount/2018')).toBe(true);
    for (const bad of ['myaccount', 'a/b/c', ' a/b', 'a/b#1', '/b']) expect(isCanonicalSourceId('Conference', 'planstone', bad), bad).toBe(false);
  });

  it('a Planstone Location is account/conference#roomid:<id> or #room:<name>', () => {
    expect(isCanonicalSourceId('Location', 'planstone', 'myaccount/2018#roomid:3020')).toBe(true);
    expect(isCanonicalSourceId('Location', 'planstone', 'myaccount/2018#room:Hall B')).toBe(true);
    for (const bad of ['3020', 'myaccount/2018#3020', 'myaccount/2018#room: Hall B', 'myaccount/2018#room:']) {
      expect(isCanonicalSourceId('Location', 'planstone', bad), bad).toBe(false);
    }
    expect(parseGlobalId(toGlobalId('Location', 'guidebook', '12'))).toEqual({ type: 'Location', provider: 'guidebook', sourceId: '12' });
  });

  it("the first conference's ids stay the feed's own; a later one's carry account/conference#", () => {
    const first = planstoneConferenceRef('myaccount', '2018', 0);
    const later = planstoneConferenceRef('myaccount', '2019', 1, 'Europe');
    expect(scopedSourceId({ sourceId: '21899', planstoneConference: first })).toBe('21899');
    expect(scopedSourceId({ sourceId: '21899', planstoneConference: later })).toBe('myaccount/2019#21899');
    expect(later.name).toBe('Europe');
    expect(first.name).toBe('2018');
    expect(isCanonicalSourceId('Session', 'planstone', 'myaccount/2019#21899')).toBe(true);
    expect(isCanonicalSourceId('Session', 'planstone', 'myaccount/2019#5f0c0c0c0c0c0c0c0c0c0c0c')).toBe(true);
    expect(isCanonicalSourceId('Session', 'planstone', 'myaccount/2019#x1')).toBe(false);
    expect(isCanonicalSourceId('Speaker', 'planstone', 'myaccount/2019#10024')).toBe(true);
    expect(isCanonicalSourceId('Speaker', 'planstone', 'myaccount/2019#')).toBe(false);
  });
});

describe('Date', () => {
  it('is an RFC 3339 full-date that exists on the calendar', () => {
    for (const good of ['2026-03-14', '2024-02-29', '0001-01-01']) expect(isFullDate(good), good).toBe(true);
    for (const bad of ['2025-02-29', '2026-3-14', '2026-13-01', '2026-00-10', '2026-01-00', '20260314', '2026-03-14T00:00:00Z', ' 2026-03-14']) {
      expect(isFullDate(bad), bad).toBe(false);
    }
  });

  it('localDateIn gives the date in the zone, across the US DST change (2024-11-03, Chicago)', () => {
    // 2024-11-04 05:30Z is 23:30 on the 3rd in Chicago (CST, UTC-6), a day after CDT ended.
    expect(localDateIn(new Date('2024-11-04T05:30:00Z'), 'America/Chicago')).toBe('2024-11-03');
    // 2024-11-03 04:30Z is 23:30 on the 2nd (still CDT, UTC-5).
    expect(localDateIn(new Date('2024-11-03T04:30:00Z'), 'America/Chicago')).toBe('2024-11-02');
    expect(localDateIn(new Date('2024-11-03T05:30:00Z'), 'America/Chicago')).toBe('2024-11-03');
    expect(localDateIn(new Date('2024-03-31T22:30:00Z'), 'Europe/Berlin')).toBe('2024-04-01');
  });
});
