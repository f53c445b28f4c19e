import { DateTime } from 'luxon';
import { request } from 'undici';

import type { Harness } from './gatewayHarness.js';

// The providers' data as the emulators serve it, read over HTTP with undici and the demo
// credentials — never through the gateway — so tests derive their expectations from the
// providers themselves. Reading costs upstream calls: call `readProviderData` before a
// test resets the emulators' request logs.

export interface GuidebookSession {
  id: number;
  guide: number;
  name: string;
  start_time: string;
  end_time: string | null;
  import_id: string | null;
  schedule_tracks: number[];
  locations: number[];
  all_day?: boolean | null;
  description_html?: string | null;
}
export interface GuidebookTrack {
  id: number;
  guide: number;
  name: string;
  color: string | null;
  import_id: string | null;
}
export interface GuidebookGuide {
  id: number;
  name: string;
  timezone?: string | null;
}
export interface GuidebookLocation {
  id: number;
  guide: number;
  name: string;
}
export interface GuidebookAttendee {
  id: number;
  guide_id: number;
  import_id: string | null;
  first_name: string;
  last_name: string;
  email: string;
  revoked: boolean;
  status: number;
}
export interface GuidebookSchedule {
  id: number;
  guide: number;
  name: string;
  attendees: number[];
  sessions: number[];
}
export interface PlanstoneEngagement {
  pid: string;
  published: boolean | number | string | null;
  sortorder: string | number | null;
  fname?: string | null;
  lname?: string | null;
}
export interface PlanstoneSession {
  _id: string;
  schedid: string;
  sessionName: string | null;
  sessionClientID: string | null;
  clientid?: string | null;
  startDate: string | null;
  startTime: string | null;
  rstartmins?: string | null;
  endDate: string | null;
  endTime: string | null;
  rendmins?: string | null;
  published: boolean | number | null;
  tracks: Array<{ track: string; desc: string | null }> | null;
  speakers: PlanstoneEngagement[] | null;
  description?: string | null;
  roomid?: string | number | null;
  roomname?: string | null;
  sched_roomname?: string | null;
  location?: string | null;
}
export interface PlanstoneSpeaker {
  pid: string;
  fname: string | null;
  lname: string | null;
  published: boolean | number | null;
}
export interface RoundwareSession {
  id: number;
  project_id: number;
  language_id: number | null;
  device_id: string | null;
  client_type: string | null;
  client_system: string | null;
  geo_listen_enabled: boolean;
  demo_stream_enabled: boolean;
  starttime: string | null;
}

/** One session of either source, reduced to what ordering and filtering need. */
export interface RefSession {
  source: 'GUIDEBOOK' | 'PLANSTONE';
  sourceId: string;
  /** Start and end in ms since the epoch (the API's DateTime resolution); null when unset. */
  start: number | null;
  end: number | null;
  importId: string | null;
  /** Planstone `published` read as the feed means it (`true`/`1`); Guidebook sessions are published. */
  published: boolean;
}

export interface ProviderData {
  guidebook: {
    sessions: GuidebookSession[];
    tracks: GuidebookTrack[];
    guides: GuidebookGuide[];
    locations: GuidebookLocation[];
    attendees: GuidebookAttendee[];
    schedules: GuidebookSchedule[];
  };
  planstone: { sessions: PlanstoneSession[]; speakers: PlanstoneSpeaker[]; timeZone: string };
  roundware: { sessions: RoundwareSession[] };
}

async function getJson<T>(url: string, authorization: string): Promise<T> {
  const response = await request(url, { headers: { authorization, accept: 'application/json' } });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** Every row of a Guidebook list, following `next` with the largest page size the API allows. */
async function guidebookAll<T>(env: Record<string, string>, resource: string): Promise<T[]> {
  const authorization = `JWT ${env.GUIDEBOOK_API_KEY}`;
  const rows: T[] = [];
  let url: string | null = new URL(`${resource}/?page_size=500`, env.GUIDEBOOK_API_URL).toString();
  while (url) {
    const page: { next: string | null; results: T[] } = await getJson(url, authorization);
    rows.push(...page.results);
    url = page.next;
  }
  return rows;
}

/** Every document of a Planstone collection, in the feed's natural order. */
async function planstoneAll<T>(env: Record<string, string>, resource: string): Promise<T[]> {
  const authorization = `Basic ${Buffer.from(`${env.PLANSTONE_API_TOKEN}:`).toString('base64')}`;
  const where = JSON.stringify({ account: env.PLANSTONE_ACCOUNT, conference: env.PLANSTONE_CONFERENCE });
  const rows: T[] = [];
  for (let page = 1; ; page += 1) {
    const url = new URL(resource, env.PLANSTONE_API_URL);
    url.search = new URLSearchParams({ where, max_results: '100', page: String(page) }).toString();
    const answer: { _items: T[]; _meta: { total: number } } = await getJson(url.toString(), authorization);
    rows.push(...answer._items);
    if (answer._items.length === 0 || rows.length >= answer._meta.total) return rows;
  }
}

/** Reads everything the gateway's read path serves from the three emulators. */
export async function readProviderData(harness: Harness): Promise<ProviderData> {
  const env = harness.emulators.env;
  const [sessions, tracks, guides, locations, attendees, schedules, psSessions, speakers, rwSessions] = await Promise.all([
    guidebookAll<GuidebookSession>(env, 'sessions'),
    guidebookAll<GuidebookTrack>(env, 'schedule-tracks'),
    guidebookAll<GuidebookGuide>(env, 'guides'),
    guidebookAll<GuidebookLocation>(env, 'locations'),
    guidebookAll<GuidebookAttendee>(env, 'attendees'),
    guidebookAll<GuidebookSchedule>(env, 'personalized-schedules'),
    planstoneAll<PlanstoneSession>(env, 'sessions'),
    planstoneAll<PlanstoneSpeaker>(env, 'speakers'),
    getJson<RoundwareSession[]>(new URL('sessions/', env.ROUNDWARE_API_URL).toString(), `token ${env.ROUNDWARE_API_TOKEN}`),
  ]);
  return {
    guidebook: { sessions, tracks, guides, locations, attendees, schedules },
    planstone: { sessions: psSessions, speakers, timeZone: env.PLANSTONE_TIMEZONE! },
    roundware: { sessions: rwSessions },
  };
}

/** `"2017-09-18T16:00:00.000000+0000"` → ms since the epoch (microseconds dropped, as the API's DateTime does). */
export function guidebookMs(value: string | null): number | null {
  if (value === null) return null;
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+0000$/.exec(value);
  if (!match) throw new Error(`unexpected Guidebook datetime ${value}`);
  return Date.parse(`${match[1]}.${(match[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`);
}

function clockMinutes(clock: string | null | undefined, minutes: string | null | undefined): number | null {
  const match = /^(\d{1,2}):(\d{2})\s*([ap]m)$/i.exec(clock?.trim() ?? '');
  if (match) return ((Number(match[1]) % 12) + (match[3]!.toLowerCase() === 'pm' ? 12 : 0)) * 60 + Number(match[2]);
  return minutes?.trim() ? Number(minutes) : null;
}

/** A Planstone local date and wall-clock minutes in the conference zone, as ms; null without a date. */
function planstoneLocalMs(date: string | null, minutes: number | null, zone: string): number | null {
  if (!date?.trim()) return null;
  const [year, month, day] = date.trim().split('-').map(Number) as [number, number, number];
  const m = minutes ?? 0;
  // The wall-clock time read as if it were UTC, then every offset the zone has around it
  // tried: a time the clocks show twice (the night DST ends) is its first occurrence, as
  // the schema's Planstone mapping documents; a time they skip moves forward an hour.
  const wall = Date.UTC(year, month - 1, day, 0, m);
  const offsets = [-6, 6].map((hours) => DateTime.fromMillis(wall + hours * 3_600_000, { zone }).offset);
  const candidates = offsets.map((offset) => wall - offset * 60_000).filter((ms) => DateTime.fromMillis(ms, { zone }).offset * 60_000 === wall - ms);
  return candidates.length > 0 ? Math.min(...candidates) : wall - Math.min(...offsets) * 60_000;
}

/** A Planstone session's start: its date at its start time (midnight for a date without one) in the conference zone. */
export function planstoneStartMs(session: PlanstoneSession, zone: string): number | null {
  return planstoneLocalMs(session.startDate, clockMinutes(session.startTime, session.rstartmins), zone);
}

/**
 * A Planstone session's end: null without a start time or an end time. An end before the
 * start on the same date (the end date unset or the start date repeated) is past midnight.
 */
export function planstoneEndMs(session: PlanstoneSession, zone: string): number | null {
  const startMinutes = clockMinutes(session.startTime, session.rstartmins);
  const endMinutes = clockMinutes(session.endTime, session.rendmins);
  if (!session.startDate?.trim() || startMinutes === null || endMinutes === null) return null;
  const endDate = session.endDate?.trim() ? session.endDate : session.startDate;
  const start = planstoneLocalMs(session.startDate, startMinutes, zone)!;
  const end = planstoneLocalMs(endDate, endMinutes, zone)!;
  return end < start && endDate.trim() === session.startDate.trim() ? planstoneLocalMs(endDate, endMinutes + 1440, zone) : end;
}

/** The feed's loose booleans: `true`, `1`, `"1"` mean yes. */
export function feedTrue(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

export function refSessions(data: ProviderData): RefSession[] {
  const zone = data.planstone.timeZone;
  return [
    ...data.guidebook.sessions.map((s): RefSession => ({
      source: 'GUIDEBOOK',
      sourceId: String(s.id),
      start: guidebookMs(s.start_time),
      end: guidebookMs(s.end_time),
      importId: s.import_id?.trim() || null,
      published: true,
    })),
    ...data.planstone.sessions.map((s): RefSession => ({
      source: 'PLANSTONE',
      sourceId: s.schedid,
      start: planstoneStartMs(s, zone),
      end: planstoneEndMs(s, zone),
      importId: s.sessionClientID?.trim() || s.clientid?.trim() || null,
      published: feedTrue(s.published),
    })),
  ];
}

// The session order, written from the spec rather than from `src/models/sessionOrder.ts`
// (README: "start-time order (ties: source, then source id)"; schema/session.graphql:
// "sessions without one come last"; docs ARCHITECTURE: no-time sessions last "in both
// directions"). Each session gets a key of numbers, compared left to right:
//   1. has the time (0) or not (1) — so sessions without one are last whatever the direction;
//   2. the time in ms, negated for DESC;
//   3. the source: Guidebook before Planstone, in both directions;
//   4. the source id as a number (both providers' ids are decimal integers), negated for DESC
//      (as Guidebook's own `ordering=-start_time,-id` answers them).

const SOURCE_RANK: Record<RefSession['source'], number> = { GUIDEBOOK: 0, PLANSTONE: 1 };

function idNumber(sourceId: string): number {
  if (!/^\d{1,15}$/.test(sourceId)) throw new Error(`the session-order oracle expects decimal source ids, got ${JSON.stringify(sourceId)}`);
  return Number(sourceId);
}

function orderKey(s: RefSession, field: 'START_TIME' | 'END_TIME', direction: 'ASC' | 'DESC'): number[] {
  const time = field === 'START_TIME' ? s.start : s.end;
  const sign = direction === 'DESC' ? -1 : 1;
  return [time === null ? 1 : 0, time === null ? 0 : sign * time, SOURCE_RANK[s.source], sign * idNumber(s.sourceId)];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** The sessions in the API's documented order (see above); a new array. */
export function sortSessions(
  sessions: readonly RefSession[],
  field: 'START_TIME' | 'END_TIME' = 'START_TIME',
  direction: 'ASC' | 'DESC' = 'ASC',
): RefSession[] {
  return sessions
    .map((session) => ({ session, key: orderKey(session, field, direction) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ session }) => session);
}

/** `SOURCE:sourceId`, the identity tests compare sessions by. */
export const sessionKey = (s: { source: string; sourceId: string }): string => `${s.source}:${s.sourceId}`;

/** The page size Guidebook chooses when not asked (learned from an unsized request, as the gateway learns it). */
export async function guidebookPageSize(harness: Harness): Promise<number> {
  const env = harness.emulators.env;
  const page: { next: string | null; results: unknown[] } = await getJson(
    new URL('sessions/', env.GUIDEBOOK_API_URL).toString(),
    `JWT ${env.GUIDEBOOK_API_KEY}`,
  );
  if (!page.next) throw new Error('expected more than one page of sessions');
  return page.results.length;
}

/**
 * How many pages (of 100) of the feed sorted by `startDate,schedid` a start-ordered read of
 * the first `count` sessions needs: the feed sorts by its ISO date strings (blank dates
 * first), so the pages are read until `count` dated sessions lie on dates before the last
 * date read (all of that date's sessions are then in hand), or until the feed ends.
 */
export function planstoneDayPages(data: ProviderData, count: number): number {
  const date = (s: PlanstoneSession) => s.startDate?.trim() ?? '';
  const sorted = [...data.planstone.sessions].sort((a, b) =>
    date(a) !== date(b) ? (date(a) < date(b) ? -1 : 1) : a.schedid < b.schedid ? -1 : a.schedid > b.schedid ? 1 : 0,
  );
  const pages = Math.ceil(sorted.length / 100);
  for (let page = 1; page < pages; page += 1) {
    const read = sorted.slice(0, page * 100).filter((s) => date(s) !== '');
    const lastDate = date(read.at(-1)!);
    if (read.filter((s) => date(s) < lastDate).length >= count) return page;
  }
  return pages;
}
