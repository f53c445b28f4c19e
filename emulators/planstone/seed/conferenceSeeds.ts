import { FastRandom } from '../../kit/index.js';
import { PLANSTONE_DEMO_CONFERENCES, planstoneScaleConference, type PlanstoneConference } from '../conferences.js';
import type { GeneratedConferenceSpec, Slot } from './generatedConference.js';

const H = 60;

/**
 * The hand-placed slots of the two fixed extra conferences: sessions crossing local
 * midnight (with the next day as `endDate`, or the start date repeated), sessions inside
 * the repeated hour of the DST change, a date without a time, no date at all, times
 * without a date, and a start without an end.
 */
const NE_SPECIALS: readonly Slot[] = [
  // The night DST ends (2026-11-01 02:00 EDT → 01:00 EST).
  { day: '2026-10-31', start: 22 * H, end: 25 * H + 30, endOnNextDay: true },
  { day: '2026-10-31', start: 23 * H + 30, end: 26 * H + 30, endOnNextDay: false },
  { day: '2026-11-01', start: H + 15, end: H + 45 },
  { day: '2026-11-01', start: H + 30, end: 2 * H + 30 },
  // Other midnight crossings, one past the last day.
  { day: '2026-10-29', start: 21 * H + 30, end: 24 * H + 30, endOnNextDay: true },
  { day: '2026-10-30', start: 22 * H + 30, end: 24 * H + 45, endOnNextDay: false },
  { day: '2026-11-02', start: 23 * H, end: 24 * H + 30, endOnNextDay: true },
  { day: '2026-10-30' },
  { day: '2026-11-01' },
  {},
  {},
  { noDate: true, start: 10 * H, end: 11 * H },
  { day: '2026-10-29', start: 9 * H },
  { day: '2026-11-01', start: 14 * H },
  { day: '2026-11-02', start: 8 * H },
];

const EU_SPECIALS: readonly Slot[] = [
  // The night DST ends (2026-10-25 03:00 CEST → 02:00 CET).
  { day: '2026-10-24', start: 22 * H, end: 26 * H + 30, endOnNextDay: true },
  { day: '2026-10-24', start: 23 * H, end: 27 * H, endOnNextDay: false },
  { day: '2026-10-25', start: 2 * H + 15, end: 2 * H + 45 },
  { day: '2026-10-25', start: 2 * H + 30, end: 3 * H + 30 },
  { day: '2026-10-22', start: 21 * H + 30, end: 24 * H + 30, endOnNextDay: true },
  { day: '2026-10-23', start: 23 * H, end: 24 * H + 45, endOnNextDay: false },
  { day: '2026-10-26' },
  {},
  {},
  { noDate: true, start: 9 * H + 30, end: 10 * H + 30 },
  { day: '2026-10-22', start: 18 * H },
  { day: '2026-10-25', start: 12 * H },
  { day: '2026-10-26', start: 16 * H + 30 },
];

const conference = (code: string): PlanstoneConference => PLANSTONE_DEMO_CONFERENCES.find((c) => c.conference === code) as PlanstoneConference;

/** The fixed extra conferences (always served, whatever the scale). */
export const EXTRA_CONFERENCE_SPECS: readonly GeneratedConferenceSpec[] = [
  {
    conference: conference('2026NE'),
    seed: 2026_11,
    sessions: 160,
    speakers: 96,
    specials: NE_SPECIALS,
    pidStart: 70000,
    schedidStart: 1_200_000,
    objectIdTime: 0x68f0a000,
    hotel: 'Hynes Convention Center',
    rooms: ['Ballroom A', 'Ballroom B', 'Room 302', 'Room 304', 'Room 310'],
  },
  {
    conference: conference('2026EU'),
    seed: 2026_10,
    sessions: 140,
    speakers: 84,
    specials: EU_SPECIALS,
    pidStart: 72000,
    schedidStart: 1_300_000,
    objectIdTime: 0x68f0b000,
    hotel: 'CityCube Berlin',
    rooms: ['Saal A', 'Saal B', 'Raum M1', 'Raum M2'],
  },
];

/**
 * The large conference for `EMULATOR_SCALE` = `scale`: `scale` sessions, 0.6·`scale`
 * speakers (6-digit pids from 100000), two sessions across the night DST starts, and per
 * 1,000 sessions one midnight crossing, one date without a time, one without a date and
 * three without an end.
 */
export function scaleConferenceSpec(scale: number): GeneratedConferenceSpec {
  const conf = planstoneScaleConference(scale);
  const random = new FastRandom(scale ^ 0x5ca1e);
  const specials: Slot[] = [
    // The night DST starts (2027-03-14 02:00 PST → 03:00 PDT).
    { day: '2027-03-13', start: 22 * H, end: 25 * H + 30, endOnNextDay: true },
    { day: '2027-03-13', start: 23 * H + 30, end: 27 * H, endOnNextDay: false },
  ];
  for (let k = 0; k < Math.max(1, Math.round(scale / 1000)); k++) {
    // Not the night before the DST change: an end inside the skipped hour is no real time.
    const day = random.pick(conf.days.filter((d) => d !== '2027-03-13'));
    const start = random.int(88, 94) * 15; // 22:00 .. 23:30
    specials.push({ day, start, end: start + random.pick([150, 180]), endOnNextDay: random.chance(0.5) });
    specials.push({ day: random.pick(conf.days) }, {});
    for (let i = 0; i < 3; i++) specials.push({ day: random.pick(conf.days), start: random.int(32, 72) * 15 });
  }
  return {
    conference: conf,
    seed: scale,
    sessions: scale,
    speakers: Math.round(scale * 0.6),
    specials,
    pidStart: 100000,
    schedidStart: 2_000_000,
    objectIdTime: 0x6a000000,
    hotel: 'Los Angeles Convention Center',
    rooms: ['Petree Hall', 'West Hall A', 'West Hall B', 'Concourse Hall'],
  };
}
