import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

import type { LoadResult } from './load.js';
import type { GraphQLBody } from './scenarios.js';

// Many clients that each refresh now and then, at phases of their own: requests arrive
// evenly spaced, each sent at its time whether or not earlier ones were answered (an open
// model). autocannon's `overallRate` gives each connection its share of the rate on timers
// that start together, so fifty connections send in bursts of fifty: at 33 operations/s on
// a warm gateway that measured a p50 of 27 ms with 50 connections against 1 ms with one —
// queueing inside each burst, not what a thousand independent clients see.

/**
 * Sends `bodies` in turn at `rate` per second for `durationSeconds`, evenly spaced. Latency
 * is measured from each request's scheduled time, so a gateway that falls behind shows it.
 */
export async function runClients(options: { url: string; bodies: GraphQLBody[]; rate: number; durationSeconds: number }): Promise<LoadResult> {
  const agent = new Agent({ connections: 128, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const interval = 1_000 / options.rate;
  const total = Math.round(options.rate * options.durationSeconds);
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  try {
    for (let i = 0; i < total; i += 1) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const body = JSON.stringify(options.bodies[i % options.bodies.length]);
      inFlight.push(
        request(options.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, dispatcher: agent })
          .then(async (response) => {
            await response.body.dump();
            if (response.statusCode < 200 || response.statusCode >= 300) non2xx += 1;
            latencies.push(performance.now() - due);
          })
          .catch(() => {
            errors += 1;
          }),
      );
    }
    await Promise.all(inFlight);
  } finally {
    await agent.close();
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => (latencies.length === 0 ? Number.NaN : latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!);
  return { requests: latencies.length, opsPerSecond: latencies.length / options.durationSeconds, p50: at(0.5), p99: at(0.99), errors, non2xx };
}
