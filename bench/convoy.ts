import { startEmulators } from '@sessions-gateway/emulators';
import { request } from 'undici';

import { loadConfig } from '../src/config/index.js';
import { createGateway } from '../src/server/createGateway.js';
import { productionNodeFlags, startBuiltChild } from './childProcess.js';

// The convoy (issue 21): closed-loop clients whose operations wait on one coalesced
// upstream call are released together; executed one after another, each round trip costs
// the upstream latency plus every client's execution. With inbound de-duplication the
// identical ones share one execution. `npx tsx bench/convoy.ts` — in-process (tsx, not the
// production build), so compare its rows with each other, not with `npm run bench`.
//
// Then the release itself, which CPU noise hides in the rows above: bursts of 10 different
// operations (one project, each its own page size) that all wait on one Roundware answer
// (100 ms), and when each answer is complete after that upstream answer — first, median,
// last. Released together, the waiters' executions interleave and all finish near the last
// one; released one by one (src/upstream/coalescer.ts), the median is about half the last.
// The bursts' gateway is the compiled build in its own process: `npx tsc -p tsconfig.bench.json` first.
//
// Rows: the response cache (and de-duplication) on or off; the clients asking the same
// operation, or each its own (different projects and page sizes: nothing to share).
// Upstream cache off, Roundware answering in 20 ms, 10 clients for 8 s each.

const CLIENTS = 10;
const SECONDS = Number(process.env.CONVOY_SECONDS ?? 8);
const LATENCY_MS = 20;
const SAME = (_client: number) => ({
  query: '{ clientSessions(first: 20, filter: { projectId: 1 }) { totalCount edges { node { id clientSystem startTime } } } }',
});
const OWN = (client: number) => ({
  query: `{ clientSessions(first: ${10 + client}, filter: { projectId: ${1 + (client % 3)} }) { totalCount edges { node { id clientSystem startTime } } } }`,
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

async function run(responseCache: boolean, body: (client: number) => { query: string }): Promise<string> {
  const emulators = await startEmulators();
  emulators.roundware.setLatency({ fixedMs: LATENCY_MS, jitterMs: 0 });
  const { PLANSTONE_CONFERENCES: _all, ...env } = emulators.env;
  const config = loadConfig({
    ...env,
    HOST: '127.0.0.1',
    PORT: '0',
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    ROUNDWARE_CACHE_TTL_MS: '0',
    RESPONSE_CACHE: String(responseCache),
  });
  const gateway = await createGateway(config, { logError: () => undefined });
  const url = await gateway.listen(0, '127.0.0.1');
  const latencies: number[] = [];
  let errors = 0;
  const client = async (index: number, until: number, measure: boolean) => {
    const payload = JSON.stringify(body(index));
    while (performance.now() < until) {
      const started = performance.now();
      const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
      const text = await response.body.text();
      if (response.statusCode !== 200 || text.includes('"errors"')) errors += 1;
      if (measure) latencies.push(performance.now() - started);
    }
  };
  try {
    const warm = performance.now() + 1_500;
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i, warm, false)));
    const start = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i, start + SECONDS * 1_000, true)));
    const elapsed = (performance.now() - start) / 1_000;
    const sorted = latencies.sort((a, b) => a - b);
    return `${(latencies.length / elapsed).toFixed(0).padStart(6)} ops/s  p50 ${percentile(sorted, 0.5).toFixed(1).padStart(5)} ms  p95 ${percentile(sorted, 0.95).toFixed(1).padStart(5)} ms  errors ${errors}`;
  } finally {
    await gateway.stop();
    await emulators.close();
  }
}

console.log(`convoy: ${CLIENTS} closed-loop clients, Roundware ${LATENCY_MS} ms, upstream cache off, ${SECONDS} s per row`);
/** Bursts (see the header): when each of 10 different operations answers after their one upstream answer. */
async function bursts(count: number): Promise<string> {
  const emulators = await startEmulators();
  emulators.roundware.setLatency({ fixedMs: 100, jitterMs: 0 });
  const { PLANSTONE_CONFERENCES: _all, ...env } = emulators.env;
  // The gateway in its own process, compiled (npm run bench:convoy builds it): in-process,
  // this process's own reading of the answers would be scheduled among the releases.
  const gateway = await startBuiltChild<{ url: string }>(
    'bench/processes/gateway.ts',
    { ...env, NODE_ENV: 'production', LOG_LEVEL: 'silent', ROUNDWARE_CACHE_TTL_MS: '0', RESPONSE_CACHE: 'false' },
    productionNodeFlags(),
  );
  const url = gateway.info.url;
  const body = (client: number) =>
    JSON.stringify({
      query: `{ clientSessions(first: ${10 + client}, filter: { projectId: 1 }) { totalCount edges { node { id clientSystem startTime } } } }`,
    });
  const firsts: number[] = [];
  const medians: number[] = [];
  const lasts: number[] = [];
  let skipped = 0;
  try {
    for (let burst = 0; burst < count + 3; burst += 1) {
      emulators.roundware.log.clear();
      const done = await Promise.all(
        Array.from({ length: CLIENTS }, async (_, i) => {
          const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(i) });
          await response.body.text();
          return performance.timeOrigin + performance.now();
        }),
      );
      const calls = emulators.roundware.log.entries();
      const answered = calls[0]?.answeredAtMs;
      // The first bursts warm up; a burst that did not share one call is not this measurement.
      if (burst < 3) continue;
      if (calls.length !== 1 || answered === undefined) {
        skipped += 1;
        continue;
      }
      const after = done.map((t) => t - answered).sort((a, b) => a - b);
      firsts.push(after[0]!);
      medians.push(percentile(after, 0.5));
      lasts.push(after.at(-1)!);
    }
  } finally {
    await gateway.stop();
    await emulators.close();
  }
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      0.5,
    );
  return `${CLIENTS} different operations on one upstream answer, ${firsts.length} bursts (${skipped} not coalesced): answered after it — first ${median(firsts).toFixed(1)} ms, median ${median(medians).toFixed(1)} ms, last ${median(lasts).toFixed(1)} ms (medians over bursts)`;
}

// CONVOY_ROWS=own (or same, or burst) runs only those rows.
const ROWS = process.env.CONVOY_ROWS;
for (const [label, body] of [
  ['same operation', SAME],
  ['own operations', OWN],
] as const) {
  if (ROWS && !label.startsWith(ROWS)) continue;
  for (const on of [false, true]) console.log(`${label.padEnd(15)} response cache ${on ? 'on ' : 'off'}  ${await run(on, body)}`);
}
if (!ROWS || ROWS === 'burst') console.log(await bursts(Number(process.env.CONVOY_BURSTS ?? 30)));
