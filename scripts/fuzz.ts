// `npm run fuzz`: property-based fuzzing of a running gateway over the emulated providers —
// thousands of requests generated from its introspected schema plus malformed HTTP (the
// arbitraries and properties of test/fuzz/, which `npm test` runs a few hundred of with a
// fixed seed). Prints the seed, a shrunk reproducer (a curl command line) for any failure,
// and the gateway's resident memory at start, peak and end.
//
//   npm run fuzz                                  # in-process gateway, 2,000 runs, random seed
//   npm run fuzz -- --target start --runs 10000   # spawns the gateway as `npm start` runs it (tsx, demo mode)
//   npm run fuzz -- --target prod --runs 10000    # builds, then spawns it as `npm run start:prod` does (over the emulators)
//   npm run fuzz -- --seed 1234 --runs 500        # replays a seed
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { GUIDEBOOK_DEMO_API_KEY, PLANSTONE_DEMO, ROUNDWARE_DEMO_TOKEN, startEmulators } from '@sessions-gateway/emulators';
import fc from 'fast-check';
import { request } from 'undici';

import { productionNodeFlags } from '../bench/childProcess.js';
import { rssMb, sampleRss } from '../bench/rss.js';
import { describeFailure, fuzzOnce, gatewayArbitrary, isUp, type FuzzTarget } from '../test/fuzz/fuzzTarget.js';
import type { FuzzRequest } from '../test/fuzz/requestArbitrary.js';
import { toCurl } from '../test/fuzz/sendFuzzRequest.js';
import { startHarness } from '../test/support/gatewayHarness.js';

const { values: options } = parseArgs({
  options: {
    target: { type: 'string', default: 'inprocess' },
    runs: { type: 'string', default: '2000' },
    seed: { type: 'string' },
  },
});
const target = options.target as 'inprocess' | 'start' | 'prod';
if (!['inprocess', 'start', 'prod'].includes(target)) throw new Error(`--target is inprocess, start or prod, not ${target}`);
const runs = Number(options.runs);
const seed = options.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(options.seed);

interface Running {
  url: string;
  pid: number;
  stop(): Promise<void>;
  exited(): string | null;
}

/** The Node flags `npm start` gives tsx (`tsx --max-old-space-size=… src/index.ts`), read from package.json. */
function startNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = (scripts.start ?? '').split(/\s+/);
  return words.slice(words.indexOf('tsx') + 1).filter((word) => word.startsWith('--'));
}

/**
 * Spawns the gateway's entry point on a free port and waits for its "ready at" line: over
 * the providers `providerEnv` names, or in demo mode (emulators in its own process).
 */
async function spawnGateway(args: string[], providerEnv?: Record<string, string | undefined>): Promise<Running> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };
  for (const name of ['GUIDEBOOK_API_URL', 'ROUNDWARE_API_URL', 'PLANSTONE_API_URL', 'DEMO']) delete env[name];
  Object.assign(env, providerEnv ?? { DEMO: 'true' });
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let exit: string | null = null;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => ((exit = `exited with ${code ?? signal}: ${stderr}`), resolve())));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start within 120 s: ${stderr}`)), 120_000);
    // Every log line is read and dropped, so the pipe never fills and stalls the gateway.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /ready at (http:\/\/\S+\/graphql)/.exec(line);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    child.once('exit', () => reject(new Error(`the gateway ${exit}`)));
  });
  return {
    url,
    pid: child.pid!,
    exited: () => exit,
    async stop() {
      if (exit === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function startTarget(): Promise<Running & { secrets: FuzzTarget['secrets']; how: string }> {
  const credentials = [GUIDEBOOK_DEMO_API_KEY, ROUNDWARE_DEMO_TOKEN, PLANSTONE_DEMO.token, Buffer.from(`${PLANSTONE_DEMO.token}:`).toString('base64')];
  if (target === 'inprocess') {
    const harness = await startHarness({ env: { GRAPHQL_JIT_AFTER: '1' } });
    const hosts = [harness.emulators.guidebook, harness.emulators.roundware, harness.emulators.planstone].map((emulator) => new URL(emulator.baseUrl).host);
    return {
      url: harness.url,
      pid: process.pid,
      stop: () => harness.close(),
      exited: () => null,
      secrets: { hosts, credentials },
      how: 'in this process (createGateway over startEmulators; RSS includes the fuzzer)',
    };
  }
  if (target === 'start') {
    spawnSync('npm', ['run', 'build:web', '--silent'], { stdio: 'inherit' });
    const flags = startNodeFlags();
    const running = await spawnGateway([...flags, '--import', 'tsx', 'src/index.ts']);
    return {
      ...running,
      secrets: { hosts: [], credentials, gatewayPort: Number(new URL(running.url).port) },
      how: `\`npm start\`: node ${flags.join(' ')} --import tsx src/index.ts, demo mode`,
    };
  }
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  // The built gateway carries no emulators (demo mode is `npm start`'s): they run in this
  // process and the gateway is pointed at them as at real providers.
  const emulators = await startEmulators();
  const flags = productionNodeFlags();
  const running = await spawnGateway([...flags, 'dist/src/index.js'], emulators.env);
  const hosts = [emulators.guidebook, emulators.roundware, emulators.planstone].map((emulator) => new URL(emulator.baseUrl).host);
  return {
    ...running,
    async stop() {
      await running.stop();
      await emulators.close();
    },
    secrets: { hosts, credentials, gatewayPort: Number(new URL(running.url).port) },
    how: `\`npm run start:prod\`: node ${flags.join(' ')} dist/src/index.js, over the emulators in the fuzzer's process`,
  };
}

/** The gateway's /metrics: its series count (label cardinality: random operation names must not grow it) and V8 heap figures (MB). */
async function scrape(url: string): Promise<{ series: number; heap: Record<string, number> } | undefined> {
  try {
    const response = await request(new URL('/metrics', url));
    const text = await response.body.text();
    if (response.statusCode !== 200) return undefined;
    const lines = text.split('\n').filter((line) => line && !line.startsWith('#'));
    const heap: Record<string, number> = {};
    for (const line of lines) {
      const match = /^nodejs_(heap_size_used_bytes|heap_size_total_bytes|external_memory_bytes|heap_space_size_used_bytes\{space="(\w+)"\}) ([\d.e+]+)$/.exec(
        line,
      );
      if (match) heap[match[2] ? `${match[2]}` : match[1]!.replace(/_bytes$/, '')] = Number(match[3]) / 1_048_576;
    }
    return { series: lines.length, heap };
  } catch {
    return undefined;
  }
}

const heapLine = (heap: Record<string, number> | undefined) =>
  heap
    ? Object.entries(heap)
        .filter(([, value]) => value >= 1)
        .map(([name, value]) => `${name} ${value.toFixed(0)}`)
        .join(', ')
    : 'n/a';

const mb = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(0)} MB`);

const running = await startTarget();
const fuzzTarget: FuzzTarget = { url: running.url, secrets: running.secrets };
console.log(`fuzz: seed ${seed}, ${runs} runs, target ${target} — ${running.how}`);
console.log(`fuzz: replay with: npm run fuzz -- --target ${target} --seed ${seed} --runs ${runs}`);
const { requests } = await gatewayArbitrary(running.url);
const startRss = rssMb(running.pid);
const atStart = await scrape(running.url);
const sampler = sampleRss(running.pid, 250);
const statuses = new Map<number, number>();
let done = 0;
let lastFailure: string | undefined;
const started = performance.now();

try {
  await fc.assert(
    fc.asyncProperty(requests, async (fuzz: FuzzRequest) => {
      const outcome = await fuzzOnce(fuzzTarget, fuzz).catch((error: unknown) => {
        lastFailure = `no answer (${running.exited() ?? String(error)})\nreproduce: ${toCurl('http://localhost:4000', fuzz)}`;
        throw new Error(lastFailure);
      });
      done += 1;
      statuses.set(outcome.response.status, (statuses.get(outcome.response.status) ?? 0) + 1);
      if (done % 1_000 === 0)
        console.log(`fuzz: ${done} requests, ${((done * 1000) / (performance.now() - started)).toFixed(0)}/s, gateway RSS ${mb(rssMb(running.pid))}`);
      if (outcome.open.length > 0) {
        // The fuzzed gateway is gone once this script ends: the reproducer targets `npm start`.
        lastFailure = describeFailure(fuzzTarget, fuzz, outcome, 'http://localhost:4000');
        throw new Error(lastFailure);
      }
    }),
    { seed, numRuns: runs },
  );
  console.log(`fuzz: all ${runs} runs held (seed ${seed}).`);
} catch (error) {
  // fast-check's message starts with the seed and the replay path; the counterexample follows (long: printed as curl instead).
  const [summary = ''] = String((error as Error).message).split('\n');
  const path = /path: "([^"]+)"/.exec((error as Error).message)?.[1];
  const failure = lastFailure ?? (error as Error).message;
  const file = join(tmpdir(), `fuzz-failure-${seed}.txt`);
  writeFileSync(file, `${failure}\n`);
  console.log(`fuzz: FAILED (seed ${seed}${path ? `, path ${path}` : ''}). ${summary.slice(0, 300)}`);
  console.log(
    `fuzz: shrunk failure (reproduce against \`npm start\`; in full in ${file}):\n${failure
      .split('\n')
      .map((line) => (line.length > 2_000 ? `${line.slice(0, 2_000)}… (${line.length} characters)` : line))
      .join('\n')}`,
  );
  process.exitCode = 1;
}
const peakRss = sampler.stop();
const endRss = rssMb(running.pid);
const up = await isUp(running.url);
const atEnd = await scrape(running.url);
console.log(
  `fuzz: ${done} requests in ${((performance.now() - started) / 1000).toFixed(0)} s; statuses ${[...statuses]
    .sort((a, b) => a[0] - b[0])
    .map(([status, n]) => `${status}×${n}`)
    .join(' ')}`,
);
console.log(
  `fuzz: gateway RSS start ${mb(startRss)}, peak ${mb(peakRss)}, end ${mb(endRss)} (end − start ${startRss && endRss ? (endRss - startRss).toFixed(0) : 'n/a'} MB); /metrics series ${atStart?.series ?? 'n/a'} → ${atEnd?.series ?? 'n/a'}`,
);
console.log(`fuzz: gateway heap (MB) at start: ${heapLine(atStart?.heap)}`);
console.log(`fuzz: gateway heap (MB) at end:   ${heapLine(atEnd?.heap)}`);
console.log(`fuzz: gateway ${up ? 'still up' : 'DOWN'}`);
if (!up) process.exitCode = 1;
await running.stop();
process.exit();
