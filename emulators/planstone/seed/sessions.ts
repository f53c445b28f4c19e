import type { Faker } from '@faker-js/faker';

import { PLANSTONE_DEMO } from '../demo.js';
import type { PlanstoneDocument } from '../types.js';
import { addDays, formatClock } from './clock.js';
import { eveDocument } from './eveDocument.js';
import { createObjectIds } from './objectIds.js';
import type { Person } from './speakers.js';

/** How many sessions the demo conference has, the docs' sample included (the docs show `_meta.total` 823). */
export const SESSION_COUNT = 823;

/** The conference days (local, America/Chicago). US daylight saving time ended on 2024-11-03 at 02:00. */
export const CONFERENCE_DAYS = ['2024-10-31', '2024-11-01', '2024-11-02', '2024-11-03', '2024-11-04', '2024-11-05'] as const;

/** The recurring track names (`tracks[].track`). */
export const TRACK_NAMES = [
  'Clinical Practice',
  'Research & Innovation',
  'Leadership',
  'Education',
  'Policy & Advocacy',
  'Technology',
  'Quality & Safety',
  'Pediatrics',
  'Global Health',
  'Ethics',
  'Workforce Development',
  'Patient Experience',
  'Public Health',
  'Informatics',
  'Professional Development',
] as const;

const SESSION_TYPES = [
  { name: 'Breakout', id: '101131', weight: 40 },
  { name: 'General Session', id: '101130', weight: 6 },
  { name: 'Poster Session', id: '101133', weight: 12 },
  { name: 'Workshop', id: '101134', weight: 10 },
  { name: 'Panel', id: '101135', weight: 10 },
  { name: 'Special Event', id: '101136', weight: 5 },
  { name: 'Roundtable', id: '101137', weight: 7 },
  { name: 'Committee Meeting', id: '101138', weight: 6 },
  { name: 'Keynote', id: '101139', weight: 2 },
  { name: 'Exhibit Hall', id: '101140', weight: 2 },
] as const;

const VENUES = [
  {
    hotel: 'Henry B. Gonzalez Convention Center',
    rooms: [
      'Exhibit Hall 4',
      'Exhibit Hall 3',
      'Ballroom A',
      'Ballroom B',
      'Room 214C',
      'Room 214D',
      'Room 217A',
      'Room 217B',
      'Room 221',
      'Room 225',
      'Room 301A',
      'Room 302',
      'Room 303',
      'Stars at Night Ballroom',
    ],
  },
  { hotel: 'Grand Hyatt San Antonio', rooms: ['Lone Star Ballroom A', 'Lone Star Ballroom B', 'Bonham C', 'Bonham D', 'Travis A', 'Crockett Boardroom'] },
  { hotel: 'Marriott Rivercenter', rooms: ['Salon E', 'Salon F', 'Conference Room 11', 'Alamo Ballroom'] },
] as const;

/** Each room's Planstone room id, fixed across seeds. */
const ROOM_IDS = new Map<string, string>(VENUES.flatMap((venue, v) => venue.rooms.map((room, r) => [room, String(910024 + v * 100 + r * 7)] as const)));

const ROLES = [
  { role: 'Presenter', published: true, weight: 46 },
  { role: 'Co-Presenter', published: true, weight: 12 },
  { role: 'Moderator', published: true, weight: 10 },
  { role: 'Panelist', published: true, weight: 12 },
  { role: 'Eval Contact', published: null, weight: 7 },
  { role: 'Session Organizer', published: null, weight: 6 },
  { role: 'Declined Session Presenter', published: null, weight: 4 },
  { role: 'Declined Session Moderator', published: null, weight: 3 },
] as const;

const CUSTOM_NAMES: Record<number, string> = {
  1: '2-Part Session',
  2: 'Track Sponsor',
  3: 'Custom Eval question 1',
  5: 'Custom Eval question 2',
  6: 'Custom Eval comment 2',
  7: 'Custom Eval question 3',
  8: 'Custom Eval comment 3',
  9: 'Credit Units',
};

const CREDIT_LABELS = ['CME', 'CNE', 'ACPE', '', '', '', '', '', ''];

const TOPICS = [
  'Sepsis Recognition',
  'Telehealth',
  'Burnout',
  'Health Equity',
  'Antimicrobial Stewardship',
  'Pain Management',
  'Care Transitions',
  'Simulation Training',
  'Ice Cream Novelty',
  'Value-Based Care',
  'Nurse Staffing',
  'Genomics',
  'Wearables',
  'Falls Prevention',
  'Maternal Health',
  'Vaccine Confidence',
  'Rural Access',
  'AI Scribes',
  'Medication Safety',
  'Palliative Care',
  'Interprofessional Teams',
  'Opioid Stewardship',
  'Diabetes Self-Management',
];

/** Session scheduling as generated, before it is written in Planstone's sloppy string fields. */
interface Slot {
  day: string | undefined;
  start: number | undefined;
  end: number | undefined;
  /** For sessions that end after midnight: write the next day's date (true) or repeat the start date (false). */
  endOnNextDay: boolean;
}

/**
 * The conference's sessions (the docs' sample excluded), in natural order (shuffled: the feed
 * is not ordered by time). `people` are the speaker pool, `ghosts` people whose pid `/speakers`
 * does not have; engagements copy the person fields, as the consumer scripts read them.
 */
export function generateSessionDocuments(faker: Faker, count: number, people: readonly Person[], ghosts: readonly Person[]): PlanstoneDocument[] {
  const nextId = createObjectIds(0x65dd3f26, '0b568d8c25', 0x5fd000 + faker.number.int(0x3ff));
  const slots = generateSlots(faker, count);
  let schedid = 910152;
  let pslinkid = 38306;
  const sesids: string[] = [];
  const clientIds: string[] = [];
  const documents: PlanstoneDocument[] = [];

  for (const slot of slots) {
    schedid += faker.number.int({ min: 1, max: 9 });
    const type = faker.helpers.weightedArrayElement(SESSION_TYPES.map((t) => ({ weight: t.weight, value: t })));
    // A few sessions are a second scheduling of the same session: same sesid, new schedid.
    const sesid = sesids.length > 20 && faker.datatype.boolean(0.015) ? faker.helpers.arrayElement(sesids) : String(schedid + 1);
    sesids.push(sesid);
    const clientId =
      clientIds.length > 20 && faker.datatype.boolean(0.01)
        ? faker.helpers.arrayElement(clientIds)
        : `${faker.number.int({ min: 100, max: 999 })}${faker.helpers.arrayElement(['', 'a', 'b', '-P'])}`;
    clientIds.push(clientId);
    const venue = faker.helpers.weightedArrayElement(VENUES.map((v, i) => ({ weight: i === 0 ? 70 : 15, value: v })));
    const room: string = faker.datatype.boolean(0.03) ? '' : faker.helpers.arrayElement(venue.rooms);
    const updatedAt = faker.date.between({ from: '2023-09-01T00:00:00Z', to: '2024-10-15T00:00:00Z' });
    const scheduleUpdatedAt = new Date(updatedAt.getTime() - faker.number.int(90 * 86_400) * 1000);
    const touched = faker.datatype.boolean(0.2) ? new Date(updatedAt.getTime() + faker.number.int(20 * 86_400) * 1000) : updatedAt;
    const name = sessionName(faker, type.name);

    const fields: PlanstoneDocument = {
      account: PLANSTONE_DEMO.account,
      conference: PLANSTONE_DEMO.conference,
      session_updated_at: stamp(updatedAt),
      schedule_updated_at: stamp(scheduleUpdatedAt),
      updated_at: stamp(touched),
      clientid: faker.datatype.boolean(0.06) ? '' : clientId,
      sessionClientID: faker.datatype.boolean(0.04) ? null : clientId,
      sessionName: name,
      description: description(faker, name),
    };
    for (let i = 1; i <= 20; i++) fields[`custom${i}name`] = CUSTOM_NAMES[i] ?? null;
    for (
      let i = 1,
        filled = faker.helpers.weightedArrayElement([
          { weight: 4, value: 0 },
          { weight: 3, value: 2 },
          { weight: 3, value: 3 },
        ]);
      i <= 10;
      i++
    ) {
      fields[`learning_objective${i}`] = i <= filled ? learningObjective(faker) : '';
    }
    const credit = faker.helpers.weightedArrayElement([
      { weight: 30, value: '0.0' },
      { weight: 30, value: '1.0' },
      { weight: 20, value: '1.5' },
      { weight: 10, value: '0.75' },
      { weight: 7, value: '2.0' },
      { weight: 3, value: '3.25' },
    ]);
    const labelsMissing = faker.datatype.boolean(0.06);
    for (let i = 1; i <= 9; i++) fields[`credits${i}`] = i === 1 ? credit : i === 2 && credit !== '0.0' && faker.datatype.boolean(0.5) ? credit : '0.0';
    for (let i = 1; i <= 9; i++) fields[`credits${i}_label`] = labelsMissing ? '' : (CREDIT_LABELS[i - 1] ?? '');
    for (let i = 1; i <= 20; i++) fields[`custom${i}`] = customValue(faker, i, credit);
    Object.assign(fields, {
      sched_roomname: room ? `${venue.hotel}: ${room}` : '',
      roomid: ROOM_IDS.get(room) ?? '',
      roomname: room,
      hotelname: room ? venue.hotel : '',
      location: faker.helpers.weightedArrayElement([
        { weight: 70, value: '' },
        { weight: 15, value: null },
        { weight: 15, value: faker.helpers.arrayElement(['Level 2', 'Level 3', 'River Level', 'Street Level']) },
      ]),
      ...timeFields(slot),
      sesid,
      published: faker.helpers.weightedArrayElement<true | 1 | null>([
        { weight: 72, value: true },
        { weight: 20, value: 1 },
        { weight: 8, value: null },
      ]),
      schedid: String(schedid),
      sestype: type.id,
      sessionType: type.name,
      tracks: tracks(faker),
      speakers: [] as unknown[],
      ticketed: faker.helpers.weightedArrayElement([
        { weight: 70, value: null },
        { weight: 15, value: '' },
        { weight: 10, value: 'No' },
        { weight: 5, value: 'Yes' },
      ]),
      adanotes: faker.helpers.weightedArrayElement([
        { weight: 80, value: null },
        { weight: 15, value: '' },
        { weight: 5, value: 'Wheelchair-accessible seating at the front of the room.' },
      ]),
      mobileActionURL: faker.datatype.boolean(0.85) ? 'url for your mobile company' : '',
      SessionDetailsURL: `https://${PLANSTONE_DEMO.account}.planion.com/Web.User/SesDet?ACCOUNT=${PLANSTONE_DEMO.account}&CONF=${PLANSTONE_DEMO.conference}&SCHEDID=${schedid}&ssoOverride=OFF`,
      planstoneDesktopUserActionURL: `https://${PLANSTONE_DEMO.account}.planion.com/Z?HH0Z06796&schedid=${schedid}`,
      has_handouts: faker.datatype.boolean(0.3),
    });

    const engagements: unknown[] = [];
    const size = faker.helpers.weightedArrayElement([
      { weight: 10, value: 0 },
      { weight: 35, value: 1 },
      { weight: 25, value: 2 },
      { weight: 15, value: 3 },
      { weight: 10, value: 4 },
      { weight: 5, value: 6 },
    ]);
    const used = new Set<string>();
    for (let order = 1; order <= size; order++) {
      const person = faker.datatype.boolean(0.025) ? faker.helpers.arrayElement(ghosts) : faker.helpers.arrayElement(people);
      if (used.has(person.pid)) continue;
      used.add(person.pid);
      const role = faker.helpers.weightedArrayElement(ROLES.map((r) => ({ weight: r.weight, value: r })));
      pslinkid += faker.number.int({ min: 1, max: 3 });
      engagements.push({
        cargo: '',
        description: null,
        title: faker.datatype.boolean(0.8) ? '' : (person.title ?? ''),
        pid: person.pid,
        pslinkid: String(pslinkid),
        role: role.role,
        sortorder: role.published === null ? faker.helpers.arrayElement(['300', '500']) : String(order).padStart(3, '0'),
        startTime: ' ',
        published: role.published === true && faker.datatype.boolean(0.05) ? null : role.published,
        endTime: ' ',
        resources: [],
        affil: faker.datatype.boolean(0.7) ? '' : person.company,
        fname: person.fname,
        lname: person.lname,
        email: person.email,
        city: person.city,
        state: person.state,
        country: person.country,
        company: person.company,
        suffix: person.suffix,
        honorific: person.honorific,
      });
    }
    fields.speakers = engagements;

    // A few records predate some columns, like the docs' own sample.
    if (faker.datatype.boolean(0.03)) {
      delete fields.planstoneDesktopUserActionURL;
      delete fields.has_handouts;
    }
    documents.push(eveDocument(nextId(), fields, 'sessions', 'session'));
  }
  return faker.helpers.shuffle(documents);
}

/**
 * When each session happens. Local wall-clock minutes; some sessions have no date at all,
 * some a date but no time, some run past midnight (one into the repeated 1 am hour of the
 * DST change), and a few start inside that ambiguous hour.
 */
function generateSlots(faker: Faker, count: number): Slot[] {
  const special: Slot[] = [
    // Runs from Saturday evening into the night daylight saving time ends (01:30 happens twice).
    { day: '2024-11-02', start: 22 * 60, end: 25 * 60 + 30, endOnNextDay: true },
    { day: '2024-11-02', start: 23 * 60 + 30, end: 26 * 60 + 30, endOnNextDay: false },
    // Start inside the ambiguous hour on 2024-11-03.
    { day: '2024-11-03', start: 60 + 30, end: 2 * 60, endOnNextDay: false },
    { day: '2024-11-03', start: 60 + 15, end: 60 + 45, endOnNextDay: false },
    { day: '2024-11-03', start: 60 + 45, end: 3 * 60, endOnNextDay: false },
    // Other late sessions that end after midnight.
    { day: '2024-10-31', start: 21 * 60 + 30, end: 24 * 60 + 30, endOnNextDay: true },
    { day: '2024-11-01', start: 22 * 60 + 30, end: 24 * 60 + 45, endOnNextDay: false },
    { day: '2024-11-03', start: 23 * 60, end: 25 * 60, endOnNextDay: true },
    { day: '2024-11-04', start: 22 * 60, end: 24 * 60 + 15, endOnNextDay: false },
  ];
  const slots: Slot[] = [...special];
  for (let i = 0; i < 12; i++) slots.push({ day: undefined, start: undefined, end: undefined, endOnNextDay: false });
  for (let i = 0; i < 6; i++) slots.push({ day: faker.helpers.arrayElement(CONFERENCE_DAYS), start: undefined, end: undefined, endOnNextDay: false });
  while (slots.length < count) {
    const day = faker.helpers.weightedArrayElement(CONFERENCE_DAYS.map((d, i) => ({ weight: i === 0 || i === 5 ? 8 : 21, value: d })));
    const start = faker.number.int({ min: 28, max: 84 }) * 15; // 07:00 .. 21:00
    const length = faker.helpers.arrayElement([30, 45, 60, 60, 60, 75, 90, 90, 120, 180]);
    slots.push({ day, start, end: Math.min(start + length, 23 * 60 + 45), endOnNextDay: false });
  }
  return slots.slice(0, count);
}

function timeFields(slot: Slot): PlanstoneDocument {
  if (slot.day === undefined) {
    return { startDate: '', startTime: ' ', rstartmins: '', endDate: '', endTime: ' ', rendmins: '' };
  }
  if (slot.start === undefined || slot.end === undefined) {
    return { startDate: slot.day, startTime: ' ', rstartmins: '', endDate: slot.day, endTime: ' ', rendmins: '' };
  }
  const pastMidnight = slot.end >= 1440;
  return {
    startDate: slot.day,
    startTime: formatClock(slot.start),
    rstartmins: String(slot.start),
    endDate: pastMidnight && slot.endOnNextDay ? addDays(slot.day, 1) : slot.day,
    endTime: formatClock(slot.end),
    rendmins: String(slot.end % 1440),
  };
}

function sessionName(faker: Faker, type: string): string {
  const topic = faker.helpers.arrayElement(TOPICS);
  const name = faker.helpers.arrayElement([
    `${topic}: ${faker.company.catchPhrase()}`,
    `${faker.hacker.ingverb().replace(/^./, (c) => c.toUpperCase())} ${topic}`,
    `${topic} in Practice`,
    `${type === 'Poster Session' ? 'Posters: ' : ''}${topic} & ${faker.helpers.arrayElement(TOPICS)}`,
    `Beyond ${topic} — ${faker.company.buzzPhrase()}`,
  ]);
  // Sloppy data entry: the odd trailing space or HTML entity in a title.
  if (faker.datatype.boolean(0.02)) return `${name} `;
  if (faker.datatype.boolean(0.02)) return name.replace(/&/g, '&amp;');
  return name;
}

function description(faker: Faker, name: string): string | null {
  const kind = faker.number.int(9);
  if (kind === 0) return null;
  if (kind === 1) return '';
  if (kind <= 5) {
    return `<p>${faker.lorem.sentences(2)}</p><ul><li>${faker.lorem.sentence()}</li><li>${faker.lorem.sentence()}</li></ul><p><strong>Note:</strong> attendees’ questions welcome.</p>`;
  }
  return kind === 6 ? `${name}.\r\n${faker.lorem.paragraph()}` : faker.lorem.paragraph();
}

function learningObjective(faker: Faker): string {
  return `${faker.helpers.arrayElement(['Describe', 'Identify', 'Discuss', 'Apply', 'Evaluate'])} ${faker.lorem.words(5)}.`;
}

function customValue(faker: Faker, index: number, credit: string): string | null {
  switch (index) {
    case 1:
      return faker.helpers.weightedArrayElement([
        { weight: 70, value: null },
        { weight: 20, value: 'No' },
        { weight: 10, value: 'Yes' },
      ]);
    case 2:
      return faker.datatype.boolean(0.15) ? faker.company.name() : null;
    case 3:
    case 5:
    case 7:
      return faker.datatype.boolean(0.3) ? 'How well did the session meet its objectives?' : null;
    case 9:
      return credit === '0.0' ? null : credit;
    default:
      return faker.datatype.boolean(0.01) ? '' : null;
  }
}

function tracks(faker: Faker): { track: string; desc: string }[] {
  const size = faker.helpers.weightedArrayElement([
    { weight: 20, value: 0 },
    { weight: 60, value: 1 },
    { weight: 20, value: 2 },
  ]);
  return faker.helpers.arrayElements(TRACK_NAMES, size).map((track) => ({
    track,
    desc: faker.helpers.weightedArrayElement([
      { weight: 50, value: '' },
      { weight: 30, value: track },
      { weight: 20, value: `Sessions on ${track.toLowerCase()}.` },
    ]),
  }));
}

function stamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
