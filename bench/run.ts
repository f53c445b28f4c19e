// `npm run bench`: throughput, latency, upstream calls and rounds of the gateway on ten scenarios,
// next to a peer gateway (Hive Gateway + GraphQL Mesh over OpenAPI: with its response cache
// on for the warm rows, off for the cache-off rows) and a naive baseline.
// Prints figures; asserts nothing. Never run in CI. Options (all optional):
//   --duration <s>        seconds per load run (default 10)
//   --connections <n>     autocannon connections (default 20)
//   --latencies 0,20      emulated upstream latencies in ms
//   --quota-seconds <s>   length of each 1,000-clients check (default 60; 0 skips them)
//   --no-peer             skip the Hive Gateway peer
//   --planstone-page <n>  the feed's page limit (Eve's PAGINATION_LIMIT; default 100; issue 21 measured a feed of 10)
//   --probe <n>           operations per scenario in the one-at-a-time latency probe (default 15; 0 skips it)
//   --scenarios a,…,j     which scenarios (default all): (a)–(d), (i), (j) over the default seed; (e)–(h),
//                         the schedule scenarios (bench/scheduleBench.ts), e.g. `--scenarios e,f,g,h`
//   --scale 1000,10000    the emulator sizes (EMULATOR_SCALE) the schedule scenarios run at
//   --scenarios live      the live schedule (issue 20; bench/liveBench.ts, also `npm run bench:live`):
//                         detection cost per hour/day, delivery delay p50/p99, fan-out to 1,000 subscribers.
//                         Not in the default list (at the defaults it runs half an hour or more). Its options:
//   --live-scale <n>      EMULATOR_SCALE (default 10000)
//   --live-time-scale <k> detection cost on the defaults run k× faster (default 1: the defaults as they are)
//   --live-changes-per-minute <n>  edits per provider per minute in the edited-feed run (default 2)
//   --live-interval <s>   poll interval of the delay and fan-out runs (default 2)
//   --live-changes <n>    edits per delay run (default 30)
//   --live-sockets <n> --live-per-socket <n>  subscribers of the fan-out run (default 10 × 100)
//   --live-burst <n>      edits at once in the fan-out run (default 20)
//   --live-parts cost,delay,fanout  which of the three parts to run (default all)
// `npm run bench` compiles the gateway and the child processes first (tsconfig.bench.json);
// the gateway runs with the Node.js flags of `npm run start:prod`.
import { ROUNDWARE_PROJECTS } from '@sessions-gateway/emulators/roundware';
import { request } from 'undici';

import { toGlobalId } from '../src/ids/globalId.js';
import { productionNodeFlags, startBuiltChild, type Child } from './childProcess.js';
import { runClients } from './clientsLoad.js';
import { roundsOf, type UpstreamCall } from './criticalPath.js';
import { EmulatorControl, type ProviderKey } from './emulatorControl.js';
import { firstConferenceOnly } from './firstConferenceOnly.js';
import { probeLatency, type LatencyProbe } from './latencyProbe.js';
import { runLiveBench } from './liveBench.js';
import { runLoad, type LoadResult } from './load.js';
import {
  minimumClientSessions,
  minimumGuidebookTracks,
  minimumHome,
  minimumPlanstoneSpeakers,
  minimumRounds,
  minimumSchedules,
  minimumWalk,
  type HomeShown,
} from './minimum.js';
import { runAtPace } from './pacedBudget.js';
import { peerPlanstoneSpeakersBody, startPeer, type PeerTarget } from './peer.js';
import { readBenchData } from './providerData.js';
import { sampleRss } from './rss.js';
import { ATTENDEE_SCHEDULES, GUIDEBOOK_TRACKS, HOME_PAGE, PLANSTONE_SPEAKERS, PROJECT_CLIENT_SESSIONS, SESSIONS_PAGE, type GraphQLBody } from './scenarios.js';
import { runScheduleBench, SCHEDULE_SCENARIOS } from './scheduleBench.js';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  // The options are the header comment of this file.
  const { readFileSync } = await import('node:fs');
  const header = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
  console.log(
    header
      .slice(
        0,
        header.findIndex((line) => !line.startsWith('//')),
      )
      .map((line) => line.replace(/^\/\/ ?/, ''))
      .join('\n'),
  );
  process.exit(0);
}
const option = (name: string, fallback: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1]! : fallback;
};
const DURATION = Number(option('duration', '10'));
const CONNECTIONS = Number(option('connections', '20'));
const LATENCIES = option('latencies', '0,20').split(',').map(Number);
const QUOTA_SECONDS = Number(option('quota-seconds', '60'));
const WITH_PEER = !argv.includes('--no-peer');
const PROBE_REPETITIONS = Number(option('probe', '15'));
const PLANSTONE_PAGE = option('planstone-page', '');
/** The peer's response-cache TTL for the warm rows: our shortest provider TTL (Roundware's default, 15 s), longer than a run. */
const PEER_CACHE_TTL_MS = Math.max(15_000, (DURATION + 5) * 1000);
const NODE_FLAGS = productionNodeFlags();
const SELECTED = option('scenarios', 'a,b,c,d,i,j,e,f,g,h')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const s of SELECTED)
  if (s !== 'live' && (s.length !== 1 || !'abcdefghij'.includes(s))) throw new Error(`--scenarios: unknown scenario "${s}" (a–j, live)`);
const CLASSIC = (['a', 'b', 'c', 'd', 'i', 'j'] as const).filter((s) => SELECTED.includes(s));
const SCHEDULE = new Set(SCHEDULE_SCENARIOS.filter((s) => SELECTED.includes(s)));
const SCALES = option('scale', '1000,10000').split(',').map(Number);

type ScenarioKey = 'a' | 'b' | 'c' | 'd' | 'i' | 'j';
type SingleKey = Exclude<ScenarioKey, 'd'>;
const TITLES: Record<ScenarioKey, string> = {
  a: '(a) home page: sessions(first: 50) + tracks + speakers',
  b: "(b) one attendee's personalized schedules + sessions",
  c: "(c) Roundware client sessions of one project (also issue 21's third scenario)",
  d: '(d) paging to the end of the merged sessions (first: 50), per page',
  i: '(i) Planstone sessions(first: 50) + their speakers by pid',
  j: '(j) Guidebook sessions(first: 50) + their track names',
};

interface Row {
  scenario: ScenarioKey;
  latency: number;
  target: string;
  load: LoadResult;
  callsPerOp: number;
  coldCalls: number | undefined;
  minimum: number;
  /** Dependent rounds of the cold operation (from the emulators' logs; only at latency > 0). */
  coldRounds: number | undefined;
  minRounds: number | undefined;
  rssMb: number | undefined;
}

interface ProbeRow {
  scenario: ScenarioKey;
  latency: number;
  target: string;
  probe: LatencyProbe;
  minRounds: number | undefined;
}

const rows: Row[] = [];
const probeRows: ProbeRow[] = [];
const notes: string[] = [];
const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
const reportProbe = (row: ProbeRow) => {
  const { scenario, latency, target, probe, minRounds } = row;
  probeRows.push(row);
  console.log(
    `  ${scenario} ${String(latency).padStart(2)} ms ${target.padEnd(24)} one at a time: p50 ${fmt(probe.p50)} ms, critical path ${fmt(probe.criticalPathP50)} ms (${probe.rounds} rounds, min ${minRounds ?? '–'}; ${probe.calls} calls), own p50 ${fmt(probe.ownP50)} ms  (${probe.operations} ops)`,
  );
};

async function post(url: string, body: GraphQLBody): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.body.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function postOk(url: string, body: GraphQLBody, label: string): Promise<Record<string, unknown>> {
  const answer = await post(url, body);
  if (answer.errors || !answer.data) throw new Error(`${label}: ${JSON.stringify(answer.errors ?? answer).slice(0, 500)}`);
  return answer.data;
}

/** Scenarios (a)–(d) over the emulators' default seed, next to the peer and the baseline. */
async function runClassic(): Promise<void> {
  const emulators = await startBuiltChild<{ env: Record<string, string>; origins: Record<ProviderKey, string> }>(
    'bench/processes/emulators.ts',
    PLANSTONE_PAGE ? { BENCH_PLANSTONE_PAGE_LIMIT: PLANSTONE_PAGE } : {},
  );
  const children: Array<Child<unknown>> = [emulators];
  const cleanup = async () => {
    await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    // (a)–(d) and the peers read the first Planstone conference only, as every earlier run did.
    const env = firstConferenceOnly(emulators.info.env);
    const control = new EmulatorControl(emulators.info.origins);
    const data = await readBenchData(env);
    const projectId = ROUNDWARE_PROJECTS[0]!.id;
    const attendeeId = toGlobalId('Attendee', 'guidebook', String(data.attendeeId));
    const single: Record<SingleKey, GraphQLBody> = {
      a: { query: HOME_PAGE },
      b: { query: ATTENDEE_SCHEDULES, variables: { attendeeId } },
      c: { query: PROJECT_CLIENT_SESSIONS, variables: { projectId } },
      i: { query: PLANSTONE_SPEAKERS },
      j: { query: GUIDEBOOK_TRACKS },
    };

    const oursEnv = (cache: boolean): Record<string, string> => ({
      ...env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      // Load runs measure speed; budgets are checked separately below.
      GUIDEBOOK_QUOTA_PER_DAY: '0',
      ROUNDWARE_QUOTA_PER_DAY: '0',
      ...(cache ? {} : { GUIDEBOOK_CACHE_TTL_MS: '0', ROUNDWARE_CACHE_TTL_MS: '0', PLANSTONE_CACHE_TTL_MS: '0' }),
    });
    const startOurs = async (cache: boolean) => {
      const child = await startBuiltChild<{ url: string }>('bench/processes/gateway.ts', oursEnv(cache), NODE_FLAGS);
      children.push(child);
      return child;
    };
    const stopChild = async (child: Child<unknown>) => {
      await child.stop();
      children.splice(children.indexOf(child), 1);
    };

    /** The one upstream call an operation makes (through a gateway with its cache off). */
    const upstreamCallOf = async (url: string, body: GraphQLBody): Promise<UpstreamCall> => {
      await control.clearLogs();
      await postOk(url, body, 'floor');
      const calls = await control.calls();
      if (calls.length !== 1) throw new Error(`the pass-through floor needs an operation of one upstream call, not ${calls.length}`);
      return calls[0]!;
    };
    let floorCall: UpstreamCall | undefined;

    /** The page bodies of a walk to the end, and the upstream calls of that walk. */
    const walk = async (url: string): Promise<GraphQLBody[]> => {
      const bodies: GraphQLBody[] = [];
      let after: string | null = null;
      do {
        const body: GraphQLBody = { query: SESSIONS_PAGE, variables: { after } };
        bodies.push(body);
        const page = (await postOk(url, body, 'walk')).sessions as { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      return bodies;
    };

    const settle = () => control.settle();

    /** A short unmeasured run (JIT warm-up), then a load run; one row. */
    const measure = async (
      target: string,
      pid: number,
      url: string,
      scenario: ScenarioKey,
      latency: number,
      bodies: GraphQLBody[],
      minimum: number,
      coldCalls: number | undefined,
      cold?: { rounds: number | undefined },
    ) => {
      await runLoad({ url, bodies, durationSeconds: 1, connections: 4 });
      await settle();
      await control.clearLogs();
      const rss = sampleRss(pid);
      const load = await runLoad({ url, bodies, durationSeconds: DURATION, connections: CONNECTIONS });
      const rssMb = rss.stop();
      await settle();
      const calls = (await control.counts()).total;
      const minRounds = scenario === 'd' ? undefined : roundsNeeded[scenario];
      rows.push({
        scenario,
        latency,
        target,
        load,
        callsPerOp: calls / Math.max(1, load.requests),
        coldCalls,
        minimum,
        coldRounds: cold?.rounds,
        minRounds,
        rssMb,
      });
      if (load.errors > 0 || load.non2xx > 0) notes.push(`${target} ${scenario} @${latency} ms: ${load.errors} errors, ${load.non2xx} non-2xx answers`);
      const last = rows.at(-1)!;
      console.log(
        `  ${scenario} ${String(latency).padStart(2)} ms ${target.padEnd(22)} ${fmt(load.opsPerSecond, 0).padStart(7)} ops/s  p50 ${fmt(load.p50)} ms  p99 ${fmt(load.p99)} ms  calls/op ${fmt(last.callsPerOp, 2)}  cold ${coldCalls ?? '–'} calls (min ${minimum}), ${last.coldRounds ?? '–'} rounds (min ${minRounds ?? '–'})  RSS ${fmt(rssMb, 0)} MB`,
      );
    };

    /**
     * Upstream calls of one operation on `url`, from empty logs, and their dependent rounds
     * (criticalPath.ts `roundsOf`; only with a latency: at 0 ms the logs cannot tell them).
     */
    const coldCallsOf = async (url: string, body: GraphQLBody, label: string, latency: number) => {
      await settle();
      await control.clearLogs();
      const answer = await postOk(url, body, label);
      const logged = await control.calls();
      return { calls: logged.length, rounds: latency > 0 ? roundsOf(logged).length : undefined, answer, logged };
    };

    let homeShown: HomeShown | undefined;
    const minimums: Partial<Record<SingleKey, number>> = {};
    const roundsNeeded: Partial<Record<SingleKey, number>> = {};
    let walkBodies: GraphQLBody[] = [];
    /** The feed calls (i) made cold through ours: the peer's (i) document asks for the same. */
    let planstoneSpeakerUrls: string[] | undefined;
    let peerCached: PeerTarget | { skipped: string } | undefined;
    let peerUncached: PeerTarget | { skipped: string } | undefined;

    for (const latency of LATENCIES) {
      await control.setLatency(latency);
      console.log(`\nUpstream latency ${latency} ms, ${DURATION} s per run, ${CONNECTIONS} connections`);

      for (const scenario of CLASSIC) {
        // Ours, cache on: cold operation on an empty cache, then load on the warm cache.
        const warm = await startOurs(true);
        let bodies: GraphQLBody[];
        let cold: number;
        let coldRounds: number | undefined;
        let minimum: number;
        if (scenario === 'd') {
          await control.clearLogs();
          bodies = await walk(warm.info.url);
          cold = (await control.counts()).total;
          walkBodies = bodies;
          minimum = minimumWalk(data);
        } else {
          bodies = [single[scenario]];
          const first = await coldCallsOf(warm.info.url, bodies[0]!, `ours ${scenario}`, latency);
          cold = first.calls;
          coldRounds = first.rounds;
          if (scenario === 'a' && !homeShown) homeShown = shownOnHomePage(first.answer);
          if (scenario === 'i') planstoneSpeakerUrls ??= first.logged.filter((c) => c.provider === 'planstone').map((c) => c.url);
          minimums[scenario] ??= minimumOf(scenario, first.answer);
          roundsNeeded[scenario] ??= minimumRounds(scenario, scenario === 'a' ? shownOnHomePage(first.answer) : undefined);
          minimum = minimums[scenario]!;
        }
        await measure('ours (warm cache)', warm.pid, warm.info.url, scenario, latency, bodies, minimum, cold, { rounds: coldRounds });
        await stopChild(warm);

        // Ours, shared cache off: every operation goes upstream (in-flight coalescing stays).
        const off = await startOurs(false);
        await measure('ours (cache off)', off.pid, off.info.url, scenario, latency, bodies, minimum, undefined);
        await stopChild(off);
      }

      // One operation at a time: what the gateway adds to the upstream critical path. Not at
      // 0 ms: answers then come back before calls issued together have all arrived, so the
      // logs cannot tell parallel calls from dependent ones.
      if (PROBE_REPETITIONS > 0 && latency > 0) {
        for (const cache of [false, true]) {
          const target = cache ? 'ours (warm cache)' : 'ours (cache off)';
          const child = await startOurs(cache);
          for (const scenario of CLASSIC) {
            const bodies = scenario === 'd' ? walkBodies : [single[scenario]];
            const probe = await probeLatency({ url: child.info.url, bodies, control, repetitions: scenario === 'd' ? 1 : PROBE_REPETITIONS, warmupSeconds: 3 });
            reportProbe({ scenario, latency, target, probe, minRounds: cache ? 0 : scenario === 'd' ? 1 : roundsNeeded[scenario] });
          }
          if (!cache) floorCall = await upstreamCallOf(child.info.url, single.c);
          // The same warm work after as long idle as a cache miss waits: what resuming from
          // idle costs this machine, apart from the upstream calls.
          if (cache) {
            for (const scenario of CLASSIC.filter((s) => s === 'a' || s === 'c')) {
              const probe = await probeLatency({
                url: child.info.url,
                bodies: [single[scenario]],
                control,
                repetitions: PROBE_REPETITIONS,
                warmupSeconds: 3,
                idleMs: latency,
              });
              reportProbe({ scenario, latency, target: `ours (warm, ${latency} ms idle)`, probe, minRounds: 0 });
            }
          }
          await stopChild(child);
        }
        // The floor: (c)'s one upstream call through a process that does nothing else.
        const floor = await startBuiltChild<{ url: string }>('bench/processes/passThrough.ts', {
          PASS_THROUGH_URL: `${control.origins[floorCall!.provider]}${floorCall!.url}`,
          PASS_THROUGH_AUTHORIZATION: floorCall!.authorization ?? '',
        });
        children.push(floor);
        const probe = await probeLatency({ url: floor.info.url, bodies: [single.c], control, repetitions: PROBE_REPETITIONS, warmupSeconds: 3 });
        reportProbe({ scenario: 'c', latency, target: 'pass-through floor', probe, minRounds: 1 });
        await stopChild(floor);
      }

      // The naive baseline, scenarios (a)–(c).
      const baseline = await startBuiltChild<{ url: string }>('bench/baseline/server.ts', { ...env, NODE_ENV: 'production' });
      children.push(baseline);
      // The stack's own floor: (c) through Apollo Server's standalone server with one resolver
      // that makes the one upstream call and maps it, nothing else (no cache, checks, plugins).
      if (PROBE_REPETITIONS > 0 && latency > 0) {
        const probe = await probeLatency({ url: baseline.info.url, bodies: [single.c], control, repetitions: PROBE_REPETITIONS, warmupSeconds: 3 });
        reportProbe({ scenario: 'c', latency, target: 'Apollo Server floor', probe, minRounds: 1 });
      }
      for (const scenario of CLASSIC.filter((s): s is 'a' | 'b' | 'c' => s === 'a' || s === 'b' || s === 'c')) {
        const { calls, rounds } = await coldCallsOf(baseline.info.url, single[scenario], `baseline ${scenario}`, latency);
        await measure('baseline (naive)', baseline.pid, baseline.info.url, scenario, latency, [single[scenario]], minimums[scenario]!, calls, { rounds });
      }
      await stopChild(baseline);

      // The peer in its own schema's words: response cache on (against our warm rows), then off
      // (against our cache-off rows). (d) is ours alone: the peer has no merged list to page.
      if (WITH_PEER) {
        peerCached ??= await startPeer(env, data, projectId, { responseCacheTtlMs: PEER_CACHE_TTL_MS });
        peerUncached ??= await startPeer(env, data, projectId, { responseCacheTtlMs: 0 });
        for (const peer of [peerCached, peerUncached]) {
          if ('skipped' in peer) {
            if (!notes.includes(peer.skipped)) notes.push(peer.skipped);
            continue;
          }
          const target = peer.responseCacheTtlMs > 0 ? 'peer (response cache)' : 'peer (cache off)';
          for (const scenario of CLASSIC.filter((s) => s !== 'd')) {
            const body = peerBody(peer, scenario);
            if (!body) continue;
            const { calls, rounds } = await coldCallsOf(peer.url, body, `${target} ${scenario}`, latency);
            await measure(target, peer.pid, peer.url, scenario, latency, [body], minimums[scenario]!, calls, { rounds });
          }
          // One operation at a time, as ours above (cache off: the peer's rounds and latency).
          if (PROBE_REPETITIONS > 0 && latency > 0 && peer.responseCacheTtlMs === 0) {
            for (const scenario of CLASSIC.filter((s) => s !== 'd')) {
              const body = peerBody(peer, scenario);
              if (!body) continue;
              const probe = await probeLatency({ url: peer.url, bodies: [body], control, repetitions: PROBE_REPETITIONS, warmupSeconds: 3 });
              reportProbe({ scenario, latency, target, probe, minRounds: roundsNeeded[scenario] });
            }
          }
        }
      }
    }
    for (const peer of [peerCached, peerUncached]) if (peer && !('skipped' in peer)) await peer.stop();

    /** The peer's document for a scenario; (i) asks for the feed pages ours read cold. */
    function peerBody(peer: PeerTarget, scenario: SingleKey): GraphQLBody | undefined {
      if (scenario === 'i') return planstoneSpeakerUrls ? peerPlanstoneSpeakersBody(planstoneSpeakerUrls) : undefined;
      return peer.bodies[scenario];
    }

    /** The fewest calls of a single-operation scenario, from the data and what the answer shows. */
    function minimumOf(scenario: SingleKey, answer: Record<string, unknown>): number {
      switch (scenario) {
        case 'a':
          return minimumHome(data, shownOnHomePage(answer));
        case 'b':
          return minimumSchedules(data);
        case 'c':
          return minimumClientSessions();
        case 'i':
          return minimumPlanstoneSpeakers(data, 50, shownOnHomePage(answer).speakers);
        case 'j':
          return minimumGuidebookTracks(data, 50, shownOnHomePage(answer).guidebookTracks);
      }
    }

    // 1,000 clients refreshing every 30 s: Guidebook requests per minute, default config.
    const quotaRows: string[] = [];
    if (QUOTA_SECONDS > 0 && CLASSIC.includes('a') && CLASSIC.includes('b')) {
      await control.setLatency(20);
      const clients = await startBuiltChild<{ url: string }>('bench/processes/gateway.ts', { ...env, NODE_ENV: 'production', LOG_LEVEL: 'silent' }, NODE_FLAGS);
      children.push(clients);
      const mixes: Array<[string, GraphQLBody[]]> = [
        ['home page', [single.a]],
        [
          'home page + own schedule (1,000 attendees)',
          data.schedules
            .flatMap((s) => s.attendees)
            .filter((a, i, all) => all.indexOf(a) === i)
            .slice(0, 1_000)
            .flatMap((a) => [single.a, { query: ATTENDEE_SCHEDULES, variables: { attendeeId: toGlobalId('Attendee', 'guidebook', String(a)) } }]),
        ],
      ];
      for (const [label, bodies] of mixes) {
        await control.clearLogs();
        const rate = Math.round((1_000 * (bodies.length > 1 ? 2 : 1)) / 30);
        const rss = sampleRss(clients.pid);
        const load = await runClients({ url: clients.info.url, bodies, rate, durationSeconds: QUOTA_SECONDS });
        const peak = rss.stop();
        const counts = await control.counts();
        const perMinute = (counts.guidebook * 60) / QUOTA_SECONDS;
        quotaRows.push(
          `| ${label} | ${rate} | ${load.requests} | ${fmt(load.p50)} / ${fmt(load.p99)} | ${counts.guidebook} | **${fmt(perMinute, 1)}** | ${fmt(peak, 0)} |`,
        );
        console.log(`  1,000 clients, ${label}: ${rate} ops/s for ${QUOTA_SECONDS} s → Guidebook ${fmt(perMinute)} requests/min, RSS peak ${fmt(peak, 0)} MB`);
      }
      await stopChild(clients);

      // The heavier mix again, on a gateway whose day has been busy: its budget spent up to the pace.
      const [label, bodies] = mixes[1]!;
      const rate = Math.round(2_000 / 30);
      const paced = await runAtPace({ env, nodeFlags: NODE_FLAGS, control, bodies, rate, seconds: QUOTA_SECONDS });
      if ('skipped' in paced) notes.push(paced.skipped);
      else {
        const perMinute = (paced.guidebookCalls * 60) / QUOTA_SECONDS;
        const row = `${label}, day's budget at its pace (${Math.ceil(paced.allowance)} used; Redis)`;
        quotaRows.push(
          `| ${row} | ${rate} | ${paced.load.requests} | ${fmt(paced.load.p50)} / ${fmt(paced.load.p99)} | ${paced.guidebookCalls} | **${fmt(perMinute, 1)}** | ${fmt(paced.rssPeakMb, 0)} |`,
        );
        console.log(`  1,000 clients, ${row}: ${rate} ops/s for ${QUOTA_SECONDS} s after as long a warm-up → Guidebook ${fmt(perMinute)} requests/min`);
      }
    }

    printReport(quotaRows);
  } finally {
    await cleanup();
  }
}

if (CLASSIC.length > 0) await runClassic();
if (SCHEDULE.size > 0) {
  const lines = await runScheduleBench({
    scales: SCALES,
    scenarios: SCHEDULE,
    latencies: LATENCIES,
    durationSeconds: DURATION,
    connections: CONNECTIONS,
    probe: PROBE_REPETITIONS,
    nodeFlags: NODE_FLAGS,
  });
  console.log(lines.join('\n'));
}
if (SELECTED.includes('live')) {
  const lines = await runLiveBench({
    scale: Number(option('live-scale', '10000')),
    timeScale: Number(option('live-time-scale', '1')),
    changesPerMinute: Number(option('live-changes-per-minute', '2')),
    intervalS: Number(option('live-interval', '2')),
    changes: Number(option('live-changes', '30')),
    sockets: Number(option('live-sockets', '10')),
    perSocket: Number(option('live-per-socket', '100')),
    burst: Number(option('live-burst', '20')),
    parts: new Set(option('live-parts', 'cost,delay,fanout').split(',') as Array<'cost' | 'delay' | 'fanout'>),
    nodeFlags: NODE_FLAGS,
  });
  console.log(lines.join('\n'));
}

function shownOnHomePage(answer: Record<string, unknown>): HomeShown {
  // (i) selects no tracks and (j) no speakers.
  type Edge = { node: { source: string; tracks?: Array<{ id: string }> | null; speakers?: Array<{ speaker: { id: string } | null }> } };
  const edges = (answer.sessions as { edges: Edge[] }).edges;
  const guidebook = edges.filter((e) => e.node.source === 'GUIDEBOOK');
  return {
    guidebookSessions: guidebook.length,
    guidebookTracks: new Set(guidebook.flatMap((e) => (e.node.tracks ?? []).map((t) => t.id))).size,
    speakers: new Set(edges.flatMap((e) => (e.node.speakers ?? []).flatMap((s) => (s.speaker ? [s.speaker.id] : [])))).size,
  };
}

function printReport(quotaRows: string[]): void {
  const out: string[] = [];
  out.push('\n## Results\n');
  out.push('ops/s and latency from autocannon; "calls/op" = upstream requests the emulators logged during the run ÷ operations completed;');
  out.push(
    '"cold" = upstream calls of one operation on an empty cache (for (d): the whole walk); "min" = the fewest calls that operation needs, from the data;',
  );
  out.push(
    '"cold rounds" = its dependent rounds of upstream calls (bench/criticalPath.ts; only at a latency > 0), on a process that has read nothing yet, so page 1 of each list goes first;',
  );
  out.push('"min rounds" = the fewest once page sizes and totals are known (bench/minimum.ts). ratio = cold ÷ min.\n');
  out.push(
    '| scenario | latency | target | ops/s | p50 ms | p99 ms | calls/op under load | cold calls | min | cold/min | cold rounds | min rounds | RSS peak MB |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    out.push(
      `| ${r.scenario} | ${r.latency} ms | ${r.target} | ${fmt(r.load.opsPerSecond, 0)} | ${fmt(r.load.p50)} | ${fmt(r.load.p99)} | ${fmt(r.callsPerOp, 2)} | ${r.coldCalls ?? '–'} | ${r.minimum} | ${r.coldCalls === undefined ? '–' : fmt(r.coldCalls / r.minimum, 2)} | ${r.coldRounds ?? '–'} | ${r.minRounds ?? '–'} | ${fmt(r.rssMb, 0)} |`,
    );
  }
  if (probeRows.length > 0) {
    out.push('\n### Latency, one operation at a time\n');
    out.push('"critical path" = the operation\'s own upstream calls replayed by the bench straight to the emulators, round by round (bench/criticalPath.ts);');
    out.push('"own" = median of (operation − its replay), paired per operation. (d): every page of one walk, one sample per page.');
    out.push(
      '"pass-through floor" = (c)\'s one upstream call answered by a process that does nothing else (bench/processes/passThrough.ts): the own share that two extra loopback hops and a second wake-up cost on this machine.',
    );
    out.push(
      '"Apollo Server floor" = (c) through the naive baseline (bench/baseline/): Apollo Server\'s standalone server and one resolver that makes the one upstream call and maps its answer — the fixed stack with nothing of ours on top.',
    );
    out.push(
      '"warm, N ms idle" = the warm operation after N ms with nothing to do before each, as long as a cache miss waits on the provider: the same work, resumed from idle.\n',
    );
    out.push(
      '"rounds" = median dependent rounds of upstream calls per operation (read before: page sizes and totals known); "min rounds" as above; "bound" = min rounds × latency + 3 ms (issue 21\'s target for an unloaded p50).\n',
    );
    out.push('| scenario | latency | target | operations | p50 ms | bound ms | critical path p50 ms | rounds | min rounds | calls | own p50 ms |');
    out.push('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of probeRows) {
      const bound = r.minRounds === undefined ? undefined : r.minRounds * r.latency + 3;
      out.push(
        `| ${r.scenario} | ${r.latency} ms | ${r.target} | ${r.probe.operations} | ${fmt(r.probe.p50)} | ${fmt(bound)} | ${fmt(r.probe.criticalPathP50)} | ${r.probe.rounds} | ${r.minRounds ?? '–'} | ${r.probe.calls} | ${fmt(r.probe.ownP50)} |`,
      );
    }
  }
  out.push('\n### Side by side (ops/s ratios; p50 ms ours / peer)\n');
  out.push(
    "Like for like: our warm cache against the peer with its response cache on; our cache off against the peer with its cache off. (Issue 21 targets: warm ≥ 1.5× with p50 ≤ the peer's; cache off ≥ 3× at 0 ms, ≥ 1.5× at 20 ms.)\n",
  );
  out.push(
    '| scenario | latency | ours warm ÷ peer response-cached | warm p50 ours / peer | ours cache-off ÷ peer cache-off | cache-off p50 ours / peer | ours warm ÷ baseline | ours cache-off ÷ baseline |',
  );
  out.push('|---|---|---|---|---|---|---|---|');
  for (const latency of LATENCIES) {
    for (const scenario of CLASSIC.filter((s) => s !== 'd')) {
      const find = (target: string) => rows.find((r) => r.scenario === scenario && r.latency === latency && r.target === target)?.load;
      const warm = find('ours (warm cache)');
      const off = find('ours (cache off)');
      const peerOn = find('peer (response cache)');
      const peerOff = find('peer (cache off)');
      const base = find('baseline (naive)');
      const ratio = (a: LoadResult | undefined, b: LoadResult | undefined) => (a && b?.opsPerSecond ? `${fmt(a.opsPerSecond / b.opsPerSecond, 2)}×` : '–');
      const p50s = (a: LoadResult | undefined, b: LoadResult | undefined) => (a && b ? `${fmt(a.p50)} / ${fmt(b.p50)}` : '–');
      out.push(
        `| ${scenario} | ${latency} ms | ${ratio(warm, peerOn)} | ${p50s(warm, peerOn)} | ${ratio(off, peerOff)} | ${p50s(off, peerOff)} | ${ratio(warm, base)} | ${ratio(off, base)} |`,
      );
    }
  }
  if (quotaRows.length > 0) {
    out.push('\n### 1,000 clients refreshing every 30 s (default configuration, 20 ms upstream latency)\n');
    out.push('| what each client loads | ops/s | operations | p50 / p99 ms | Guidebook requests | Guidebook requests / min | RSS peak MB |');
    out.push('|---|---|---|---|---|---|---|');
    out.push(...quotaRows);
  }
  out.push('\nScenarios:');
  for (const [key, title] of Object.entries(TITLES)) if (CLASSIC.includes(key as ScenarioKey)) out.push(`- ${key}: ${title}`);
  if (notes.length > 0) {
    out.push('\nNotes:');
    for (const note of notes) out.push(`- ${note}`);
  }
  console.log(out.join('\n'));
}
