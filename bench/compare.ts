// `npm run bench:compare -- --ref <git ref>`: the latency probe (one operation at a time,
// bench/latencyProbe.ts) and a short load run, for this checkout's gateway and the gateway
// of another commit, side by side over the same emulators, their runs interleaved so both
// see the same machine. Prints figures; asserts nothing. Options (all optional):
//   --ref <ref>        the commit to compare with (default origin/main, else HEAD~1); given more than
//                      once, every one of them runs side by side with this checkout
//   --latency <ms>     emulated upstream latency (default 20)
//   --probe <n>        operations per scenario and pass (default 20)
//   --passes <n>       interleaved passes (default 2)
//   --duration <s>     seconds of each load run (default 5; 0 skips them)
//   --cache on|off     the gateways' shared cache (default off: every operation goes upstream)
//   --redis            the shared cache in a throw-away redis-server (one key prefix per gateway)
//   --get              the load runs (and --cpu) send GET (query string + CSRF header) instead of POST
//   --cpu <n>          after the passes, the gateways' CPU ms per operation: blocks of n operations
//                      one at a time, alternating between the gateways (default 0: skipped)
//   --cpu-blocks <n>   blocks per scenario and gateway for --cpu (default 4)
//   --scenarios <list> which of a,b,c,d to run (default all four)
// Each load run also prints the gateway's CPU ms per operation under that load (its CPU time
// over the run divided by the operations answered): unlike ops/s, it hardly moves when other
// processes compete for the cores, so a build that spends more per operation only under
// concurrency shows here.
// Each other commit is checked out in a temporary worktree that borrows this checkout's
// node_modules, compiled with its own tsconfig.bench.json, and removed afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUNDWARE_PROJECTS } from '@sessions-gateway/emulators/roundware';

import { toGlobalId } from '../src/ids/globalId.js';
import { startRedisServer, type RedisServer } from '../test/support/redisServer.js';
import { productionNodeFlags, startBuiltChild, startChild, type Child } from './childProcess.js';
import { cpuPerOperation, cpuSeconds } from './cpuPerOperation.js';
import { EmulatorControl, type ProviderKey } from './emulatorControl.js';
import { firstConferenceOnly } from './firstConferenceOnly.js';
import { probeLatency } from './latencyProbe.js';
import { runLoad } from './load.js';
import { readBenchData } from './providerData.js';
import { ATTENDEE_SCHEDULES, HOME_PAGE, PROJECT_CLIENT_SESSIONS, SESSIONS_PAGE, type GraphQLBody } from './scenarios.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1]! : fallback;
};
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const defaultRef = () => {
  try {
    return git('rev-parse', '--verify', '--quiet', 'origin/main');
  } catch {
    return 'HEAD~1';
  }
};
const refsAsked = argv.flatMap((arg, at) => (arg === '--ref' && argv[at + 1] !== undefined ? [argv[at + 1]!] : []));
const REFS = (refsAsked.length > 0 ? refsAsked : [defaultRef()]).map((ref) => git('rev-parse', '--short', ref));
const LATENCY = Number(option('latency', '20'));
const PROBE = Number(option('probe', '20'));
const PASSES = Number(option('passes', '2'));
const DURATION = Number(option('duration', '5'));
const CACHE = option('cache', 'off') === 'on';
const REDIS = argv.includes('--redis');
const METHOD = argv.includes('--get') ? 'GET' : 'POST';
const CPU_OPERATIONS = Number(option('cpu', '0'));
const CPU_BLOCKS = Number(option('cpu-blocks', '4'));
const SCENARIOS = option('scenarios', 'a,b,c,d').split(',');
const fmt = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(1));

const worktrees = REFS.map(() => mkdtempSync(join(tmpdir(), 'gateway-compare-')));
const children: Array<Child<unknown>> = [];
let redis: RedisServer | undefined;
try {
  for (const [index, worktree] of worktrees.entries()) {
    git('worktree', 'add', '--detach', worktree, REFS[index]!);
    symlinkSync(join(process.cwd(), 'node_modules'), join(worktree, 'node_modules'));
    execFileSync(process.execPath, [join(process.cwd(), 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.bench.json'], { cwd: worktree, stdio: 'inherit' });
  }

  const emulators = await startBuiltChild<{ env: Record<string, string>; origins: Record<ProviderKey, string> }>('bench/processes/emulators.ts');
  children.push(emulators);
  const control = new EmulatorControl(emulators.info.origins);
  const data = await readBenchData(emulators.info.env);
  const bodies: Record<'a' | 'b' | 'c' | 'd', GraphQLBody> = {
    a: { query: HOME_PAGE },
    b: { query: ATTENDEE_SCHEDULES, variables: { attendeeId: toGlobalId('Attendee', 'guidebook', String(data.attendeeId)) } },
    c: { query: PROJECT_CLIENT_SESSIONS, variables: { projectId: ROUNDWARE_PROJECTS[0]!.id } },
    // (d)'s first page (the walk's other pages cost the same, from other offsets).
    d: { query: SESSIONS_PAGE },
  };
  const env = {
    ...firstConferenceOnly(emulators.info.env),
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    GUIDEBOOK_QUOTA_PER_DAY: '0',
    ROUNDWARE_QUOTA_PER_DAY: '0',
    ...(CACHE ? {} : { GUIDEBOOK_CACHE_TTL_MS: '0', ROUNDWARE_CACHE_TTL_MS: '0', PLANSTONE_CACHE_TTL_MS: '0' }),
  };
  if (REDIS) redis = await startRedisServer();
  // Each gateway its own key space, so neither reads entries the other wrote.
  const gateway = (root: string, keyPrefix: string) =>
    startChild<{ url: string }>(process.execPath, [...productionNodeFlags(), join(root, 'dist/bench/bench/processes/gateway.js')], {
      env: { ...env, ...(redis ? { REDIS_URL: redis.url, REDIS_KEY_PREFIX: keyPrefix } : {}) },
    });
  const targets = [];
  for (const [index, worktree] of worktrees.entries()) targets.push({ name: `${REFS[index]} (--ref)`, child: await gateway(worktree, `ref${index}:`) });
  targets.push({ name: 'this checkout', child: await gateway(process.cwd(), 'checkout:') });
  children.push(...targets.map((t) => t.child));
  await control.setLatency(LATENCY);

  console.log(
    `\nSide by side at ${LATENCY} ms upstream latency, shared cache ${CACHE ? 'on' : 'off'}${redis ? ' (Redis)' : ''}; ${PASSES} interleaved passes; load by ${METHOD}\n`,
  );
  for (let pass = 1; pass <= PASSES; pass += 1) {
    for (const [scenario, body] of Object.entries(bodies).filter(([name]) => SCENARIOS.includes(name))) {
      // Every other pass in reverse order, so that no gateway always runs its load last.
      for (const { name, child } of pass % 2 === 0 ? [...targets].reverse() : targets) {
        const probe = await probeLatency({ url: child.info.url, bodies: [body], control, repetitions: PROBE, warmupSeconds: 3 });
        const cpuBefore = cpuSeconds(child.pid);
        const load =
          DURATION > 0 ? await runLoad({ url: child.info.url, bodies: [body], durationSeconds: DURATION, connections: 20, method: METHOD }) : undefined;
        const cpuUnderLoad = load && load.requests > 0 ? ((cpuSeconds(child.pid) - cpuBefore) * 1000) / load.requests : NaN;
        console.log(
          `  pass ${pass}  ${scenario}  ${name.padEnd(16)} one at a time: p50 ${fmt(probe.p50)} ms, critical path ${fmt(probe.criticalPathP50)} ms (${probe.rounds} rounds, ${probe.calls} calls), own ${fmt(probe.ownP50)} ms` +
            (load ? `   load: ${load.opsPerSecond.toFixed(0)} ops/s, p50 ${fmt(load.p50)} ms, CPU ${cpuUnderLoad.toFixed(3)} ms/op` : ''),
        );
      }
    }
  }
  if (CPU_OPERATIONS > 0) {
    console.log(`\nGateway CPU per operation (ms; /proc/<pid>/stat), ${CPU_BLOCKS} alternating blocks of ${CPU_OPERATIONS} ${METHOD}s one at a time\n`);
    for (const [scenario, body] of Object.entries(bodies).filter(([name]) => SCENARIOS.includes(name))) {
      const spent = targets.map(() => [] as number[]);
      for (let block = 0; block < CPU_BLOCKS; block += 1) {
        // Every other block in reverse order, so that no gateway always runs first.
        const order = [...targets.entries()];
        if (block % 2 === 1) order.reverse();
        for (const [index, { child }] of order) {
          spent[index]!.push(await cpuPerOperation({ url: child.info.url, pid: child.pid, body, operations: CPU_OPERATIONS, method: METHOD }));
        }
      }
      const means = spent.map((blocks) => blocks.reduce((sum, value) => sum + value, 0) / blocks.length);
      for (const [index, { name }] of targets.entries()) {
        const blocks = spent[index]!;
        // This checkout (last) against each ref: its CPU per operation relative to theirs.
        const against =
          index === targets.length - 1
            ? REFS.map((ref, at) => `${ref} ${means[index]! >= means[at]! ? '+' : '−'}${Math.abs((means[index]! / means[at]! - 1) * 100).toFixed(1)} %`).join(
                ', ',
              )
            : '';
        console.log(
          `  ${scenario}  ${name.padEnd(16)} ${means[index]!.toFixed(3)} ms per operation (blocks: ${blocks.map((value) => value.toFixed(3)).join(', ')})${against ? `  vs ${against}` : ''}`,
        );
      }
    }
  }
} finally {
  await Promise.all(children.map((child) => child.stop()));
  await redis?.stop();
  for (const worktree of worktrees) {
    try {
      git('worktree', 'remove', '--force', worktree);
    } catch {
      rmSync(worktree, { recursive: true, force: true });
    }
  }
}
