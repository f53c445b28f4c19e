import { describe, expect, it } from 'vitest';

import { createArraySource } from '../../src/connections/index.js';
import { createEarlyDaySource, wholeDayOf } from '../../src/datasources/planstone/earlyDaySource.js';
import { toSession } from '../../src/datasources/planstone/mapper.js';
import type { PlanstoneSessionPage } from '../../src/datasources/planstone/wire.js';
import { zonedWallTimeToUtc } from '../../src/datetime/index.js';
import { sessionComparator, type SessionModel } from '../../src/models/index.js';

// The guard on the early-day read (src/datasources/planstone/earlyDaySource.ts): it trusts
// `rstartmins` to be the start's minutes after local midnight; a session whose rstartmins
// disagrees with its startTime switches it off for the conference, and the whole day serves.

const ZONE = 'America/Chicago';
const DATE = '2025-05-14';
const clock = (m: number) => `${String(((Math.floor(m / 60) + 11) % 12) + 1).padStart(2, '0')}:${String(m % 60).padStart(2, '0')} ${m < 720 ? 'am' : 'pm'}`;
const window = { startsAfter: zonedWallTimeToUtc(DATE, 0, ZONE)!, startsBefore: zonedWallTimeToUtc('2025-05-15', 0, ZONE)! };
const where = { startDate: { $gte: DATE, $lte: DATE } };

describe('Planstone early-day read', () => {
  it('wholeDayOf: a whole day only (not a part of a day), the day the clocks change too', () => {
    expect(wholeDayOf(window, where, ZONE)).toBe(DATE);
    expect(wholeDayOf({ ...window, startsAfter: new Date(window.startsAfter.getTime() + 60_000) }, where, ZONE)).toBeUndefined();
    expect(wholeDayOf({ ...window, endsAfter: window.startsAfter }, where, ZONE)).toBeUndefined();
    const dst = { startsAfter: zonedWallTimeToUtc('2025-11-02', 0, ZONE)!, startsBefore: zonedWallTimeToUtc('2025-11-03', 0, ZONE)! };
    expect(wholeDayOf(dst, { startDate: { $gte: '2025-11-02', $lte: '2025-11-02' } }, ZONE)).toBe('2025-11-02');
  });

  it('an rstartmins that disagrees with its startTime: said once, the whole day serves, and rstartmins is not used again', async () => {
    const items = Array.from({ length: 150 }, (_, i) => {
      const minutes = 480 + ((i * 7) % 600);
      // Session 17 says 9:00 pm in startTime but 8:00 am in rstartmins.
      return i === 17
        ? { schedid: String(i), startDate: DATE, startTime: clock(1260), rstartmins: '480', endTime: ' ', rendmins: '' }
        : { schedid: String(i), startDate: DATE, startTime: clock(minutes), rstartmins: String(minutes), endTime: ' ', rendmins: '' };
    });
    const page = { _items: items.slice(0, 100), _meta: { page: 1, max_results: 100, total: items.length } } as unknown as PlanstoneSessionPage;
    const reads: Array<Record<string, unknown>> = [];
    let trusted = true;
    const distrusted: string[] = [];
    const all = items.map((item) => toSession(item as never, ZONE) as SessionModel);
    const compare = sessionComparator({ field: 'START_TIME', direction: 'ASC' });
    let wholeReads = 0;
    const wholeDay = createArraySource(async () => {
      wholeReads += 1;
      return [...all].sort(compare);
    });
    const source = createEarlyDaySource(
      {
        readPage: async (query) => {
          reads.push(query);
          return { wire: page, sessions: page._items.map((item) => toSession(item, ZONE) as SessionModel) };
        },
        trusted: () => trusted,
        distrust: (item) => {
          trusted = false;
          distrusted.push(String(item.schedid));
        },
      },
      where,
      DATE,
      window,
      ZONE,
      compare,
      wholeDay,
    );
    const first = await source.read(0, 20);
    expect(distrusted).toEqual(['17']);
    expect(first.items.map((s) => s.sourceId)).toEqual(
      [...all]
        .sort(compare)
        .slice(0, 20)
        .map((s) => s.sourceId),
    );
    expect(first.totalCount).toBe(150);
    expect(wholeReads).toBe(1);
    expect(reads).toHaveLength(1); // page 1 of the day only: no rstartmins query
    await source.read(20, 20);
    expect(reads).toHaveLength(1);
  });
});
