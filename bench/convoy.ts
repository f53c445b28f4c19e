import { startEmulators } from '@sessions-gateway/emulators';
import { request } from 'undici';

import { loadConfig } from '../src/config/index.js';
import { createGateway } from '../src/server/createGateway.js';

// The convoy (issue 21): closed-loop clients whose operations wait on one coalesced
// upstream call are released together; executed one after another, each round trip costs
// the upstream latency plus every client's execution. With inbound de-duplication the
// identical ones share one execution. `npx tsx bench/convoy.ts` — in-process (tsx, not the
// production build), so compare its rows with each other, not with `npm run bench`.
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
for (const [label, body] of [
  ['same operation', SAME],
  ['own operations', OWN],
] as const) {
  for (const on of [false, true]) console.log(`${label.padEnd(15)} response cache ${on ? 'on ' : 'off'}  ${await run(on, body)}`);
}
