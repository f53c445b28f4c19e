import { FastRandom, zonedTimeToUtcMs } from '../kit/index.js';
import { SENTENCES, TITLE_PATTERNS, TOPICS, TRACK_WORDS } from '../kit/vocabulary.js';
import type { GuidebookTables, GuideRecord, LocationRecord, Micros, ScheduleTrackRecord, SessionRecord } from './records.js';
import { TRACK_COLORS } from './seedVocabulary.js';

/** The guide `EMULATOR_SCALE` adds, and where its ids start (far above the demo seed's). */
export const SCALE_GUIDE = {
  id: 90,
  name: 'Atlantic Medical Congress 2027',
  shortName: 'amc27',
  timezone: 'America/New_York',
  firstDay: '2027-03-12',
  firstSessionId: 100_001,
  firstTrackId: 10_001,
  firstLocationId: 10_001,
} as const;

const DURATIONS = [30, 45, 60, 60, 60, 90, 90, 120] as const;
const GAPS = [0, 15, 15, 30] as const;

/**
 * The large guide for `EMULATOR_SCALE` = `scale`: 1.5·`scale` sessions in guide 90
 * (America/New_York, from 2027-03-12: 3 days up to 3,000 sessions, one more per 3,000, at
 * most 7 — always across the start of DST on 2027-03-14), in parallel rooms (one location
 * per ~7 sessions a day, plus the Main Venue) from 07:00 to 21:00 local, with
 * max(8, sessions/600) tracks; about 3 % have no end and 1 % are all-day. Deterministic
 * (FastRandom, seeded by `scale`), no Faker: 15,000 sessions in a few hundred ms.
 */
export function generateScaleGuide(scale: number): Pick<GuidebookTables, 'guides' | 'sessions' | 'scheduleTracks' | 'locations'> {
  const random = new FastRandom(scale ^ 0x9b1de);
  const sessionCount = Math.round(scale * 1.5);
  const dayCount = Math.min(7, Math.max(3, Math.ceil(sessionCount / 3000)));
  const days = Array.from({ length: dayCount }, (_, i) =>
    new Date(Date.parse(`${SCALE_GUIDE.firstDay}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );
  const localTimes = new Map<string, Micros>(); // a few hundred distinct (day, minute) pairs
  const local = (day: string, minutes: number): Micros => {
    const key = `${day}+${minutes}`;
    let value = localTimes.get(key);
    if (value === undefined) localTimes.set(key, (value = zonedTimeToUtcMs(day, minutes, SCALE_GUIDE.timezone) * 1000));
    return value;
  };
  const createdAt = local(SCALE_GUIDE.firstDay, 0) - 60 * 86_400_000_000;

  const guide: GuideRecord = {
    id: SCALE_GUIDE.id,
    createdAt,
    owner: SCALE_GUIDE.id,
    name: SCALE_GUIDE.name,
    shortName: SCALE_GUIDE.shortName,
    descriptionHtml: `<p>Welcome to <b>${SCALE_GUIDE.name}</b>! Browse the schedule, build your agenda and meet fellow attendees.</p>`,
    attendeesEstimate: sessionCount * 4,
    startDate: local(days[0] as string, 0),
    endDate: local(days[dayCount - 1] as string, 24 * 60),
    timezone: SCALE_GUIDE.timezone,
    category: [1],
    homeScreenMenuItem: null,
    privacy: 1,
    redeemCode: null,
  };

  const trackCount = Math.max(8, Math.ceil(sessionCount / 600));
  const scheduleTracks: ScheduleTrackRecord[] = Array.from({ length: trackCount }, (_, i) => ({
    id: SCALE_GUIDE.firstTrackId + i,
    guide: SCALE_GUIDE.id,
    name: i < TRACK_WORDS.length ? (TRACK_WORDS[i] as string) : `${TRACK_WORDS[i % TRACK_WORDS.length] as string} ${Math.floor(i / TRACK_WORDS.length) + 1}`,
    color: random.pick(TRACK_COLORS),
    importId: `track-${i + 1}`,
    createdAt,
  }));

  const roomCount = Math.max(4, Math.ceil(sessionCount / (dayCount * 7)));
  const locations: LocationRecord[] = [
    {
      id: SCALE_GUIDE.firstLocationId,
      guide: SCALE_GUIDE.id,
      name: 'Boston Convention and Exhibition Center',
      description: `<p>Main venue of ${SCALE_GUIDE.name}.</p>`,
      locationType: 1,
      latitude: 42.345,
      longitude: -71.0445,
      importId: null,
      address: { address: 'BCEC', city: 'Boston', country: 'U.S.A.', state: 'MA', street: '415 Summer Street', zipcode: '02210' },
      createdAt,
    },
  ];
  for (let i = 0; i < roomCount; i++) {
    locations.push({
      id: SCALE_GUIDE.firstLocationId + 1 + i,
      guide: SCALE_GUIDE.id,
      name: i < 4 ? ['Grand Ballroom', 'Hall A', 'Hall B', 'Hall C'][i]! : `Room ${100 + i}`,
      description: null,
      locationType: 2,
      latitude: null,
      longitude: null,
      importId: `room-${i + 1}`,
      address: null,
      createdAt,
    });
  }

  const slots: { day: string; start: number; end: number; room: number }[] = [];
  for (const day of days) {
    for (let room = 0; room < roomCount; room++) {
      let start = 7 * 60 + random.int(0, 4) * 15;
      for (;;) {
        const length = random.pick(DURATIONS);
        if (start + length > 21 * 60) break;
        slots.push({ day, start, end: start + length, room });
        start += length + random.pick(GAPS);
      }
    }
  }
  random.shuffle(slots);
  const sessions: SessionRecord[] = slots.slice(0, sessionCount).map((slot, index) => {
    const id = SCALE_GUIDE.firstSessionId + index;
    const allDay = random.chance(0.01);
    const openEnded = !allDay && random.chance(0.03);
    const startTime = allDay ? local(slot.day, 0) : local(slot.day, slot.start);
    const name = random.pick(TITLE_PATTERNS).replace('{topic2}', random.pick(TOPICS)).replace('{topic}', random.pick(TOPICS));
    return {
      id,
      guide: SCALE_GUIDE.id,
      createdAt,
      lastUpdated: createdAt,
      startTime,
      endTime: allDay || openEnded ? null : local(slot.day, slot.end),
      allDay,
      name,
      descriptionHtml: random.chance(0.85) ? `<p>${random.pick(SENTENCES)}</p>` : null,
      importId: random.chance(0.5) ? `AMC27-${id}` : null,
      allowRating: true,
      addToSchedule: true,
      locations: random.chance(0.97) ? [SCALE_GUIDE.firstLocationId + 1 + slot.room] : [],
      scheduleTracks: random
        .sample(
          scheduleTracks,
          random.weighted<number>([
            [20, 0],
            [65, 1],
            [15, 2],
          ]),
        )
        .map((t) => t.id)
        .sort((a, b) => a - b),
      image: null,
      thumbnail: null,
      rank: 0,
      waitlist: false,
      requireLogin: false,
      maxCapacity: null,
      registrationStartDate: null,
      registrationEndDate: null,
    };
  });
  if (sessions.length < sessionCount) throw new Error(`scale guide: ${sessions.length} of ${sessionCount} sessions placed`);
  return { guides: [guide], sessions, scheduleTracks, locations };
}
