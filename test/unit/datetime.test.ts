import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import { parseIsoInstant, zonedWallTimeToUtc } from '../../src/datetime/index.js';

// The fast paths must give exactly what luxon gives, which the mappers used before them.
// The oracles below are that luxon code; inputs walk whole years through DST switches,
// half-hour and 45-minute zones, and zones that switch at midnight.

function luxonWallTime(date: string, minutes: number, zone: string, seconds = 0): string | null {
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) return null;
  const local = day.set({ hour: Math.floor(minutes / 60) % 24, minute: minutes % 60, second: seconds }).plus({ days: Math.floor(minutes / 1440) });
  return local.isValid ? local.toJSDate().toISOString() : null;
}

const ZONES = ['America/Chicago', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Santiago', 'Asia/Tehran', 'UTC'];

function* daysOf(year: number): Generator<string> {
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) yield new Date(t).toISOString().slice(0, 10);
}

describe('zonedWallTimeToUtc', () => {
  it.each(ZONES)('agrees with luxon on every day of 2024 in %s, at times that cross each switch', (zone) => {
    const minutesOfDay = [0, 30, 59, 60, 90, 119, 120, 150, 179, 180, 600, 1170, 1439, 1440 + 60, 1440 + 150];
    const disagreements: string[] = [];
    for (const date of daysOf(2024)) {
      for (const minutes of minutesOfDay) {
        const expected = luxonWallTime(date, minutes, zone);
        const actual = zonedWallTimeToUtc(date, minutes, zone)?.toISOString() ?? null;
        if (actual !== expected) disagreements.push(`${date} +${minutes}m: ${actual} ≠ ${expected}`);
      }
    }
    expect(disagreements).toStrictEqual([]);
  });

  it('keeps the seconds', () => {
    expect(zonedWallTimeToUtc('2024-01-31', 15 * 60 + 30, 'America/Chicago', 43)?.toISOString()).toBe('2024-01-31T21:30:43.000Z');
  });

  it('gives null for an impossible date or an unknown zone, like luxon', () => {
    expect(zonedWallTimeToUtc('2024-02-30', 60, 'America/Chicago')).toBeNull();
    expect(zonedWallTimeToUtc('2024-13-01', 60, 'America/Chicago')).toBeNull();
    expect(zonedWallTimeToUtc('2024-02-03', 60, 'Mars/Olympus_Mons')).toBeNull();
    expect(zonedWallTimeToUtc('not a date', 60, 'America/Chicago')).toBeNull();
  });
});

function luxonInstant(text: string): string | null {
  const parsed = DateTime.fromISO(text.replace(' ', 'T'), { zone: 'utc' });
  return parsed.isValid ? parsed.toJSDate().toISOString() : null;
}

describe('parseIsoInstant', () => {
  it('agrees with luxon on the forms the providers send', () => {
    const samples = [
      '2017-09-18T16:00:00.000000+0000',
      '2017-09-18T22:13:25.766623+0000',
      '2017-09-18T09:00:00.000000-0700',
      '2017-09-18T18:00:00+02:00',
      '2017-09-18T18:00+05:30',
      '2017-09-18T16:00:00Z',
      '2017-09-18T16:00:00',
      '2017-09-06T15:43:35.947761',
      '2017-09-06 15:43:35.947761',
      '2017-09-06T15:43:35.9',
      '2024-02-29T23:59:59.999+0000',
      '1999-12-31T23:30:00-01',
    ];
    for (const text of samples) expect(parseIsoInstant(text)?.toISOString() ?? null, text).toBe(luxonInstant(text));
  });

  it('agrees with luxon at every hour of a year, naive and with offsets', () => {
    const disagreements: string[] = [];
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2024, 0, 1); t += 3_600_000 + 61_123) {
      const naive = new Date(t).toISOString().replace('Z', '123');
      for (const text of [naive, `${naive}+0000`, `${naive}-0930`, `${naive}+14:00`]) {
        const actual = parseIsoInstant(text)?.toISOString() ?? null;
        if (actual !== luxonInstant(text)) disagreements.push(`${text}: ${actual} ≠ ${luxonInstant(text)}`);
      }
    }
    expect(disagreements).toStrictEqual([]);
  });

  it('leaves impossible dates and other forms to the caller (undefined)', () => {
    for (const text of [
      '2017-02-30T10:00:00',
      '2017-09-18T24:00:00',
      '2017-09-18T10:60:00',
      '2017-09-18',
      '18/09/2017 10:00',
      '2017-09-18T10:00:00 +0000',
      '',
    ]) {
      expect(parseIsoInstant(text), text).toBeUndefined();
    }
  });
});
