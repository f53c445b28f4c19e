// Soak run: a gateway (the real entry point, in its own process) over the emulated
// providers, mixed queries at a steady rate, and ~10% of upstream requests faulted through
// the emulators' control surface. Prints the gateway's 5xx count, error codes by kind,
// latency percentiles and the gateway's RSS at start and end. Not part of CI.
//
//   npm run soak                      # 600 s at 40 operations/s
//   SOAK_SECONDS=60 SOAK_RATE=40 npm run soak
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulators } from '@sessions-gateway/emulators';
import type { FaultSpec } from '@sessions-gateway/emulators/kit/faults.js';
import { Agent, request } from 'undici';

import { productionNodeFlags } from './childProcess.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 40);
const FAULT_SHARE = Number(process.env.SOAK_FAULT_SHARE ?? 0.1);
const MAX_IN_FLIGHT = 128;

/** What apps ask for: schedule pages (merged), single-provider lists, nested reads, lookups. */
const QUERIES: Array<{ name: string; query: string; variables?: Record<string, unknown> }> = [
  {
    name: 'home',
    query: '{ sessions(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { id source name startTime endTime tracks { name } } } } }',
  },
  {
    name: 'planstone-desc',
    query:
      '{ sessions(first: 10, filter: { sources: [PLANSTONE] }, orderBy: { field: START_TIME, direction: DESC }) { edges { node { name startTime speakers(publishedOnly: true) { role speaker { displayName } } } } } }',
  },
  { name: 'tracks', query: '{ tracks(first: 5) { edges { node { name sessions(first: 3) { totalCount edges { node { name } } } } } } }' },
  { name: 'client-sessions', query: '{ clientSessions(last: 10) { totalCount edges { node { id clientSystem startTime } } } }' },
  {
    name: 'schedules',
    query: '{ personalizedSchedules(first: 3) { edges { node { name attendees(first: 3) { totalCount } sessions(first: 5) { totalCount } } } } }',
  },
  {
    name: 'mixed',
    query: '{ sessions(first: 5) { edges { node { name } } } clientSessions(first: 5) { totalCount } speakers(first: 5) { edges { node { displayName } } } }',
  },
];

/** Faults and their weights: mostly 5xx and resets, some slow or broken answers. */
const FAULTS: Array<[number, FaultSpec]> = [
  [4, { kind: 'status', status: 500, body: { detail: 'A server error occurred.' } }],
  [3, { kind: 'status', status: 503, headers: { 'retry-after': '1' } }],
  [2, { kind: 'status', status: 502, body: '<html><body>502 Bad Gateway</body></html>', headers: { 'content-type': 'text/html' } }],
  [2, { kind: 'reset' }],
  [2, { kind: 'truncated' }],
  [1, { kind: 'malformed-json' }],
  [1, { kind: 'rate-limit', retryAfterSeconds: 1 }],
  [1, { kind: 'wrong-shape' }],
  [1, { kind: 'hang' }],
];
const FAULT_WEIGHT = FAULTS.reduce((sum, [weight]) => sum + weight, 0);

function pickFault(): FaultSpec {
  let roll = Math.random() * FAULT_WEIGHT;
  for (const [weight, fault] of FAULTS) if ((roll -= weight) < 0) return fault;
  return FAULTS[0]![1];
}

function rssMb(pid: number): number | undefined {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 102.4) / 10 : undefined;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  // The emulators' own daily quota would end a long soak: lift it (the gateway's guard too).
  const emulators = await startEmulators({ guidebook: { dailyQuota: 10_000_000 } });
  // The entry point as `npm run start:prod` runs it: compiled (by `npm run soak`), its flags.
  const gateway = spawn(process.execPath, [...productionNodeFlags(), 'dist/bench/src/index.js'], {
    env: {
      ...process.env,
      ...emulators.env,
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      // Short TTLs and no stale-while-revalidate, so that the providers (and their faults)
      // see steady traffic and a fault that survives the retries reaches a client.
      CACHE_STALE_GRACE_MS: '0',
      GUIDEBOOK_CACHE_TTL_MS: '1000',
      ROUNDWARE_CACHE_TTL_MS: '1000',
      PLANSTONE_CACHE_TTL_MS: '1000',
      GUIDEBOOK_QUOTA_PER_DAY: '0',
      UPSTREAM_HEADERS_TIMEOUT_MS: '2000',
      UPSTREAM_BODY_TIMEOUT_MS: '2000',
      UPSTREAM_DEADLINE_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let gatewayOutput = '';
  gateway.stdout!.on('data', (chunk: Buffer) => (gatewayOutput += chunk.toString()));
  let url: string | undefined;
  for (let i = 0; i < 400 && !url; i += 1) {
    url = /ready at (http:\/\/\S+\/graphql)/.exec(gatewayOutput)?.[1];
    if (!url) await sleep(50);
  }
  if (!url) throw new Error(`the gateway did not start:\n${gatewayOutput}`);
  const gatewayUrl = url;
  const agent = new Agent({ connections: MAX_IN_FLIGHT, keepAliveTimeout: 30_000 });

  // Warm up (JIT, first cache fills), then measure.
  for (const { query } of QUERIES)
    await request(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), dispatcher: agent }).then(
      (r) => r.body.dump(),
    );
  const rssStart = rssMb(gateway.pid!);

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const codes = new Map<string, number>();
  let sent = 0;
  let skipped = 0;
  let inFlight = 0;
  let transportErrors = 0;
  let faultsInjected = 0;
  let upstreamRequests = 0;
  let owed = 0;

  const fire = async () => {
    if (inFlight >= MAX_IN_FLIGHT) {
      skipped += 1;
      return;
    }
    const item = QUERIES[sent % QUERIES.length]!;
    sent += 1;
    inFlight += 1;
    const started = performance.now();
    try {
      const response = await request(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: item.query }),
        dispatcher: agent,
      });
      const body = (await response.body.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      latencies.push(performance.now() - started);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      for (const error of body.errors ?? []) codes.set(error.extensions?.code ?? '(none)', (codes.get(error.extensions?.code ?? '(none)') ?? 0) + 1);
    } catch {
      transportErrors += 1;
    } finally {
      inFlight -= 1;
    }
  };

  // Every second: fault ~FAULT_SHARE of the upstream requests each provider got in the last
  // second (each fault spends itself on one request), and clear the logs so they stay small.
  const faultTick = async () => {
    for (const provider of ['guidebook', 'roundware', 'planstone'] as const) {
      const emulator = emulators[provider];
      const count = emulator.log.count();
      emulator.log.clear();
      upstreamRequests += count;
      owed += count * FAULT_SHARE;
      const due = Math.floor(owed);
      owed -= due;
      for (let i = 0; i < due; i += 1) emulator.faults.add({ ...pickFault(), times: 1 });
      faultsInjected += due;
    }
  };

  console.log(`Soak: ${SECONDS} s at ${RATE} operations/s against ${gatewayUrl}, ~${Math.round(FAULT_SHARE * 100)}% of upstream requests faulted.`);
  const started = Date.now();
  const pacer = setInterval(() => void fire(), 1000 / RATE);
  const faults = setInterval(() => void faultTick(), 1000);
  const progress = setInterval(
    () => console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${sent} sent, ${inFlight} in flight, RSS ${rssMb(gateway.pid!)} MB`),
    30_000,
  );
  await sleep(SECONDS * 1000);
  clearInterval(pacer);
  clearInterval(faults);
  clearInterval(progress);
  for (let i = 0; i < 200 && inFlight > 0; i += 1) await sleep(50);
  const rssEnd = rssMb(gateway.pid!);

  const sorted = [...latencies].sort((a, b) => a - b);
  const serverErrors = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
  const report = {
    seconds: SECONDS,
    targetRate: RATE,
    operations: sent,
    achievedRate: Math.round((latencies.length / SECONDS) * 10) / 10,
    skippedAtConcurrencyCap: skipped,
    upstreamRequests,
    faultsInjected,
    gateway5xx: serverErrors,
    transportErrors,
    httpStatuses: Object.fromEntries(statuses),
    errorCodes: Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])),
    latencyMs: {
      p50: Math.round(percentile(sorted, 50)),
      p90: Math.round(percentile(sorted, 90)),
      p99: Math.round(percentile(sorted, 99)),
      max: Math.round(sorted.at(-1) ?? 0),
    },
    gatewayRssMb: { start: rssStart, end: rssEnd },
  };
  console.log(JSON.stringify(report, null, 2));

  await agent.close();
  gateway.kill('SIGTERM');
  await new Promise((resolve) => gateway.once('exit', resolve));
  await emulators.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
