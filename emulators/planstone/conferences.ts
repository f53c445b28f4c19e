import { PLANSTONE_DEMO } from './demo.js';

/** One Planstone conference the emulator serves: the feed scopes by `where={"account":…,"conference":…}`. */
export interface PlanstoneConference {
  account: string;
  conference: string;
  /** IANA zone the conference's local wall-clock times are written in. */
  timeZone: string;
  /** A display name (the feed itself has no conference resource; a gateway is configured with it). */
  name: string;
  /** The local dates that hold sessions, in order. */
  days: readonly string[];
}

/**
 * The conferences every emulator serves (the first is PLANSTONE_DEMO's, unchanged), all
 * under the demo account. Each crosses the end of daylight saving time in its own zone:
 * - `2018` (America/Chicago), 2024-10-31 .. 2024-11-05: DST ends 2024-11-03 at 02:00;
 * - `2026NE` (America/New_York), 2026-10-29 .. 2026-11-02: DST ends 2026-11-01 at 02:00;
 * - `2026EU` (Europe/Berlin), 2026-10-22 .. 2026-10-26: DST ends 2026-10-25 at 03:00.
 */
export const PLANSTONE_DEMO_CONFERENCES: readonly PlanstoneConference[] = [
  {
    account: PLANSTONE_DEMO.account,
    conference: PLANSTONE_DEMO.conference,
    timeZone: PLANSTONE_DEMO.timezone,
    name: 'Annual Clinical Conference, San Antonio',
    days: ['2024-10-31', '2024-11-01', '2024-11-02', '2024-11-03', '2024-11-04', '2024-11-05'],
  },
  {
    account: PLANSTONE_DEMO.account,
    conference: '2026NE',
    timeZone: 'America/New_York',
    name: 'Northeast Cardiology Forum 2026',
    days: ['2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02'],
  },
  {
    account: PLANSTONE_DEMO.account,
    conference: '2026EU',
    timeZone: 'Europe/Berlin',
    name: 'European Digital Health Congress 2026',
    days: ['2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26'],
  },
];

/**
 * The large conference `EMULATOR_SCALE` adds (N sessions, 0.6·N speakers), in
 * America/Los_Angeles from 2027-03-12: 3 days up to N = 6,000, then one more day per 2,000
 * sessions, at most 7; always across the start of daylight saving time (2027-03-14,
 * 02:00 → 03:00, the third day).
 */
export function planstoneScaleConference(scale: number): PlanstoneConference {
  const dayCount = Math.min(7, Math.max(3, Math.ceil(scale / 2000)));
  const days = Array.from({ length: dayCount }, (_, i) => new Date(Date.UTC(2027, 2, 12 + i)).toISOString().slice(0, 10));
  return { account: PLANSTONE_DEMO.account, conference: '2027', timeZone: 'America/Los_Angeles', name: `Pacific Health Congress 2027`, days };
}
