import { GUIDEBOOK_DEMO_API_KEY, PLANSTONE_DEMO, ROUNDWARE_DEMO_TOKEN } from '@sessions-gateway/emulators';
import { request } from 'undici';

// What the minimum upstream calls are computed from: the providers' own data, read
// directly from the emulators (never through a gateway), before any measurement.

interface DrfPage<T> {
  count: number;
  next: string | null;
  results: T[];
}
interface Schedule {
  id: number;
  guide: number;
  attendees: number[];
  sessions: number[];
}

export interface BenchData {
  /** Guidebook's server-chosen page size. */
  guidebookPageSize: number;
  guidebookSessions: number;
  guidebookTracks: number;
  /** Sessions per Guidebook guide. */
  sessionsPerGuide: Map<number, number>;
  schedules: Schedule[];
  planstoneSessions: number;
  planstonePageSize: number;
  /** Each feed session's `startDate` in the feed's `startDate,schedid` order (blank ones first). */
  planstoneDates: string[];
  /** The attendee with the most personalized schedules (scenario b). */
  attendeeId: number;
}

async function getJson<T>(url: string, authorization: string): Promise<T> {
  const response = await request(url, { headers: { authorization, accept: 'application/json' } });
  if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${await response.body.text()}`);
  return (await response.body.json()) as T;
}

async function allPages<T>(first: string, authorization: string): Promise<T[]> {
  const items: T[] = [];
  for (let url: string | null = first; url;) {
    const page: DrfPage<T> = await getJson<DrfPage<T>>(url, authorization);
    items.push(...page.results);
    url = page.next;
  }
  return items;
}

export async function readBenchData(env: Record<string, string>): Promise<BenchData> {
  const gb = env.GUIDEBOOK_API_URL!;
  const gbAuth = `JWT ${GUIDEBOOK_DEMO_API_KEY}`;
  const first = await getJson<DrfPage<{ id: number; guide: number }>>(`${gb}sessions/`, gbAuth);
  const tracks = await getJson<DrfPage<unknown>>(`${gb}schedule-tracks/`, gbAuth);
  const sessions = await allPages<{ guide: number }>(`${gb}sessions/`, gbAuth);
  const sessionsPerGuide = new Map<number, number>();
  for (const s of sessions) sessionsPerGuide.set(s.guide, (sessionsPerGuide.get(s.guide) ?? 0) + 1);
  const schedules = await allPages<Schedule>(`${gb}personalized-schedules/`, gbAuth);
  const perAttendee = new Map<number, number>();
  for (const s of schedules) for (const a of s.attendees) perAttendee.set(a, (perAttendee.get(a) ?? 0) + 1);
  const attendeeId = [...perAttendee.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]![0];

  const ps = env.PLANSTONE_API_URL!;
  const psAuth = `Basic ${Buffer.from(`${PLANSTONE_DEMO.token}:`).toString('base64')}`;
  const where = encodeURIComponent(JSON.stringify({ account: PLANSTONE_DEMO.account, conference: PLANSTONE_DEMO.conference }));
  const feed = await getJson<{ _meta: { total: number; max_results: number } }>(`${ps}sessions?where=${where}&max_results=100`, psAuth);
  const planstoneDates: string[] = [];
  const sortedByDate = `${ps}sessions?where=${where}&max_results=100&sort=startDate,schedid&projection=${encodeURIComponent('{"startDate":1}')}`;
  for (let page = 1; planstoneDates.length < feed._meta.total; page += 1) {
    const answer = await getJson<{ _items: Array<{ startDate?: string }> }>(`${sortedByDate}&page=${page}`, psAuth);
    if (answer._items.length === 0) break;
    planstoneDates.push(...answer._items.map((item) => item.startDate ?? ''));
  }
  // Touch Roundware once so a broken emulator fails here, not mid-run.
  await getJson<unknown[]>(`${env.ROUNDWARE_API_URL}sessions/?project_id=1`, `token ${ROUNDWARE_DEMO_TOKEN}`);

  return {
    guidebookPageSize: first.results.length,
    guidebookSessions: first.count,
    guidebookTracks: tracks.count,
    sessionsPerGuide,
    schedules,
    planstoneSessions: feed._meta.total,
    planstonePageSize: feed._meta.max_results,
    planstoneDates,
    attendeeId,
  };
}
