import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

import { CriticalPathReplay, roundsOf } from './criticalPath.js';
import type { EmulatorControl } from './emulatorControl.js';
import type { GraphQLBody } from './scenarios.js';

// Latency at one connection, against the upstream critical path. Under load, p50 measures
// queueing for two shared cores; one operation at a time measures what the gateway adds to
// the upstream calls it cannot avoid. Each operation is paired with a replay of its own
// upstream calls (criticalPath.ts) right after it, so both see the same machine.

export interface LatencyProbe {
  operations: number;
  /** Median client-observed latency of the operation through the gateway. */
  p50: number;
  /** Median time of its upstream calls replayed directly, round by round. */
  criticalPathP50: number;
  /** Median of (operation − its replay), paired per operation: the gateway's own share. */
  ownP50: number;
  /** Median rounds of dependent upstream calls, and calls, per operation. */
  rounds: number;
  calls: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[sorted.length >> 1]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};

/**
 * Sends `bodies` in turn, `repetitions` times, one at a time, after unmeasured passes for
 * `warmupSeconds` (at least one: V8 needs a few hundred operations to optimise the hot
 * path, which a gateway in service has long done); each operation's upstream calls come
 * from cleared emulator logs. `idleMs`: the target is left idle that long before each
 * measured operation, as a cache miss leaves it while it waits on a provider — on a VM
 * whose idle cores are slow to resume, that alone lengthens the work that follows.
 */
export async function probeLatency(options: {
  url: string;
  bodies: GraphQLBody[];
  control: EmulatorControl;
  repetitions: number;
  warmupSeconds: number;
  idleMs?: number;
  /** Errors an answer may carry and still count (default: none). */
  acceptErrors?: (errors: unknown[]) => boolean;
}): Promise<LatencyProbe> {
  const client = new Agent({ keepAliveTimeout: 30_000, connections: 1 });
  const replay = new CriticalPathReplay(options.control.origins);
  const send = async (body: GraphQLBody) => {
    const response = await request(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      dispatcher: client,
    });
    const answer = (await response.body.json()) as { errors?: unknown[] };
    if (response.statusCode !== 200 || (answer.errors && !options.acceptErrors?.(answer.errors)))
      throw new Error(`probe: ${response.statusCode} ${JSON.stringify(answer).slice(0, 300)}`);
  };
  try {
    const warmUntil = performance.now() + options.warmupSeconds * 1000;
    do {
      for (const body of options.bodies) await send(body);
    } while (performance.now() < warmUntil);
    const samples: Array<{ total: number; critical: number; rounds: number; calls: number }> = [];
    for (let i = 0; i < options.repetitions; i += 1) {
      for (const body of options.bodies) {
        await options.control.clearLogs();
        if (options.idleMs) await sleep(options.idleMs);
        const started = performance.now();
        await send(body);
        const total = performance.now() - started;
        const calls = await options.control.calls();
        const rounds = roundsOf(calls);
        const critical = rounds.length > 0 ? await replay.time(rounds) : 0;
        samples.push({ total, critical, rounds: rounds.length, calls: calls.length });
      }
    }
    return {
      operations: samples.length,
      p50: median(samples.map((s) => s.total)),
      criticalPathP50: median(samples.map((s) => s.critical)),
      ownP50: median(samples.map((s) => s.total - s.critical)),
      rounds: median(samples.map((s) => s.rounds)),
      calls: median(samples.map((s) => s.calls)),
    };
  } finally {
    await Promise.all([client.close(), replay.close()]);
  }
}
