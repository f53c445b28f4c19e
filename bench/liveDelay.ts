import { startBuiltChild } from './childProcess.js';
import type { EmulatorControl } from './emulatorControl.js';
import { liveGatewayEnv } from './liveConfig.js';
import { editablePlanstoneSessions, movePlanstoneSession } from './liveEdits.js';
import { untilDetected } from './untilDetected.js';
import { readsSettledAfter } from './upstreamWindow.js';
import { nowMs, openSubscribers } from './wsSubscribers.js';

// Part 2 of the live-schedule bench: the delay from an edit in the Planstone emulator (its
// control endpoint) to the event's arrival at a graphql-ws subscriber of the gateway. Edits
// come one at a time at random gaps (each session edited once), so each is found by a poll
// from a quiet feed, as a conference's rare changes are.

export interface DelayOptions {
  env: Record<string, string>;
  control: EmulatorControl;
  nodeFlags: string[];
  /** CHANGE_POLL_INTERVAL_S of the run (s). */
  intervalS: number;
  /** PLANSTONE_CACHE_TTL_MS of the run: the cheap poll's answer is cached this long. */
  planstoneTtlMs: number;
  /** Extra gateway environment (e.g. the other TTLs). */
  extraEnv: Record<string, string>;
  changes: number;
}

export interface DelayRun {
  intervalS: number;
  planstoneTtlMs: number;
  /** Delays (ms) of the changes that arrived, ascending. */
  delaysMs: number[];
  /** Changes that never arrived within the wait. */
  missing: number;
  /** Events that arrived more than once. */
  duplicates: number;
  problems: string[];
}

const SUBSCRIPTION = 'subscription Live { sessionChanged { sessionId kind } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureDeliveryDelay(options: DelayOptions, offset: number): Promise<DelayRun> {
  const { control, intervalS, planstoneTtlMs } = options;
  const [warmUp, ...targets] = (await editablePlanstoneSessions(options.env, offset + 1 + options.changes)).slice(offset);
  await control.settle();
  await control.clearLogs();
  const started = Date.now();
  const gateway = await startBuiltChild<{ url: string }>(
    'bench/processes/gateway.ts',
    liveGatewayEnv(options.env, { ...options.extraEnv, CHANGE_POLL_INTERVAL_S: String(intervalS), PLANSTONE_CACHE_TTL_MS: String(planstoneTtlMs) }),
    options.nodeFlags,
  );
  const subscribers = openSubscribers(gateway.info.url, SUBSCRIPTION, 1, 1);
  try {
    // Edits start once detection is live: after the baseline (the first poll reads every list
    // whole), and after a warm-up edit has reached the subscriber.
    const baselineEnd = await readsSettledAfter(control, started, intervalS * 750, started + 600_000, (c) => c.provider === 'planstone');
    if (baselineEnd === undefined) throw new Error('delivery delay: the first poll did not happen within ten minutes');
    const live = await untilDetected(
      (attempt) => movePlanstoneSession(control.origins.planstone, warmUp!, `Delay warm-up ${offset} ${attempt}`),
      () => subscribers.arrivals.some((a) => a.sessionId === warmUp!.sessionId),
      planstoneTtlMs + intervalS * 3_000,
      120_000,
    );
    if (!live) throw new Error(`delivery delay: a warm-up edit never reached the subscriber (${subscribers.problems.join('; ') || 'no error'})`);
    const editedAt = new Map<string, number>();
    // Gaps uniform in [interval / 2, TTL + interval]: each edit meets the cheap poll's cached
    // answer at a random age, as a change made at a random moment does.
    const spanMs = planstoneTtlMs + intervalS * 1000 * (planstoneTtlMs > 0 ? 1 : 2);
    for (const [i, target] of targets.entries()) {
      await sleep(intervalS * 500 + Math.random() * (spanMs - intervalS * 500));
      editedAt.set(target.sessionId, nowMs());
      await movePlanstoneSession(control.origins.planstone, target, `Delay room ${offset + i}`);
    }
    // Every change should arrive within the TTL plus two intervals; wait a little longer.
    const deadline = Date.now() + spanMs + intervalS * 2_000 + 5_000;
    const arrived = () => new Set(subscribers.arrivals.map((a) => a.sessionId).filter((id) => editedAt.has(id))).size;
    while (arrived() < editedAt.size && Date.now() < deadline) await sleep(100);
    const first = new Map<string, number>();
    let duplicates = 0;
    for (const a of subscribers.arrivals) {
      if (!editedAt.has(a.sessionId)) continue;
      if (first.has(a.sessionId)) duplicates += 1;
      else first.set(a.sessionId, a.atMs - editedAt.get(a.sessionId)!);
    }
    return {
      intervalS,
      planstoneTtlMs,
      delaysMs: [...first.values()].sort((a, b) => a - b),
      missing: editedAt.size - first.size,
      duplicates,
      problems: [...subscribers.problems],
    };
  } finally {
    await subscribers.close();
    await gateway.stop();
  }
}
