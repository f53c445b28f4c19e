import { startBuiltChild } from './childProcess.js';
import type { EmulatorControl } from './emulatorControl.js';
import { liveGatewayEnv } from './liveConfig.js';
import { editablePlanstoneSessions, movePlanstoneSession } from './liveEdits.js';
import { rssMb, sampleRss } from './rss.js';
import { untilDetected } from './untilDetected.js';
import { readsSettledAfter } from './upstreamWindow.js';
import { nowMs, openSubscribers } from './wsSubscribers.js';

// Part 3 of the live-schedule bench: fan-out on one replica. `sockets` × `perSocket`
// graphql-ws subscriptions (each selecting what the web example's "moved to …" badge shows,
// the session as it is now included), then a burst of `burst` Planstone edits at once: events
// delivered per second, and the gateway's RSS idle, with the subscribers open, and at its peak.

export interface FanOutOptions {
  env: Record<string, string>;
  control: EmulatorControl;
  nodeFlags: string[];
  intervalS: number;
  extraEnv: Record<string, string>;
  sockets: number;
  perSocket: number;
  burst: number;
}

export interface FanOutRun {
  subscribers: number;
  burst: number;
  /** Events the burst delivered (of burst × subscribers expected). */
  delivered: number;
  /** From the first to the last event of the burst at any subscriber (ms). */
  spreadMs: number;
  /** From the first edit to the last event delivered (ms). */
  endToEndMs: number;
  rssIdleMb: number | undefined;
  /** With the subscriptions open, before any event. */
  rssOpenMb: number | undefined;
  /** After the first change reached every subscriber (the sessions' reads it caused included). */
  rssFirstEventMb: number | undefined;
  rssPeakMb: number | undefined;
  problems: string[];
}

const SUBSCRIPTION = `subscription Badge {
  sessionChanged { token kind sessionId changedFields session { id name startTime locations { name } } }
}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

export async function measureFanOut(options: FanOutOptions, offset: number): Promise<FanOutRun> {
  const { control, sockets, perSocket, burst } = options;
  const count = sockets * perSocket;
  const [warmUp, ...targets] = (await editablePlanstoneSessions(options.env, offset + 1 + burst)).slice(offset);
  await control.settle();
  await control.clearLogs();
  const started = Date.now();
  const gateway = await startBuiltChild<{ url: string }>(
    'bench/processes/gateway.ts',
    liveGatewayEnv(options.env, { ...options.extraEnv, CHANGE_POLL_INTERVAL_S: String(options.intervalS) }),
    options.nodeFlags,
  );
  const peak = sampleRss(gateway.pid);
  let subscribers: ReturnType<typeof openSubscribers> | undefined;
  try {
    const baselineEnd = await readsSettledAfter(control, started, options.intervalS * 750, started + 600_000, (c) => c.provider === 'planstone');
    if (baselineEnd === undefined) throw new Error('fan-out: the first poll did not happen within ten minutes');
    const rssIdleMb = rssMb(gateway.pid);
    const all = openSubscribers(gateway.info.url, SUBSCRIPTION, sockets, perSocket);
    subscribers = all;
    // Open, before any event: every socket acknowledged, its subscriptions sent right after.
    if (!(await until(() => all.connected() >= sockets, 60_000))) all.problems.push(`only ${all.connected()} of ${sockets} sockets connected`);
    await sleep(3_000);
    const rssOpenMb = rssMb(gateway.pid);
    // Edits of one session until every subscriber has received one: then all are open and
    // detection is live. The arrivals of this warm-up are left out of the burst's.
    const live = await untilDetected(
      (attempt) => movePlanstoneSession(control.origins.planstone, warmUp!, `Fan-out warm-up ${attempt}`),
      () => new Set(all.arrivals.map((a) => a.subscriber)).size >= count,
      options.intervalS * 5_000,
      180_000,
    );
    if (!live) all.problems.push(`only ${new Set(all.arrivals.map((a) => a.subscriber)).size} of ${count} subscribers received the warm-up change`);
    // Let a warm-up edit still in flight be delivered before the burst is counted.
    await sleep(options.intervalS * 2_000);
    const rssFirstEventMb = rssMb(gateway.pid);

    const before = all.arrivals.length;
    const editAt = nowMs();
    await Promise.all(targets.map((target, i) => movePlanstoneSession(control.origins.planstone, target, `Fan-out room ${i}`)));
    const burstArrivals = () => all.arrivals.length - before;
    if (!(await until(() => burstArrivals() >= burst * count, 120_000 + options.intervalS * 3_000)))
      all.problems.push(`the burst delivered ${burstArrivals()} of ${burst * count} events`);
    const events = all.arrivals.slice(before).filter((a) => a.sessionId !== warmUp!.sessionId);
    const first = events[0]?.atMs ?? Number.NaN;
    const last = events.at(-1)?.atMs ?? Number.NaN;
    return {
      subscribers: count,
      burst,
      delivered: events.length,
      spreadMs: last - first,
      endToEndMs: last - editAt,
      rssIdleMb,
      rssOpenMb,
      rssFirstEventMb,
      rssPeakMb: peak.stop(),
      problems: [...all.problems],
    };
  } finally {
    peak.stop();
    await subscribers?.close();
    await gateway.stop();
  }
}
