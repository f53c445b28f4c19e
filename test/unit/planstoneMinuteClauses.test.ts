import { parseWhere } from '@sessions-gateway/emulators/planstone/where.js';
import { describe, expect, it } from 'vitest';

import { minutesAgree, minutesIn } from '../../src/datasources/planstone/minuteClauses.js';
import { zonedWallTimeToUtc } from '../../src/datetime/index.js';

// The minute clauses the Planstone minute reads select by (src/datasources/planstone/
// minuteClauses.ts), evaluated by the emulator's Mongo `where` (as the feed does: strings by
// code point, numbers apart from strings), and the rule the reads' order rests on.

const matcher = (lo: number, hi: number) => {
  const parsed = parseWhere(JSON.stringify({ $or: minutesIn('m', lo, hi) }));
  if (!parsed.ok) throw new Error(`the feed would refuse the clause for [${lo}, ${hi})`);
  return parsed.matches;
};

describe('minutesIn', () => {
  const ranges = [
    [0, 1440],
    [0, 1],
    [5, 12],
    [60, 100],
    [99, 101],
    [100, 144],
    [143, 145],
    [144, 1000],
    [540, 660],
    [661, 1440],
    [999, 1001],
    [1000, 1440],
    [1200, 1439],
    [31, 1440],
    [720, 961],
    [0, 241],
  ] as const;
  for (const [lo, hi] of ranges) {
    it(`[${lo}, ${hi}) selects exactly those minutes, as canonical text or as numbers, and no blank`, () => {
      const matches = matcher(lo, hi);
      for (let m = 0; m < 1440; m += 1) {
        const inside = m >= lo && m < hi;
        expect(matches({ m: String(m) }), `"${m}"`).toBe(inside);
        expect(matches({ m }), `${m}`).toBe(inside);
      }
      for (const blank of ['', ' ', null]) expect(matches({ m: blank })).toBe(false);
      expect(matches({})).toBe(false);
    });
  }

  it('keeps the where short: any range is at most ~350 values in all (a plain $in of 0…1439 would be 1,440)', () => {
    for (let lo = 0; lo < 1440; lo += 37) {
      for (let hi = lo + 1; hi <= 1440; hi += 53) {
        expect(JSON.stringify(minutesIn('rstartmins', lo, hi)).length, `[${lo}, ${hi})`).toBeLessThan(3_000);
      }
    }
  });

  it('is empty for an empty range', () => {
    expect(minutesIn('m', 10, 10)).toEqual([]);
    expect(minutesIn('m', 20, 10)).toEqual([]);
  });
});

describe('minutesAgree', () => {
  it('agrees with the times or blank; a non-canonical text ("0540") or another minute disagrees', () => {
    expect(minutesAgree({ startTime: '09:00 am', rstartmins: '540', endTime: '10:00 am', rendmins: '600' })).toBe(true);
    expect(minutesAgree({ startTime: ' ', rstartmins: '', endTime: ' ', rendmins: '' })).toBe(true);
    expect(minutesAgree({ startTime: '09:00 am', rstartmins: 540, endTime: '10:00 am', rendmins: 600 })).toBe(true);
    expect(minutesAgree({ startTime: '09:00 am', rstartmins: '0540' })).toBe(false);
    expect(minutesAgree({ startTime: '09:00 am', rstartmins: '541' })).toBe(false);
    expect(minutesAgree({ startTime: '09:00 am', rstartmins: '540', endTime: '10:00 am', rendmins: '1600' })).toBe(false);
  });
});

describe('wall time to instant on a day the clocks change: non-decreasing but for the hour a spring-forward gap lands in (why the minute reads check every minute there)', () => {
  for (const [zone, date, spring] of [
    ['America/Los_Angeles', '2027-03-14', true],
    ['America/Los_Angeles', '2027-11-07', false],
    ['America/Chicago', '2024-11-03', false],
    ['Europe/Berlin', '2026-03-29', true],
    ['Europe/Berlin', '2026-10-25', false],
    ['Australia/Lord_Howe', '2026-04-05', false],
  ] as const) {
    it(`${zone} ${date}`, () => {
      let latest = -Infinity;
      const earlier: number[] = [];
      for (let m = 0; m <= 1440; m += 1) {
        const t = zonedWallTimeToUtc(date, m, zone)!.getTime();
        if (t < latest) earlier.push(m);
        latest = Math.max(latest, t);
      }
      // Spring forward: 03:00–03:58 are earlier instants than the skipped 02:59 (03:59).
      expect(earlier).toEqual(spring ? Array.from({ length: 59 }, (_, i) => 180 + i) : []);
    });
  }
});
