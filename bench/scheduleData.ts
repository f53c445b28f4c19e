import { GUIDEBOOK_DEMO_API_KEY, PLANSTONE_DEMO } from '@sessions-gateway/emulators';
import { request } from 'undici';

// What the schedule scenarios (e)–(h) are chosen from and their minimum upstream calls are
// computed from: the providers' own data, read directly from the emulators (never through a
// gateway), plus the conference list a set-up gateway answered (ids, time zones, days).

export interface ConferenceInfo {
  id: string;
  source: 'GUIDEBOOK' | 'PLANSTONE';
  sourceId: string;
  name: string;
  timeZone: string;
  days: string[];
}

export interface PlanstoneConferenceData {
  conference: ConferenceInfo;
  total: number;
  /** Sessions per feed `startDate` (a local date). */
  perStartDate: Map<string, number>;
  /** Speaker surnames (one word, letters only) with how many sessions list them. */
  surnames: Map<string, number>;
}

export interface ScheduleData {
  guidebookPageSize: number;
  planstonePageSize: number;
  guidebookTracks: number;
  /** Guidebook session ids in `ordering=start_time` order, every guide. */
  guidebookOrder: Array<{ id: number; guide: number }>;
  /** The Guidebook conference with the most sessions. */
  guidebook: ConferenceInfo;
  guidebookSessions: number;
  /** Every Planstone conference, and the one with the most sessions. */
  planstoneConferences: PlanstoneConferenceData[];
  planstone: PlanstoneConferenceData;
}

interface DrfPage<T> {
  count: number;
  next: string | null;
  results: T[];
}
interface EvePage<T> {
  _items: T[];
  _meta: { page: number; max_results: number; total: number };
}
interface PlanstoneSession {
  startDate?: string | null;
  speakers?: Array<{ lname?: string | null }> | null;
}

async function getJson<T>(url: string, authorization: string): Promise<T> {
  const response = await request(url, { headers: { authorization, accept: 'application/json' } });
  if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${(await response.body.text()).slice(0, 300)}`);
  return (await response.body.json()) as T;
}

/** "Smith, MD" → "Smith"; undefined unless one word of letters. */
function surnameOf(lname: string | null | undefined): string | undefined {
  const word = (lname ?? '').split(',')[0]!.trim();
  return /^[A-Za-z]{3,}$/.test(word) ? word : undefined;
}

export async function readScheduleData(env: Record<string, string>, conferences: ConferenceInfo[]): Promise<ScheduleData> {
  const gb = env.GUIDEBOOK_API_URL!;
  const gbAuth = `JWT ${GUIDEBOOK_DEMO_API_KEY}`;
  const guidebookOrder: Array<{ id: number; guide: number }> = [];
  let pageSize = 0;
  for (let url: string | null = `${gb}sessions/?ordering=start_time`; url;) {
    const page: DrfPage<{ id: number; guide: number }> = await getJson<DrfPage<{ id: number; guide: number }>>(url, gbAuth);
    pageSize ||= page.results.length;
    guidebookOrder.push(...page.results.map((s) => ({ id: s.id, guide: s.guide })));
    url = page.next;
  }
  const tracks = await getJson<DrfPage<unknown>>(`${gb}schedule-tracks/`, gbAuth);
  const perGuide = new Map<number, number>();
  for (const s of guidebookOrder) perGuide.set(s.guide, (perGuide.get(s.guide) ?? 0) + 1);
  const guidebookConferences = conferences.filter((c) => c.source === 'GUIDEBOOK');
  const guidebook = [...guidebookConferences].sort((a, b) => (perGuide.get(Number(b.sourceId)) ?? 0) - (perGuide.get(Number(a.sourceId)) ?? 0))[0];
  if (!guidebook) throw new Error('the gateway lists no Guidebook conference');

  const ps = env.PLANSTONE_API_URL!;
  const psAuth = `Basic ${Buffer.from(`${env.PLANSTONE_API_TOKEN ?? PLANSTONE_DEMO.token}:`).toString('base64')}`;
  let planstonePageSize = 100;
  const planstoneConferences: PlanstoneConferenceData[] = [];
  for (const conference of conferences.filter((c) => c.source === 'PLANSTONE')) {
    const [account, conf] = conference.sourceId.split('/') as [string, string];
    const where = encodeURIComponent(JSON.stringify({ account, conference: conf }));
    const perStartDate = new Map<string, number>();
    const surnames = new Map<string, number>();
    let total: number;
    for (let page = 1; ; page += 1) {
      const answer = await getJson<EvePage<PlanstoneSession>>(`${ps}sessions?where=${where}&max_results=100&page=${page}`, psAuth);
      planstonePageSize = answer._meta.max_results;
      total = answer._meta.total;
      for (const s of answer._items) {
        const date = (s.startDate ?? '').trim();
        perStartDate.set(date, (perStartDate.get(date) ?? 0) + 1);
        const seen = new Set<string>();
        for (const e of s.speakers ?? []) {
          const name = surnameOf(e.lname);
          if (name && !seen.has(name)) {
            seen.add(name);
            surnames.set(name, (surnames.get(name) ?? 0) + 1);
          }
        }
      }
      if (page * answer._meta.max_results >= total) break;
    }
    planstoneConferences.push({ conference, total, perStartDate, surnames });
  }
  const planstone = [...planstoneConferences].sort((a, b) => b.total - a.total)[0];
  if (!planstone) throw new Error('the gateway lists no Planstone conference');

  return {
    guidebookPageSize: pageSize,
    planstonePageSize,
    guidebookTracks: tracks.count,
    guidebookOrder,
    guidebook,
    guidebookSessions: perGuide.get(Number(guidebook.sourceId)) ?? 0,
    planstoneConferences,
    planstone,
  };
}

/** The instant of a local wall-clock time (`YYYY-MM-DD`, hour, minute) in an IANA time zone. */
export function zonedInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
        .formatToParts(new Date(instant))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - instant;
  };
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant);
}

/** The middle one of a conference's days. */
export function middleDay(conference: ConferenceInfo): string {
  const day = conference.days[Math.floor((conference.days.length - 1) / 2)];
  if (!day) throw new Error(`conference ${conference.sourceId} has no days`);
  return day;
}

/** The middle one of the days both conferences hold sessions on, else the first one's middle day. */
export function sharedMiddleDay(a: ConferenceInfo, b: ConferenceInfo): string {
  const shared = a.days.filter((d) => b.days.includes(d));
  return shared[Math.floor((shared.length - 1) / 2)] ?? middleDay(a);
}

/** Two surnames to search for: listed by 2–10 sessions, the alphabetically first two. */
export function searchSurnames(data: PlanstoneConferenceData): [string, string] {
  const fit = [...data.surnames.entries()].filter(([, n]) => n >= 2 && n <= 10).map(([name]) => name);
  const pool = (fit.length >= 2 ? fit : [...data.surnames.keys()]).sort();
  if (pool.length < 2) throw new Error(`conference ${data.conference.sourceId}: fewer than two speaker surnames`);
  return [pool[0]!, pool[1]!];
}
