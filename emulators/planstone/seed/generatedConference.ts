import { createHash } from 'node:crypto';

import { FastRandom } from '../../kit/index.js';
import { COMPANIES, FIRST_NAMES, SENTENCES, SURNAMES, TITLE_PATTERNS, TOPICS, TRACK_WORDS } from '../../kit/vocabulary.js';
import type { PlanstoneConference } from '../conferences.js';
import type { PlanstoneDocument } from '../types.js';
import { addDays, formatClock } from './clock.js';
import { EVE_EPOCH } from './eveDocument.js';
import { createObjectIds } from './objectIds.js';

/**
 * When one session happens, in local wall-clock minutes of its conference. `day` missing:
 * no date at all; `start` missing: a date without a time; `end` missing: a start without an
 * end; `noDate`: times written but `startDate`/`endDate` left `""` (sloppy entry).
 */
export interface Slot {
  day?: string;
  start?: number;
  end?: number;
  /** For sessions that end after midnight: write the next day as `endDate` (true) or repeat the start date (false). */
  endOnNextDay?: boolean;
  noDate?: boolean;
}

/** What to generate for one conference beyond the demo one. */
export interface GeneratedConferenceSpec {
  conference: PlanstoneConference;
  seed: number;
  sessions: number;
  speakers: number;
  /** Hand-placed slots (DST nights, midnight crossings, missing times), included in `sessions`. */
  specials: readonly Slot[];
  /** First pid, schedid and pslinkid; ranges of different conferences must not overlap. */
  pidStart: number;
  schedidStart: number;
  /** The ObjectId timestamp of this conference's bulk load (unique per conference). */
  objectIdTime: number;
  hotel: string;
  /** Room names; more are numbered (`Room 101`, …) when the sessions need them. */
  rooms: readonly string[];
}

const DURATIONS = [30, 45, 60, 60, 60, 75, 90, 90, 120, 180] as const;
const GAPS = [0, 15, 15, 30] as const;
const SESSION_TYPES: readonly (readonly [number, readonly [string, string]])[] = [
  [40, ['Breakout', '101131']],
  [6, ['General Session', '101130']],
  [12, ['Poster Session', '101133']],
  [10, ['Workshop', '101134']],
  [10, ['Panel', '101135']],
  [2, ['Keynote', '101139']],
] as const;
const ROLES: readonly (readonly [number, readonly [string, true | null]])[] = [
  [46, ['Presenter', true]],
  [12, ['Co-Presenter', true]],
  [10, ['Moderator', true]],
  [12, ['Panelist', true]],
  [7, ['Eval Contact', null]],
  [4, ['Declined Session Presenter', null]],
] as const;
const ROOMS_PER_SLOT_DAY = 7;

const numbered = (prefix: string, count: number, suffix = '') => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}${suffix}`);
/** A session's keys in the feed's order (that of the demo conference's documents). */
const SESSION_KEYS = [
  '_id',
  'account',
  'conference',
  'session_updated_at',
  'schedule_updated_at',
  'updated_at',
  'clientid',
  'sessionClientID',
  'sessionName',
  'description',
  ...numbered('custom', 20, 'name'),
  ...numbered('learning_objective', 10),
  ...numbered('credits', 9),
  ...numbered('credits', 9, '_label'),
  ...numbered('custom', 20),
  'sched_roomname',
  'roomid',
  'roomname',
  'hotelname',
  'location',
  'startDate',
  'startTime',
  'rstartmins',
  'endDate',
  'endTime',
  'rendmins',
  'sesid',
  'published',
  'schedid',
  'sestype',
  'sessionType',
  'tracks',
  'speakers',
  'ticketed',
  'adanotes',
  'mobileActionURL',
  'SessionDetailsURL',
  'planstoneDesktopUserActionURL',
  'has_handouts',
  '_etag',
  '_created',
  '_updated',
  '_links',
];
const SESSION_TEMPLATE: PlanstoneDocument = { ...Object.fromEntries(SESSION_KEYS.map((key) => [key, null])) };

interface Person {
  pid: string;
  fname: string;
  lname: string;
  title: string;
  company: string;
  email: string;
  published: true | 1 | null;
}

/**
 * A Planstone conference as the feed serves it — the same document shape as the demo
 * conference's sessions and speakers — built with a fast seeded generator (no Faker) so
 * that 10,000 sessions take well under a second. Deterministic for a spec. Sessions fill
 * parallel rooms day by day (07:00 .. 21:00, realistic lengths) and are returned in a
 * shuffled natural order, as the feed's are.
 */
export function generateConference(spec: GeneratedConferenceSpec): { sessions: PlanstoneDocument[]; speakers: PlanstoneDocument[] } {
  const random = new FastRandom(spec.seed);
  const { account, conference } = spec.conference;
  const people: Person[] = [];
  for (let i = 0; i < spec.speakers; i++) people.push(person(random, String(spec.pidStart + i)));
  const ghosts: Person[] = [];
  for (let i = 0; i < Math.max(2, Math.round(spec.speakers / 100)); i++) ghosts.push(person(random, String(spec.pidStart + spec.speakers + 10 + i)));

  const regular = Math.max(0, spec.sessions - spec.specials.length);
  const roomCount = Math.max(spec.rooms.length, Math.ceil(regular / (spec.conference.days.length * ROOMS_PER_SLOT_DAY)));
  const rooms = Array.from({ length: roomCount }, (_, i) => spec.rooms[i] ?? `Room ${101 + i}`);
  const placed: { slot: Slot; room: number }[] = [];
  for (const day of spec.conference.days) {
    for (let room = 0; room < roomCount; room++) {
      let start = (7 * 60 + random.int(0, 4) * 15) | 0;
      for (;;) {
        const length = random.pick(DURATIONS);
        if (start + length > 21 * 60) break;
        placed.push({ slot: { day, start, end: start + length }, room });
        start += length + random.pick(GAPS);
      }
    }
  }
  random.shuffle(placed);
  const slots = [...spec.specials.map((slot, i) => ({ slot, room: i % roomCount })), ...placed.slice(0, regular)];

  const nextId = createObjectIds(spec.objectIdTime, '0b568d8c25', 0x100000);
  const tracks = TRACK_WORDS.slice(0, Math.min(TRACK_WORDS.length, 6 + Math.ceil(spec.sessions / 500)));
  let pslinkid = spec.schedidStart * 4;
  const documents: PlanstoneDocument[] = [];
  slots.forEach(({ slot, room }, index) => {
    const schedid = String(spec.schedidStart + index);
    const [typeName, typeId] = random.weighted(SESSION_TYPES);
    const roomName = random.chance(0.02) ? '' : (rooms[room] as string);
    const name = random.pick(TITLE_PATTERNS).replace('{topic2}', random.pick(TOPICS)).replace('{topic}', random.pick(TOPICS));
    const id = nextId();
    // A copy of the template, then only existing keys assigned: V8 keeps the ~110 keys as fast
    // properties (a document built key by key becomes a dictionary, twice the memory).
    const fields: PlanstoneDocument = Object.assign(
      { ...SESSION_TEMPLATE },
      {
        _id: id,
        account,
        conference,
        session_updated_at: '2026-09-01 10:00:00',
        schedule_updated_at: '2026-08-15 09:30:00',
        updated_at: '2026-09-01 10:00:00',
        clientid: `${typeId.slice(-2)}${index}`,
        sessionClientID: `${typeId.slice(-2)}${index}`,
        sessionName: name,
        description: description(random, name),
      },
    );
    for (let i = 1; i <= 20; i++) fields[`custom${i}name`] = null;
    for (let i = 1; i <= 10; i++) fields[`learning_objective${i}`] = '';
    const credit = random.pick(['0.0', '1.0', '1.5']);
    for (let i = 1; i <= 9; i++) fields[`credits${i}`] = i === 1 ? credit : '0.0';
    for (let i = 1; i <= 9; i++) fields[`credits${i}_label`] = i === 1 ? 'CME' : '';
    for (let i = 1; i <= 20; i++) fields[`custom${i}`] = null;
    Object.assign(fields, {
      sched_roomname: roomName ? `${spec.hotel}: ${roomName}` : '',
      roomid: roomName ? String(spec.schedidStart + 900_000 + room) : '',
      roomname: roomName,
      hotelname: roomName ? spec.hotel : '',
      location: '',
      ...timeFields(slot),
      sesid: schedid,
      published: random.weighted<true | 1 | null>([
        [80, true],
        [15, 1],
        [5, null],
      ]),
      schedid,
      sestype: typeId,
      sessionType: typeName,
      tracks: random
        .sample(
          tracks,
          random.weighted<number>([
            [20, 0],
            [65, 1],
            [15, 2],
          ]),
        )
        .map((track) => ({ track, desc: '' })),
      speakers: [] as unknown[],
      ticketed: null,
      adanotes: null,
      mobileActionURL: 'url for your mobile company',
      SessionDetailsURL: `https://${account}.planion.com/Web.User/SesDet?ACCOUNT=${account}&CONF=${conference}&SCHEDID=${schedid}&ssoOverride=OFF`,
      planstoneDesktopUserActionURL: `https://${account}.planion.com/Z?HH0Z06796&schedid=${schedid}`,
      has_handouts: random.chance(0.3),
    });
    const size = random.weighted<number>([
      [10, 0],
      [40, 1],
      [25, 2],
      [15, 3],
      [10, 4],
    ]);
    const used = new Set<string>();
    const engagements: unknown[] = [];
    for (let order = 1; order <= size; order++) {
      const who = random.chance(0.01) ? random.pick(ghosts) : random.pick(people);
      if (used.has(who.pid)) continue;
      used.add(who.pid);
      const [role, published] = random.weighted(ROLES);
      pslinkid += 1;
      engagements.push({
        cargo: '',
        description: null,
        title: '',
        pid: who.pid,
        pslinkid: String(pslinkid),
        role,
        sortorder: published === null ? '300' : String(order).padStart(3, '0'),
        startTime: ' ',
        published,
        endTime: ' ',
        resources: [],
        affil: who.company,
        fname: who.fname,
        lname: who.lname,
        email: who.email,
        city: '',
        state: '',
        country: '',
        company: who.company,
        suffix: '',
        honorific: '',
      });
    }
    fields.speakers = engagements;
    documents.push(withEveMeta(fields, `${conference}/${schedid}/${name}/${String(fields.startDate)} ${String(fields.startTime)}`, 'sessions', 'session'));
  });

  const nextSpeakerId = createObjectIds(spec.objectIdTime + 4, '0b568d8c25', 0x200000);
  const speakers = people.map((p) =>
    withEveMeta(
      {
        _id: nextSpeakerId(),
        account,
        conference,
        pid: p.pid,
        fname: p.fname,
        lname: p.lname,
        title: p.title,
        company: p.company,
        bio: random.chance(0.5) ? `${p.fname} ${p.lname} works at ${p.company}. ${random.pick(SENTENCES)}` : '',
        piclink: '',
        email: p.email,
        city: '',
        state: '',
        country: '',
        suffix: '',
        honorific: '',
        published: p.published,
        updated_at: '2026-08-01 12:00:00',
      },
      `${conference}/${p.pid}/${p.fname} ${p.lname}`,
      'speakers',
      'speaker',
    ),
  );
  return { sessions: random.shuffle(documents), speakers };
}

/**
 * Adds Eve's meta fields after the document's own, as `eveDocument` does, but without
 * copying the document or hashing all of it: the `_etag` is the SHA-1 of `identity` (the
 * fields that make the document unique) — still 40-hex and stable, and far cheaper at
 * 10,000 documents. [C]: the data never changes, so any stable value would do.
 */
function withEveMeta(document: PlanstoneDocument, identity: string, resource: string, title: string): PlanstoneDocument {
  document._etag = createHash('sha1').update(identity).digest('hex');
  document._created = EVE_EPOCH;
  document._updated = EVE_EPOCH;
  document._links = { self: { title, href: `${resource}/${String(document._id)}` } };
  return document;
}

function person(random: FastRandom, pid: string): Person {
  const fname = random.pick(FIRST_NAMES);
  const lname = random.pick(SURNAMES);
  return {
    pid,
    fname,
    lname,
    title: random.pick(['Professor', 'Attending Physician', 'Nurse Practitioner', 'Chief Medical Officer', 'Researcher', '']),
    company: random.pick(COMPANIES),
    email: `${fname}.${lname}.${pid}@example.org`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9.@]/g, ''),
    published: random.weighted<true | 1 | null>([
      [80, true],
      [12, 1],
      [8, null],
    ]),
  };
}

function description(random: FastRandom, name: string): string | null {
  const kind = random.int(0, 5);
  if (kind === 0) return null;
  if (kind === 1) return '';
  if (kind <= 3) return `<p>${random.pick(SENTENCES)}</p><p>${random.pick(SENTENCES)}</p>`;
  return `${name}.\r\n${random.pick(SENTENCES)}`;
}

/** The six time fields of a slot, written the way the feed writes them. */
export function timeFields(slot: Slot): PlanstoneDocument {
  const clock = (minutes: number | undefined): string => (minutes === undefined ? ' ' : formatClock(minutes));
  const mins = (minutes: number | undefined): string => (minutes === undefined ? '' : String(minutes % 1440));
  if (slot.noDate) {
    return { startDate: '', startTime: clock(slot.start), rstartmins: mins(slot.start), endDate: '', endTime: clock(slot.end), rendmins: mins(slot.end) };
  }
  if (slot.day === undefined) return { startDate: '', startTime: ' ', rstartmins: '', endDate: '', endTime: ' ', rendmins: '' };
  const pastMidnight = slot.end !== undefined && slot.end >= 1440;
  return {
    startDate: slot.day,
    startTime: clock(slot.start),
    rstartmins: mins(slot.start),
    endDate: pastMidnight && slot.endOnNextDay ? addDays(slot.day, 1) : slot.day,
    endTime: slot.start === undefined ? ' ' : clock(slot.end),
    rendmins: slot.start === undefined ? '' : mins(slot.end),
  };
}
