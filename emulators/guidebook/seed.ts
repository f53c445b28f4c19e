import type { Faker } from '@faker-js/faker';

import { createSeededFaker } from '../kit/index.js';
import { parseDateTime } from './datetime.js';
import type {
  AttendeeRecord,
  GuidebookTables,
  GuideRecord,
  LocationRecord,
  Micros,
  PersonalizedScheduleRecord,
  ScheduleTrackRecord,
  SessionRecord,
} from './records.js';
import { GUIDE_PLANS, localMidnight, type GuidePlan } from './seedGuides.js';
import { PINNED_ATTENDEE_GUIDES, PINNED_SESSION_GUIDES, PINNED_TO_GUIDE_ONE, samplePersonalizedSchedules, sampleSessions } from './seedSamples.js';
import { EMAIL_DOMAINS, PLENARY_TITLES, ROOM_NAMES, SCHEDULE_GROUPS, TITLE_TEMPLATES, TOPICS, TRACK_COLORS, TRACK_NAMES } from './seedVocabulary.js';

/** How much the seed holds. */
const SEED_SIZES = { guides: GUIDE_PLANS.length, sessions: 1500, scheduleTracks: 60, locations: 60, attendees: 3000, personalizedSchedules: 400 } as const;

const DAY = 86_400_000_000;
const MINUTE = 60_000_000;

/** Ids 1..59 plus 101: the docs' samples reference track and location 101. */
const TRACK_AND_LOCATION_IDS = [...Array.from({ length: 59 }, (_, i) => i + 1), 101];
/** Ids 1..1499 plus 8673 (the docs' `?guide=47&id=8673`). */
const SESSION_IDS = [...Array.from({ length: 1499 }, (_, i) => i + 1), 8673];

/**
 * Builds the seed data set: deterministic for a seed, with the docs' sample objects
 * verbatim and every reference pointing at a row of the same guide.
 */
export function generateSeed(seed: number): GuidebookTables {
  const faker = createSeededFaker(seed);
  const guides = GUIDE_PLANS.map(toGuide);
  const plans = new Map(GUIDE_PLANS.map((plan) => [plan.id, plan]));
  const guideIds = GUIDE_PLANS.map((plan) => plan.id);
  const byGuide = <T extends { guide: number }>(rows: T[], guide: number): T[] => rows.filter((row) => row.guide === guide);

  const scheduleTracks = makeTracks(faker, plans, guideIds);
  const locations = makeLocations(faker, plans, guideIds);
  const sessions = makeSessions(faker, plans, guideIds, scheduleTracks, locations);
  const attendees = makeAttendees(faker, plans, guideIds);

  const sessionsByGuide = new Map(guideIds.map((id) => [id, byGuide(sessions, id).map((s) => s.id)]));
  const attendeesByGuide = new Map(guideIds.map((id) => [id, byGuide(attendees, id).map((a) => a.id)]));
  const personalizedSchedules: PersonalizedScheduleRecord[] = samplePersonalizedSchedules();
  for (let id = 3; id <= SEED_SIZES.personalizedSchedules; id += 1) {
    const guide = faker.helpers.arrayElement(guideIds);
    const plan = plans.get(guide) as GuidePlan;
    personalizedSchedules.push({
      id,
      guide,
      name: `${faker.helpers.arrayElement(['Schedule for', 'Agenda for', 'Example Schedule for'])} ${faker.helpers.arrayElement(SCHEDULE_GROUPS)}`,
      attendees: sortIds(faker.helpers.arrayElements(attendeesByGuide.get(guide) ?? [], { min: 2, max: 8 })),
      sessions: sortIds(faker.helpers.arrayElements(sessionsByGuide.get(guide) ?? [], { min: 3, max: 8 })),
      createdAt: localMidnight(plan, 0) - faker.number.int({ min: 2, max: 30 }) * DAY + faker.number.int({ min: 0, max: DAY - 1 }),
    });
  }
  return { guides, sessions, scheduleTracks, attendees, locations, personalizedSchedules };
}

function toGuide(plan: GuidePlan): GuideRecord {
  return {
    id: plan.id,
    createdAt: parseDateTime(`${plan.createdAt}Z`) as Micros,
    owner: plan.owner,
    name: plan.name,
    shortName: plan.shortName,
    descriptionHtml: `<p>Welcome to <b>${plan.name}</b>! Browse the schedule, build your agenda and meet fellow attendees.</p>`,
    attendeesEstimate: plan.attendeesEstimate,
    startDate: localMidnight(plan, 0),
    endDate: localMidnight(plan, plan.days),
    timezone: plan.timezone,
    category: [...plan.category],
    homeScreenMenuItem: null,
    privacy: 1,
    redeemCode: null,
  };
}

function ownerOf(id: number, index: number, guideIds: number[]): number {
  return PINNED_TO_GUIDE_ONE.has(id) ? 1 : (guideIds[index % guideIds.length] as number);
}

function makeTracks(faker: Faker, plans: Map<number, GuidePlan>, guideIds: number[]): ScheduleTrackRecord[] {
  const namesLeft = new Map(guideIds.map((id) => [id, faker.helpers.shuffle([...TRACK_NAMES])]));
  return TRACK_AND_LOCATION_IDS.map((id, index) => {
    const guide = ownerOf(id, index, guideIds);
    const name = namesLeft.get(guide)?.pop() ?? `Track ${id}`;
    const plan = plans.get(guide) as GuidePlan;
    return {
      id,
      guide,
      name,
      color: faker.datatype.boolean(0.85) ? faker.helpers.arrayElement(TRACK_COLORS) : null,
      importId: faker.datatype.boolean(0.4) ? `track-${slug(name)}` : null,
      createdAt: localMidnight(plan, 0) - faker.number.int({ min: 20, max: 90 }) * DAY + faker.number.int({ min: 0, max: DAY - 1 }),
    };
  });
}

function makeLocations(faker: Faker, plans: Map<number, GuidePlan>, guideIds: number[]): LocationRecord[] {
  const namesLeft = new Map(guideIds.map((id) => [id, faker.helpers.shuffle([...ROOM_NAMES])]));
  const hasVenue = new Set<number>();
  return TRACK_AND_LOCATION_IDS.map((id, index) => {
    const guide = ownerOf(id, index, guideIds);
    const plan = plans.get(guide) as GuidePlan;
    const createdAt = localMidnight(plan, 0) - faker.number.int({ min: 20, max: 90 }) * DAY + faker.number.int({ min: 0, max: DAY - 1 });
    if (!hasVenue.has(guide)) {
      hasVenue.add(guide);
      const { venue } = plan;
      return {
        id,
        guide,
        name: venue.name,
        description: `<p>Main venue of ${plan.name}.</p>`,
        locationType: 1,
        latitude: venue.latitude,
        longitude: venue.longitude,
        importId: null,
        address: { ...venue.address },
        createdAt,
      };
    }
    const mapped = faker.datatype.boolean(0.2);
    return {
      id,
      guide,
      name: namesLeft.get(guide)?.pop() ?? `Room ${id}`,
      description: faker.datatype.boolean(0.3) ? `Level ${faker.number.int({ min: 1, max: 4 })}, follow the signs.` : null,
      locationType: mapped ? 3 : 2,
      latitude: mapped ? round6(plan.venue.latitude + faker.number.float({ min: -0.01, max: 0.01 })) : null,
      longitude: mapped ? round6(plan.venue.longitude + faker.number.float({ min: -0.01, max: 0.01 })) : null,
      importId: faker.datatype.boolean(0.3) ? `room-${id}` : null,
      address: null,
      createdAt,
    };
  });
}

function makeSessions(
  faker: Faker,
  plans: Map<number, GuidePlan>,
  guideIds: number[],
  tracks: ScheduleTrackRecord[],
  locations: LocationRecord[],
): SessionRecord[] {
  const samples = new Map(sampleSessions().map((s) => [s.id, s]));
  const tracksOf = new Map(guideIds.map((g) => [g, tracks.filter((t) => t.guide === g).map((t) => t.id)]));
  const roomsOf = new Map(guideIds.map((g) => [g, locations.filter((l) => l.guide === g && l.locationType !== 1).map((l) => l.id)]));
  const companies = Array.from({ length: 40 }, () => faker.company.name());

  return SESSION_IDS.map((id): SessionRecord => {
    const sample = samples.get(id);
    if (sample) return sample;
    const guide = PINNED_SESSION_GUIDES.get(id) ?? faker.helpers.arrayElement(guideIds);
    const plan = plans.get(guide) as GuidePlan;
    const day = faker.number.int({ min: 0, max: plan.days - 1 });
    const midnight = localMidnight(plan, day);
    const plenary = faker.datatype.boolean(0.12);
    const name = plenary
      ? faker.helpers.arrayElement(PLENARY_TITLES)
      : faker.helpers
          .arrayElement(TITLE_TEMPLATES)
          .replace('{topic2}', faker.helpers.arrayElement(TOPICS))
          .replace('{topic}', faker.helpers.arrayElement(TOPICS))
          .replace('{company}', faker.helpers.arrayElement(companies));
    const workshop = name.startsWith('Hands-on Workshop');
    const allDay = !workshop && faker.datatype.boolean(0.03);
    const startTime = allDay ? midnight : midnight + (8 * 60 + 15 * faker.number.int({ min: 0, max: 36 })) * MINUTE;
    const openEnded = !allDay && faker.datatype.boolean(0.04);
    const duration = workshop ? 120 : faker.helpers.arrayElement([30, 45, 60, 60, 60, 90]);
    const createdAt = localMidnight(plan, 0) - faker.number.int({ min: 5, max: 120 }) * DAY + faker.number.int({ min: 0, max: DAY - 1 });
    const registration = workshop && faker.datatype.boolean(0.5);
    const hasImage = faker.datatype.boolean(0.2);
    return {
      id,
      guide,
      createdAt,
      lastUpdated: createdAt + faker.number.int({ min: 0, max: 4 * DAY }),
      startTime,
      endTime: allDay || openEnded ? null : startTime + duration * MINUTE,
      allDay,
      name,
      descriptionHtml: faker.datatype.boolean(0.85)
        ? `<p>${faker.company.catchPhrase()}. ${faker.helpers.arrayElement(['Bring your laptop.', 'Slides will be shared after the talk.', 'Q&amp;A follows.', 'Suitable for all levels.'])}</p>`
        : null,
      importId: faker.datatype.boolean(0.45) ? `${plan.shortName.toUpperCase()}-${String(id).padStart(5, '0')}` : null,
      allowRating: !plenary && faker.datatype.boolean(0.92),
      addToSchedule: workshop || faker.datatype.boolean(0.95),
      locations: sortIds(
        faker.helpers.arrayElements(
          roomsOf.get(guide) ?? [],
          faker.helpers.weightedArrayElement([
            { weight: 10, value: 0 },
            { weight: 85, value: 1 },
            { weight: 5, value: 2 },
          ]),
        ),
      ),
      scheduleTracks: sortIds(faker.helpers.arrayElements(tracksOf.get(guide) ?? [], { min: 0, max: 2 })),
      image: hasImage ? `https://media.guidebook.com/upload/${guide}/session-${id}-${faker.string.alphanumeric(8)}.jpg` : null,
      thumbnail: hasImage ? `https://media.guidebook.com/upload/${guide}/session-${id}-thumb.jpg` : null,
      rank: faker.datatype.boolean(0.1) ? faker.number.int({ min: 1, max: 5 }) : 0,
      waitlist: workshop && faker.datatype.boolean(0.5),
      requireLogin: workshop,
      maxCapacity: workshop ? faker.number.int({ min: 2, max: 6 }) * 10 : null,
      registrationStartDate: registration ? createdAt + DAY : null,
      registrationEndDate: registration ? startTime - DAY : null,
    };
  });
}

function makeAttendees(faker: Faker, plans: Map<number, GuidePlan>, guideIds: number[]): AttendeeRecord[] {
  const emails = new Set<string>();
  const attendees: AttendeeRecord[] = [];
  for (let id = 1; id <= SEED_SIZES.attendees; id += 1) {
    const guide = PINNED_ATTENDEE_GUIDES.get(id) ?? faker.helpers.arrayElement(guideIds);
    const plan = plans.get(guide) as GuidePlan;
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    let email = `${local}@${faker.helpers.arrayElement(EMAIL_DOMAINS)}`;
    if (emails.has(`${guide}:${email}`)) email = email.replace('@', `${id}@`);
    emails.add(`${guide}:${email}`);
    const status = faker.helpers.weightedArrayElement([
      { weight: 10, value: 0 },
      { weight: 25, value: 1 },
      { weight: 15, value: 2 },
      { weight: 50, value: 3 },
    ]);
    const loggedIn = status === 3;
    const createdAt = localMidnight(plan, 0) - faker.number.int({ min: 10, max: 120 }) * DAY + faker.number.int({ min: 0, max: DAY - 1 });
    attendees.push({
      id,
      guide,
      accountId: 1000 + id,
      importId: faker.datatype.boolean(0.5) ? `REG-${100000 + id}` : null,
      firstName,
      lastName,
      email,
      avatar: loggedIn && faker.datatype.boolean(0.35) ? `https://media.guidebook.com/upload/avatars/${id}-${faker.string.alphanumeric(8)}.jpg` : null,
      cover: loggedIn && faker.datatype.boolean(0.1) ? `https://media.guidebook.com/upload/covers/${id}-${faker.string.alphanumeric(8)}.jpg` : null,
      appProfile: {
        website: loggedIn && faker.datatype.boolean(0.3) ? `https://www.${email.split('@')[1]}` : '',
        position: loggedIn ? faker.person.jobTitle() : '',
        company: loggedIn ? faker.company.name() : '',
        contact_email: loggedIn && faker.datatype.boolean(0.4) ? email : '',
        ...(loggedIn && faker.datatype.boolean(0.2) ? { phone_number: faker.phone.number({ style: 'national' }) } : {}),
      },
      revoked: faker.datatype.boolean(0.03),
      emailOptOut: faker.datatype.boolean(0.05),
      status,
      lastEmailSend: status === 0 ? null : createdAt + faker.number.int({ min: 1, max: 5 }) * DAY,
      createdAt,
    });
  }
  return attendees;
}

function sortIds(ids: number[]): number[] {
  return [...ids].sort((a, b) => a - b);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
