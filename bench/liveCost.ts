import { startBuiltChild } from './childProcess.js';
import type { EmulatorControl, ProviderKey } from './emulatorControl.js';
import { LIVE_DEFAULTS, liveGatewayEnv, scaledDefaultsEnv } from './liveConfig.js';
import { editablePlanstoneSessions, guidebookSessionIds, movePlanstoneSession, renameGuidebookSession } from './liveEdits.js';
import { countByProvider, readsLogged, readsSettledAfter, replayedBytes } from './upstreamWindow.js';

// Part 1 of the live-schedule bench: the upstream cost of change detection. A gateway with
// detection on and no client traffic polls the emulators; the requests they log are counted
// for the baseline (the first poll: every list read whole) and for one whole Planstone cycle
// after it (CHANGE_POLL_COMPLETE_EVERY polls, ending with the complete read), on an unchanged
// feed or with edits made meanwhile.

export interface CostOptions {
  env: Record<string, string>;
  control: EmulatorControl;
  nodeFlags: string[];
  /** 1: the defaults; k: the defaults k times faster (liveConfig.scaledDefaultsEnv). */
  timeScale: number;
  /** Edits per provider per minute of the defaults' clock (0: the feed is left unchanged). */
  changesPerMinute: number;
}

export interface CostRun {
  changesPerMinute: number;
  timeScale: number;
  /** Edits made during the window, per provider. */
  edits: { planstone: number; guidebook: number };
  baseline: { requests: Record<ProviderKey, number>; bytes: Record<ProviderKey, number> };
  window: {
    requests: Record<ProviderKey, number>;
    /** Planstone requests of the cheap poll (`session_updated_at >= cursor`), of all in the window. */
    cheapPlanstone: number;
    bytes: Record<ProviderKey, number>;
    realMs: number;
    complete: boolean;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A read of the whole feed (not the cheap `session_updated_at` poll) of the last configured
 * Planstone conference: the poll's last scope, so a poll is over once its reads stop.
 */
function isLastCompleteRead(env: Record<string, string>): (c: { provider: ProviderKey; url: string }) => boolean {
  const conferences = JSON.parse(env.PLANSTONE_CONFERENCES ?? '[]') as Array<{ conference: string }>;
  const last = `"conference":"${conferences.at(-1)?.conference ?? env.PLANSTONE_CONFERENCE}"`;
  return (c) => {
    const url = decodeURIComponent(c.url);
    return c.provider === 'planstone' && url.includes('/sessions') && url.includes(last) && !url.includes('session_updated_at');
  };
}

/** Runs one measurement on its own gateway (the emulators' logs are cleared first). */
export async function measureDetectionCost(options: CostOptions): Promise<CostRun> {
  const { control, timeScale } = options;
  const intervalMs = (LIVE_DEFAULTS.intervalS * 1000) / timeScale;
  const editing = options.changesPerMinute > 0;
  const isCompletePlanstoneRead = isLastCompleteRead(options.env);
  const planstoneTargets = editing ? await editablePlanstoneSessions(options.env, 60) : [];
  const guidebookTargets = editing ? await guidebookSessionIds(options.env, 30) : [];
  await control.settle();
  await control.clearLogs();
  const started = Date.now();
  const gateway = await startBuiltChild<{ url: string }>(
    'bench/processes/gateway.ts',
    liveGatewayEnv(options.env, scaledDefaultsEnv(timeScale)),
    options.nodeFlags,
  );
  try {
    // The baseline: the first poll, one interval after the start (Guidebook's scope first, then
    // Planstone's); over once Planstone's complete reads are done and reads stop for most of an
    // interval (polls are an interval apart; within one, a scope's diff and commit may take a
    // second or more on a busy machine).
    const quietMs = intervalMs * 0.75;
    const baselineEnd = await readsSettledAfter(control, started, quietMs, started + intervalMs + 600_000, isCompletePlanstoneRead);
    if (baselineEnd === undefined) throw new Error('detection cost: the first poll did not happen within ten minutes');
    const baselineCalls = await readsLogged(control);

    // Edits, spread evenly over the window, until it closes.
    let closed = false;
    const edits = { planstone: 0, guidebook: 0 };
    const editing$ = (async () => {
      if (!editing) return;
      const everyMs = 60_000 / (timeScale * options.changesPerMinute);
      for (let i = 0; !closed; i += 1) {
        await sleep(everyMs);
        if (closed) break;
        await movePlanstoneSession(control.origins.planstone, planstoneTargets[i % planstoneTargets.length]!, `Live room ${i}`);
        edits.planstone += 1;
        await renameGuidebookSession(options.env, guidebookTargets[i % guidebookTargets.length]!, `Live session ${i}`);
        edits.guidebook += 1;
      }
    })();

    // The window: until the complete Planstone read that ends the first cycle after the baseline.
    const cycleMs = LIVE_DEFAULTS.completeEvery * intervalMs;
    // Looked for in the cycle's second half only: a baseline whose end was taken too early
    // (a long pause inside it) cannot pass for it.
    const windowEnd = await readsSettledAfter(control, baselineEnd + cycleMs / 2, quietMs, baselineEnd + cycleMs * 2 + 300_000, isCompletePlanstoneRead);
    closed = true;
    await editing$;
    const end = windowEnd ?? Date.now();
    const windowCalls = (await readsLogged(control)).filter((c) => c.receivedAtMs > baselineEnd && c.receivedAtMs <= end);
    // Replayed last: the replays land in the same logs.
    return {
      changesPerMinute: options.changesPerMinute,
      timeScale,
      edits,
      baseline: { requests: countByProvider(baselineCalls), bytes: await replayedBytes(control, baselineCalls) },
      window: {
        requests: countByProvider(windowCalls),
        cheapPlanstone: windowCalls.filter((c) => c.provider === 'planstone' && decodeURIComponent(c.url).includes('session_updated_at')).length,
        bytes: await replayedBytes(control, windowCalls),
        realMs: end - baselineEnd,
        complete: windowEnd !== undefined,
      },
    };
  } finally {
    await gateway.stop();
  }
}
