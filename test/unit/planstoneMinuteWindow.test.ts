import { parseWhere } from '@sessions-gateway/emulators/planstone/where.js';
import { describe, expect, it } from 'vitest';

import { createArraySource } from '../../src/connections/index.js';
import { toSession } from '../../src/datasources/planstone/mapper.js';
import { minuteWindowPlan } from '../../src/datasources/planstone/minuteWindowPlan.js';
import { createMinuteWindowSource } from '../../src/datasources/planstone/minuteWindowSource.js';
import type { PlanstoneSessionPage } from '../../src/datasources/planstone/wire.js';
import { zonedWallTimeToUtc } from '../../src/datetime/index.js';
import { sessionComparator, sessionInWindow, type SessionModel } from '../../src/models/index.js';

// The guard on the minute reads (src/datasources/planstone/minuteWindowSource.ts): a session
// read whose rendmins disagrees with its endTime (the reads select "still running" by it)
// switches them off for the conference, and the window is read by its dates instead.

const ZONE = 'America/Chicago';
const DATE = '2025-05-14';
const clock = (m: number) => `${String(((Math.floor(m / 60) + 11) % 12) + 1).padStart(2, '0')}:${String(m % 60).padStart(2, '0')} ${m < 720 ? 'am' : 'pm'}`;
const compare = sessionComparator({ field: 'START_TIME', direction: 'ASC' });

describe('Planstone minute reads', () => {
  it('a rendmins that disagrees with its endTime: said once, the dates serve, exactly', async () => {
    const items = Array.from({ length: 150 }, (_, i) => {
      const start = 480 + ((i * 7) % 300);
      const end = start + 60;
      // Session 17 (09:59) ends at 10:19 am by its endTime but 8:00 pm by its rendmins.
      return {
        _id: String(i),
        schedid: String(1000 + i),
        startDate: DATE,
        startTime: clock(start),
        rstartmins: String(start),
        endDate: DATE,
        endTime: clock(i === 17 ? start + 20 : end),
        rendmins: String(i === 17 ? 1200 : end),
      };
    });
    const window = { happeningAt: zonedWallTimeToUtc(DATE, 630, ZONE)! };
    const plan = minuteWindowPlan(window, ZONE)!;
    expect(plan.streams).toHaveLength(1);
    // The emulator's where, as the feed evaluates it, sorted as the feed would.
    const pageOf = (where: Record<string, unknown>, n: number) => {
      const parsed = parseWhere(JSON.stringify(where));
      if (!parsed.ok) throw new Error('refused');
      const selected = items
        .filter((item) => parsed.matches(item))
        .sort((a, b) => a.rstartmins.localeCompare(b.rstartmins) || a.schedid.localeCompare(b.schedid));
      return {
        _items: selected.slice((n - 1) * 100, n * 100),
        _meta: { page: n, max_results: 100, total: selected.length },
      } as unknown as PlanstoneSessionPage;
    };
    const all = items.map((item) => toSession(item as never, ZONE) as SessionModel);
    const expected = all.filter((s) => sessionInWindow(s, window)).sort(compare);
    let trusted = true;
    const distrusted: string[] = [];
    let fallbackReads = 0;
    const source = createMinuteWindowSource(
      {
        readPage: async (where, n) => {
          const wire = pageOf(where, n);
          return { wire, sessions: wire._items.map((item) => toSession(item, ZONE) as SessionModel) };
        },
        trusted: () => trusted,
        distrust: (item) => {
          trusted = false;
          distrusted.push(String(item.schedid));
        },
      },
      plan,
      window,
      compare,
      createArraySource(async () => {
        fallbackReads += 1;
        return expected;
      }),
    );
    // Session 17 has ended by 10:30 (its endTime); its rendmins selects it, so it is read and caught.
    expect(expected.map((s) => s.sourceId)).not.toContain('1017');
    expect(expected.length).toBeGreaterThan(10);
    const first = await source.read(0, 10);
    expect(distrusted).toEqual(['1017']);
    expect(first.items.map((s) => s.sourceId)).toEqual(expected.slice(0, 10).map((s) => s.sourceId));
    expect(first.totalCount).toBe(expected.length);
    expect(fallbackReads).toBe(1);
  });
});
