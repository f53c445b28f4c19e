import { toSession as toPlanstoneSession } from '../../src/datasources/planstone/mapper.js';
import { planstoneSessionWire } from '../../src/datasources/planstone/wire.js';
import { parseGlobalId, toGlobalId } from '../../src/ids/globalId.js';
import { sessionComparator, type SessionModel } from '../../src/models/index.js';
import { fetchJson } from './naiveFetch.js';

// Resolvers the way a first GraphQL wrapper over REST is often written: every field that
// needs data fetches it itself, one HTTP call per object, nothing batched or cached.

export interface BaselineEnv {
  guidebookUrl: string;
  guidebookAuth: string;
  roundwareUrl: string;
  roundwareAuth: string;
  planstoneUrl: string;
  planstoneAuth: string;
  planstoneScope: { account: string; conference: string };
  planstoneZone: string;
}

interface DrfPage<T> {
  count: number;
  next: string | null;
  results: T[];
}
interface GuidebookSession {
  id: number;
  name: string;
  start_time: string | null;
  end_time: string | null;
  schedule_tracks: number[];
}
interface Row {
  source: 'GUIDEBOOK' | 'PLANSTONE';
  sourceId: string;
  name: string;
  startTime: string | null;
  endTime: string | null;
  trackIds: number[];
  trackNames: string[];
  pids: Array<{ pid: string; role: string | null }>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function fromGuidebook(s: GuidebookSession): Row {
  const start = s.start_time ? new Date(s.start_time) : null;
  const end = s.end_time ? new Date(s.end_time) : null;
  return {
    source: 'GUIDEBOOK',
    sourceId: String(s.id),
    name: s.name,
    startTime: iso(start),
    endTime: iso(end),
    trackIds: s.schedule_tracks,
    trackNames: [],
    pids: [],
  };
}

function fromPlanstone(model: SessionModel): Row {
  return {
    source: 'PLANSTONE',
    sourceId: model.sourceId,
    name: model.name,
    startTime: iso(model.startTime),
    endTime: iso(model.endTime),
    trackIds: [],
    trackNames: model.tracks.flatMap((t) => (t.kind === 'inline' ? [t.track.name] : [])),
    pids: model.speakers.map((e) => ({ pid: e.personId, role: e.role })),
  };
}

const connection = <T>(items: T[], totalCount: number, hasNextPage = false) => ({
  totalCount,
  pageInfo: { hasNextPage, endCursor: null },
  edges: items.map((node) => ({ node })),
});

export function baselineResolvers(env: BaselineEnv) {
  const gb = <T>(path: string) => fetchJson<T>(`${env.guidebookUrl}${path}`, env.guidebookAuth);
  const ps = <T>(path: string) => fetchJson<T>(`${env.planstoneUrl}${path}`, env.planstoneAuth);
  const where = (extra: Record<string, unknown> = {}) => encodeURIComponent(JSON.stringify({ ...env.planstoneScope, ...extra }));

  return {
    Query: {
      async sessions(_: unknown, args: { first?: number }) {
        const first = args.first ?? 20;
        // Guidebook pages one after another until `first` sessions are in hand.
        const guidebook: GuidebookSession[] = [];
        let total = 0;
        for (let url: string | null = 'sessions/?ordering=start_time,id'; url && guidebook.length < first;) {
          const page: DrfPage<GuidebookSession> = await gb<DrfPage<GuidebookSession>>(url);
          total = page.count;
          guidebook.push(...page.results);
          url = page.next ? page.next.slice(env.guidebookUrl.length) : null;
        }
        // The whole feed, page by page (it cannot be sorted by the real start instant).
        const planstone: SessionModel[] = [];
        let feedTotal: number;
        for (let page = 1; ; page += 1) {
          const answer = await ps<{ _items: unknown[]; _meta: { total: number; max_results: number } }>(
            `sessions?where=${where()}&max_results=100&page=${page}`,
          );
          feedTotal = answer._meta.total;
          for (const item of answer._items) planstone.push(toPlanstoneSession(planstoneSessionWire.parse(item), env.planstoneZone));
          if (page * answer._meta.max_results >= answer._meta.total) break;
        }
        const order = sessionComparator();
        const rows = [...guidebook.map(fromGuidebook), ...planstone.map(fromPlanstone)];
        rows.sort((a, b) =>
          order(
            { source: a.source, sourceId: a.sourceId, startTime: a.startTime ? new Date(a.startTime) : null, endTime: null } as SessionModel,
            { source: b.source, sourceId: b.sourceId, startTime: b.startTime ? new Date(b.startTime) : null, endTime: null } as SessionModel,
          ),
        );
        return connection(rows.slice(0, first), total + feedTotal, rows.length > first);
      },
      async personalizedSchedules(_: unknown, args: { filter?: { attendeeId?: string } }) {
        const attendee = args.filter?.attendeeId ? parseGlobalId(args.filter.attendeeId)?.sourceId : undefined;
        const page = await gb<DrfPage<{ id: number; name: string; sessions: number[] }>>(
          `personalized-schedules/${attendee ? `?attendees__id=${attendee}` : ''}`,
        );
        return connection(page.results, page.count);
      },
      async clientSessions(_: unknown, args: { first?: number; filter?: { projectId?: number } }) {
        const project = args.filter?.projectId;
        const all = await fetchJson<Array<Record<string, unknown>>>(
          `${env.roundwareUrl}sessions/${project !== undefined ? `?project_id=${project}` : ''}`,
          env.roundwareAuth,
        );
        return connection(all.slice(0, args.first ?? 20), all.length);
      },
    },
    Session: {
      id: (row: Row) => toGlobalId('Session', row.source === 'GUIDEBOOK' ? 'guidebook' : 'planstone', row.sourceId),
      // One GET per track id, for every session.
      tracks: async (row: Row) =>
        row.source === 'PLANSTONE'
          ? row.trackNames.map((name) => ({ id: toGlobalId('Track', 'planstone', name), name }))
          : Promise.all(
              row.trackIds.map(async (id) => ({
                id: toGlobalId('Track', 'guidebook', String(id)),
                name: (await gb<{ name: string }>(`schedule-tracks/${id}/`)).name,
              })),
            ),
      speakers: (row: Row) => row.pids,
    },
    SpeakerEngagement: {
      // One query per engagement.
      speaker: async (engagement: { pid: string }) => {
        const answer = await ps<{ _items: Array<{ pid: string; fname: string | null; lname: string | null }> }>(
          `speakers?where=${where({ pid: engagement.pid })}`,
        );
        const person = answer._items[0];
        return person
          ? { id: toGlobalId('Speaker', 'planstone', person.pid), sourceId: person.pid, displayName: `${person.fname ?? ''} ${person.lname ?? ''}`.trim() }
          : null;
      },
    },
    PersonalizedSchedule: {
      id: (s: { id: number }) => toGlobalId('PersonalizedSchedule', 'guidebook', String(s.id)),
      // One GET per session of the schedule.
      sessions: async (s: { sessions: number[] }, args: { first?: number }) => {
        const rows = await Promise.all(s.sessions.map(async (id) => fromGuidebook(await gb<GuidebookSession>(`sessions/${id}/`))));
        return connection(rows.slice(0, args.first ?? 20), rows.length);
      },
    },
    ClientSession: {
      id: (c: { id: number }) => toGlobalId('ClientSession', 'roundware', String(c.id)),
      sourceId: (c: { id: number }) => String(c.id),
      deviceId: (c: { device_id: string | null }) => c.device_id,
      clientType: (c: { client_type: string | null }) => c.client_type,
      startTime: (c: { starttime: string | null }) => c.starttime,
      stopTime: (c: { stoptime: string | null }) => c.stoptime,
    },
  };
}
