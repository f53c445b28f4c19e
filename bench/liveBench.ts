// The live-schedule part of `npm run bench` (issue 20, item 6; `--scenarios live` or
// `npm run bench:live`), at one emulator size (`--live-scale`, default 10,000):
//   1. the upstream cost of change detection at the defaults, on an unchanged feed and on one
//      edited meanwhile (liveCost.ts), extrapolated to an hour and a day against Guidebook's quota;
//   2. the delay from an edit in the emulator to a graphql-ws subscriber, p50/p99 (liveDelay.ts);
//   3. fan-out of a burst of edits to 1,000 subscriptions on one gateway: events/s, RSS (liveFanOut.ts).
// Every gateway is the compiled build with NODE_ENV=production (bench/processes/gateway.ts).
// Prints figures and the targets they are read against; asserts nothing.
import { startBuiltChild, type Child } from './childProcess.js';
import { EmulatorControl, type ProviderKey } from './emulatorControl.js';
import { LIVE_DEFAULTS } from './liveConfig.js';
import { measureDetectionCost, type CostRun } from './liveCost.js';
import { measureDeliveryDelay, type DelayRun } from './liveDelay.js';
import { measureFanOut } from './liveFanOut.js';
import { liveReport } from './liveReport.js';

export interface LiveBenchOptions {
  /** EMULATOR_SCALE of the emulators. */
  scale: number;
  /** Detection cost: the defaults this many times faster (1: the defaults as they are). */
  timeScale: number;
  /** Detection cost: edits per provider per minute (defaults' clock) in the edited run. */
  changesPerMinute: number;
  /** Delay and fan-out: the poll interval (s). */
  intervalS: number;
  /** Delay: edits per run. */
  changes: number;
  sockets: number;
  perSocket: number;
  burst: number;
  /** Which parts to run (default all three). */
  parts: ReadonlySet<'cost' | 'delay' | 'fanout'>;
  nodeFlags: string[];
}

type Emulators = Child<{ env: Record<string, string>; origins: Record<ProviderKey, string> }>;

const startEmulators = (scale: number): Promise<Emulators> =>
  // Seeding 10,000 + 15,000 sessions takes a while: allow it five minutes.
  startBuiltChild('bench/processes/emulators.ts', { EMULATOR_SCALE: String(scale) }, [], 300_000);

/** Runs the three parts; resolves to the report's lines. */
export async function runLiveBench(options: LiveBenchOptions): Promise<string[]> {
  const children: Emulators[] = [];
  try {
    // Two emulator sets: the unchanged feed's logs must not see the other run's edits.
    const quiet = await startEmulators(options.scale);
    children.push(quiet);
    const quietControl = new EmulatorControl(quiet.info.origins);
    const costs: CostRun[] = [];
    if (options.parts.has('cost')) {
      const edited = await startEmulators(options.scale);
      children.push(edited);
      const common = { nodeFlags: options.nodeFlags, timeScale: options.timeScale };
      const cycleS = (LIVE_DEFAULTS.completeEvery * LIVE_DEFAULTS.intervalS) / options.timeScale;
      console.log(`\nLive schedule at scale ${options.scale}: detection cost (two runs side by side, about ${Math.round(cycleS / 60 + 2)} min)`);
      costs.push(
        ...(await Promise.all([
          measureDetectionCost({ ...common, env: quiet.info.env, control: quietControl, changesPerMinute: 0 }),
          measureDetectionCost({
            ...common,
            env: edited.info.env,
            control: new EmulatorControl(edited.info.origins),
            changesPerMinute: options.changesPerMinute,
          }),
        ])),
      );
      await edited.stop();
    }

    // Delay and fan-out run on the quiet set: the defaults' TTLs and stale grace, scaled to the
    // short interval. Planstone's TTL three ways: the defaults' ratio (5 × the interval), one
    // interval, and 0 (no cache: the poll's own delay, what a detection read past the cache would give).
    const ratio = options.intervalS / LIVE_DEFAULTS.intervalS;
    const scaledTtls = {
      GUIDEBOOK_CACHE_TTL_MS: String(Math.round(LIVE_DEFAULTS.guidebookTtlMs * ratio)),
      ROUNDWARE_CACHE_TTL_MS: String(Math.round(LIVE_DEFAULTS.roundwareTtlMs * ratio)),
      CACHE_STALE_GRACE_MS: String(Math.round(LIVE_DEFAULTS.staleGraceMs * ratio)),
    };
    const delays: DelayRun[] = [];
    const ttls = [Math.round(LIVE_DEFAULTS.planstoneTtlMs * ratio), options.intervalS * 1000, 0];
    for (const [i, planstoneTtlMs] of (options.parts.has('delay') ? [...new Set(ttls)] : []).entries()) {
      console.log(`Delivery delay: interval ${options.intervalS} s, Planstone TTL ${planstoneTtlMs / 1000} s, ${options.changes} edits`);
      delays.push(
        await measureDeliveryDelay(
          {
            env: quiet.info.env,
            control: quietControl,
            nodeFlags: options.nodeFlags,
            intervalS: options.intervalS,
            planstoneTtlMs,
            extraEnv: scaledTtls,
            changes: options.changes,
          },
          i * (options.changes + 1),
        ),
      );
    }
    if (!options.parts.has('fanout')) return liveReport({ options, costs, delays });
    console.log(`Fan-out: ${options.sockets} × ${options.perSocket} subscriptions, a burst of ${options.burst} edits`);
    const fanOut = await measureFanOut(
      {
        env: quiet.info.env,
        control: quietControl,
        nodeFlags: options.nodeFlags,
        intervalS: options.intervalS,
        extraEnv: { ...scaledTtls, PLANSTONE_CACHE_TTL_MS: String(options.intervalS * 1000) },
        sockets: options.sockets,
        perSocket: options.perSocket,
        burst: options.burst,
      },
      ttls.length * (options.changes + 1),
    );
    return liveReport({ options, costs, delays, fanOut });
  } finally {
    await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
  }
}
