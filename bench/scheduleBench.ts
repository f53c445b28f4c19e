// Schedule scenarios (e)–(h) of `npm run bench` (issue 19), at one or more emulator sizes
// (`EMULATOR_SCALE`): (e) "now and next" for one conference, (f) one day of one conference,
// (g) a search for a speaker's surname, (h) the home page of today. (e) and (f) run on the
// largest Planstone conference and on the largest Guidebook guide. For each: cold upstream
// calls per provider against the minimum the data allows (minimum.ts), warm calls under
// load, ops/s, p50, RSS peak, and the warm p50 one operation at a time. Prints figures and
// the targets they are read against; asserts nothing.
import { request } from 'undici';

import { startBuiltChild, type Child } from './childProcess.js';
import { EmulatorControl, type ProviderKey } from './emulatorControl.js';
import { probeLatency } from './latencyProbe.js';
import { runLoad, type LoadResult } from './load.js';
import { minimumSchedule, type ProviderCalls, type ScheduleShown } from './minimum.js';
import { sampleRss } from './rss.js';
import { CONFERENCE_DAY, CONFERENCES, HOME_TODAY, NOW_AND_NEXT, SPEAKER_SEARCH, type GraphQLBody } from './scenarios.js';
import { middleDay, readScheduleData, searchSurnames, sharedMiddleDay, zonedInstant, type ConferenceInfo, type ScheduleData } from './scheduleData.js';

export type ScheduleScenario = 'e' | 'f' | 'g' | 'h';
export const SCHEDULE_SCENARIOS: readonly ScheduleScenario[] = ['e', 'f', 'g', 'h'];

export const SCHEDULE_TITLES: Record<ScheduleScenario, string> = {
  e: '(e) "now and next" for one conference: happeningAt now + starting in the next 2 h, first: 20 each, with tracks and speakers',
  f: '(f) one day of one conference (day in its time zone), first: 50, with tracks and speakers',
  g: "(g) a search for a speaker's surname in one conference, first: 20 (then a second surname)",
  h: '(h) the home page of today: the merged sessions of one local date (a day of both large conferences), every conference, first: 50, with tracks and speakers',
};

export interface ScheduleBenchOptions {
  scales: number[];
  scenarios: ReadonlySet<ScheduleScenario>;
  latencies: number[];
  durationSeconds: number;
  connections: number;
  /** Operations per case in the one-at-a-time probe (0 skips it). */
  probe: number;
  nodeFlags: string[];
}

interface Case {
  scenario: ScheduleScenario;
  /** e.g. "e·planstone". */
  label: string;
  /** Sent in turn under load; the first is the cold one. */
  bodies: GraphQLBody[];
  minimum(answer: Record<string, unknown>): ProviderCalls;
}

interface ScheduleRow {
  scale: number;
  label: string;
  latency: number;
  target: string;
  load: LoadResult;
  callsPerOp: number;
  cold?: Record<ProviderKey, number>;
  minimum?: ProviderCalls;
  /** (g): calls of the second search right after the first, on the same gateway. */
  thenCalls?: number;
  rssMb: number | undefined;
  warmP50?: number;
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));

async function post(url: string, body: GraphQLBody, label: string): Promise<Record<string, unknown>> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.body.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!answer.data || !onlyMissingSpeakers(answer.errors)) throw new Error(`${label}: ${JSON.stringify(answer.errors ?? answer).slice(0, 500)}`);
  return answer.data;
}

/**
 * Whether an answer's errors (if any) are all the documented partial one: an engagement whose
 * person the feed's speakers list lacks (NOT_FOUND on `…speakers[i].speaker`, the seed has such).
 */
export function onlyMissingSpeakers(errors: unknown[] | undefined): boolean {
  return (errors ?? []).every((e) => {
    const error = e as { path?: unknown[]; extensions?: { code?: string } };
    return error.extensions?.code === 'NOT_FOUND' && error.path?.at(-1) === 'speaker';
  });
}

type Node = {
  source: string;
  sourceId: string;
  startTime: string | null;
  tracks: Array<{ id: string }> | null;
  speakers: Array<{ speaker?: { id: string } | null }>;
};
type Connection = { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: Array<{ node: Node }> };

/** Provider of a global ID (`Type:provider:id`, base64url). */
const providerOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];

function shownIn(answer: Record<string, unknown>): ScheduleShown {
  const connections = Object.values(answer) as Connection[];
  const tracks = new Set<string>();
  const speakers = new Set<string>();
  for (const c of connections) {
    for (const { node } of c.edges) {
      for (const t of node.tracks ?? []) if (providerOf(t.id) === 'guidebook') tracks.add(t.id);
      for (const s of node.speakers) if (s.speaker && providerOf(s.speaker.id) === 'planstone') speakers.add(s.speaker.id);
    }
  }
  return {
    connections: connections.map((c) => ({
      guidebookIds: c.edges.filter((e) => e.node.source === 'GUIDEBOOK').map((e) => Number(e.node.sourceId)),
      hasNextPage: c.pageInfo.hasNextPage,
    })),
    guidebookTracks: tracks.size,
    planstoneSpeakers: speakers.size,
  };
}

function casesFor(data: ScheduleData, scenarios: ReadonlySet<ScheduleScenario>): Case[] {
  const P = { guidebookPageSize: data.guidebookPageSize, guidebookTracksTotal: data.guidebookTracks, planstonePageSize: data.planstonePageSize };
  const guideOrder = data.guidebookOrder.filter((s) => String(s.guide) === data.guidebook.sourceId).map((s) => s.id);
  const ps = data.planstone;
  /** The sessions each connection of a one-conference answer matches (its totalCount). */
  const totals = (answer: Record<string, unknown>) => (Object.values(answer) as Connection[]).map((c) => c.totalCount);
  const cases: Case[] = [];
  if (scenarios.has('e')) {
    for (const conference of [ps.conference, data.guidebook]) {
      const now = zonedInstant(middleDay(conference), 11, 0, conference.timeZone);
      const soon = new Date(now.getTime() + 2 * 3_600_000);
      const isPlanstone = conference.source === 'PLANSTONE';
      cases.push({
        scenario: 'e',
        label: `e·${conference.source.toLowerCase()}`,
        bodies: [{ query: NOW_AND_NEXT, variables: { conferenceId: conference.id, now: now.toISOString(), soon: soon.toISOString() } }],
        minimum: (answer) =>
          minimumSchedule({
            ...P,
            shown: shownIn(answer),
            guidebookOrder: isPlanstone ? undefined : guideOrder,
            needsGuideTimeZone: false,
            planstoneSessions: isPlanstone ? totals(answer) : [],
          }),
      });
    }
  }
  if (scenarios.has('f')) {
    for (const conference of [ps.conference, data.guidebook]) {
      const day = middleDay(conference);
      const isPlanstone = conference.source === 'PLANSTONE';
      cases.push({
        scenario: 'f',
        label: `f·${conference.source.toLowerCase()}`,
        bodies: [{ query: CONFERENCE_DAY, variables: { conferenceId: conference.id, day } }],
        minimum: (answer) =>
          minimumSchedule({
            ...P,
            shown: shownIn(answer),
            guidebookOrder: isPlanstone ? undefined : guideOrder,
            needsGuideTimeZone: !isPlanstone,
            planstoneSessions: isPlanstone ? totals(answer) : [],
          }),
      });
    }
  }
  if (scenarios.has('g')) {
    const [first, second] = searchSurnames(ps);
    cases.push({
      scenario: 'g',
      label: 'g·planstone',
      bodies: [first, second].map((search) => ({ query: SPEAKER_SEARCH, variables: { conferenceId: ps.conference.id, search } })),
      minimum: (answer) => minimumSchedule({ ...P, shown: shownIn(answer), needsGuideTimeZone: false, planstoneSessions: [ps.total] }),
    });
  }
  if (scenarios.has('h')) {
    // "Today" at the size measured: a day of both large conferences.
    const day = sharedMiddleDay(ps.conference, data.guidebook);
    cases.push({
      scenario: 'h',
      label: 'h·merged',
      bodies: [{ query: HOME_TODAY, variables: { day } }],
      minimum: (answer) =>
        minimumSchedule({
          ...P,
          shown: shownIn(answer),
          guidebookOrder: data.guidebookOrder.map((s) => s.id),
          needsGuideTimeZone: true,
          planstoneSessions: data.planstoneConferences.map((c) => c.perStartDate.get(day) ?? 0),
        }),
    });
  }
  return cases;
}

/** Runs the selected schedule scenarios at each scale; resolves to the report's lines. */
export async function runScheduleBench(options: ScheduleBenchOptions): Promise<string[]> {
  const rows: ScheduleRow[] = [];
  const notes: string[] = [];
  const setup: string[] = [];
  for (const scale of options.scales) {
    // Seeding 10,000 + 15,000 sessions takes a while: allow it five minutes.
    const emulators = await startBuiltChild<{ env: Record<string, string>; origins: Record<ProviderKey, string> }>(
      'bench/processes/emulators.ts',
      { EMULATOR_SCALE: String(scale) },
      [],
      300_000,
    );
    const children: Array<Child<unknown>> = [emulators];
    try {
      const env = emulators.info.env;
      const control = new EmulatorControl(emulators.info.origins);
      const gatewayEnv = (cache: boolean): Record<string, string> => ({
        ...env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        GUIDEBOOK_QUOTA_PER_DAY: '0',
        ROUNDWARE_QUOTA_PER_DAY: '0',
        ...(cache ? {} : { GUIDEBOOK_CACHE_TTL_MS: '0', ROUNDWARE_CACHE_TTL_MS: '0', PLANSTONE_CACHE_TTL_MS: '0' }),
      });
      const startGateway = async (cache: boolean) => {
        const child = await startBuiltChild<{ url: string }>('bench/processes/gateway.ts', gatewayEnv(cache), options.nodeFlags);
        children.push(child);
        return child;
      };
      const stopChild = async (child: Child<unknown>) => {
        await child.stop();
        children.splice(children.indexOf(child), 1);
      };

      const first = await startGateway(true);
      const conferences = (await post(first.info.url, { query: CONFERENCES }, 'conferences')).conferences as ConferenceInfo[];
      await stopChild(first);
      const data = await readScheduleData(env, conferences);
      const cases = casesFor(data, options.scenarios);
      const line = `scale ${scale}: Planstone ${ps(data)}; Guidebook guide ${data.guidebook.sourceId} (${data.guidebookSessions} sessions, ${data.guidebookOrder.length} in all guides, page size ${data.guidebookPageSize}); ${conferences.length} conferences`;
      setup.push(line);
      console.log(`\n${line}`);
      for (const c of cases) console.log(`  ${c.label}: ${JSON.stringify(c.bodies.map((b) => b.variables))}`);

      for (const latency of options.latencies) {
        await control.setLatency(latency);
        console.log(`\nScale ${scale}, upstream latency ${latency} ms, ${options.durationSeconds} s per run, ${options.connections} connections`);
        for (const c of cases) {
          for (const cache of [true, false]) {
            const target = cache ? 'ours (warm cache)' : 'ours (cache off)';
            const gateway = await startGateway(cache);
            const row: Partial<ScheduleRow> = { scale, label: c.label, latency, target };
            if (cache) {
              await control.settle();
              await control.clearLogs();
              const answer = await post(gateway.info.url, c.bodies[0]!, c.label);
              const counts = await control.counts();
              row.cold = { guidebook: counts.guidebook, planstone: counts.planstone, roundware: counts.roundware };
              row.minimum = c.minimum(answer);
              if (c.bodies.length > 1) {
                await control.settle();
                await control.clearLogs();
                for (const body of c.bodies.slice(1)) await post(gateway.info.url, body, c.label);
                row.thenCalls = (await control.counts()).total;
              }
            }
            await runLoad({ url: gateway.info.url, bodies: c.bodies, durationSeconds: 1, connections: 4 });
            await control.settle();
            await control.clearLogs();
            const rss = sampleRss(gateway.pid);
            const load = await runLoad({ url: gateway.info.url, bodies: c.bodies, durationSeconds: options.durationSeconds, connections: options.connections });
            row.rssMb = rss.stop();
            await control.settle();
            row.load = load;
            row.callsPerOp = (await control.counts()).total / Math.max(1, load.requests);
            if (load.errors > 0 || load.non2xx > 0)
              notes.push(`scale ${scale} ${target} ${c.label} @${latency} ms: ${load.errors} errors, ${load.non2xx} non-2xx answers`);
            if (cache && options.probe > 0) {
              const probe = await probeLatency({
                url: gateway.info.url,
                bodies: c.bodies,
                control,
                repetitions: options.probe,
                warmupSeconds: 3,
                acceptErrors: onlyMissingSpeakers,
              });
              row.warmP50 = probe.p50;
            }
            await stopChild(gateway);
            const done = row as ScheduleRow;
            rows.push(done);
            console.log(`  ${describe(done)}`);
          }
        }
      }
    } finally {
      await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
    }
  }
  return report(rows, setup, notes, options);
}

const ps = (data: ScheduleData) =>
  `conference ${data.planstone.conference.sourceId} (${data.planstone.total} sessions, ${data.planstone.conference.days.length} days, ${data.planstone.conference.timeZone}), ${data.planstoneConferences.length} conferences`;

const coldText = (r: ScheduleRow) =>
  r.cold && r.minimum
    ? `cold ${r.cold.guidebook + r.cold.planstone + r.cold.roundware} (min ${r.minimum.guidebook + r.minimum.planstone}: guidebook ${r.cold.guidebook}/${r.minimum.guidebook}, planstone ${r.cold.planstone}/${r.minimum.planstone})`
    : 'cold –';

function describe(r: ScheduleRow): string {
  return `${String(r.scale).padStart(5)} ${r.label.padEnd(12)} ${String(r.latency).padStart(2)} ms ${r.target.padEnd(18)} ${fmt(r.load.opsPerSecond, 0).padStart(6)} ops/s  p50 ${fmt(r.load.p50)} ms  p99 ${fmt(r.load.p99)} ms  calls/op ${fmt(r.callsPerOp, 2)}  ${coldText(r)}${r.thenCalls === undefined ? '' : `  then ${r.thenCalls}`}  RSS ${fmt(r.rssMb, 0)} MB${r.warmP50 === undefined ? '' : `  one at a time p50 ${fmt(r.warmP50)} ms`}`;
}

function report(rows: ScheduleRow[], setup: string[], notes: string[], options: ScheduleBenchOptions): string[] {
  const out: string[] = [];
  out.push('\n## Schedule scenarios (e)–(h)\n');
  for (const line of setup) out.push(`- ${line}`);
  out.push(
    '\n"cold" = upstream calls of one operation on an empty cache, per provider, against "min" = the fewest the data allows (bench/minimum.ts); "then" = calls of (g)\'s second search right after the first; "warm p50 1×1" = one operation at a time on the warm cache.\n',
  );
  out.push(
    '| scale | scenario | latency | target | ops/s | p50 ms | p99 ms | calls/op under load | cold Guidebook (min) | cold Planstone (min) | then | warm p50 1×1 ms | RSS peak MB |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    out.push(
      `| ${r.scale} | ${r.label} | ${r.latency} ms | ${r.target} | ${fmt(r.load.opsPerSecond, 0)} | ${fmt(r.load.p50)} | ${fmt(r.load.p99)} | ${fmt(r.callsPerOp, 2)} | ${r.cold ? `${r.cold.guidebook} (${r.minimum!.guidebook})` : '–'} | ${r.cold ? `${r.cold.planstone} (${r.minimum!.planstone})` : '–'} | ${r.thenCalls ?? '–'} | ${fmt(r.warmP50)} | ${fmt(r.rssMb, 0)} |`,
    );
  }
  // The targets, read off the rows above.
  out.push('\n### Against the targets\n');
  const warm = rows.filter((r) => r.target.startsWith('ours (warm'));
  const labels = [...new Set(warm.map((r) => r.label))];
  for (const label of labels) {
    const mine = warm.filter((r) => r.label === label);
    const cold = options.scales.map((scale) => {
      const r = mine.find((x) => x.scale === scale);
      return r?.cold ? `${scale}: guidebook ${r.cold.guidebook}, planstone ${r.cold.planstone}` : `${scale}: –`;
    });
    const worstP50 = Math.max(...mine.map((r) => r.warmP50 ?? Number.NaN));
    const worstRss = Math.max(...mine.map((r) => r.rssMb ?? Number.NaN));
    const warmCalls = Math.max(...mine.map((r) => r.callsPerOp));
    const parts = [`cold calls per provider ${cold.join('; ')}`];
    if (label.startsWith('e') || label.startsWith('f')) {
      const counts = mine.map((r) => `${r.cold?.guidebook}/${r.cold?.planstone}`);
      const within = mine.every((r) => r.cold && r.cold.guidebook <= 6 && r.cold.planstone <= 6);
      parts.push(`${within ? 'within' : 'OVER'} ≤ 6 per provider`, new Set(counts).size <= 1 ? 'same at every scale' : 'NOT the same at every scale');
    }
    if (label.startsWith('g')) {
      const then = Math.max(...mine.map((r) => r.thenCalls ?? Number.NaN));
      parts.push(`second search ${then} calls (target 0)`);
    }
    parts.push(
      `warm calls/op ${fmt(warmCalls, 2)} (target 0)`,
      `warm p50 one at a time ≤ ${fmt(worstP50)} ms (target ≤ 3)`,
      `RSS peak ≤ ${fmt(worstRss, 0)} MB (target ≤ 250)`,
    );
    out.push(`- ${label}: ${parts.join('; ')}`);
  }
  out.push('\nScenarios:');
  for (const s of SCHEDULE_SCENARIOS) if (options.scenarios.has(s)) out.push(`- ${SCHEDULE_TITLES[s]}`);
  if (notes.length > 0) {
    out.push('\nNotes:');
    for (const note of notes) out.push(`- ${note}`);
  }
  return out;
}
