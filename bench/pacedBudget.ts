import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { request } from 'undici';

import { startRedisServer } from '../test/support/redisServer.js';
import { startBuiltChild, type Child } from './childProcess.js';
import { runClients } from './clientsLoad.js';
import type { EmulatorControl } from './emulatorControl.js';
import type { LoadResult } from './load.js';
import { sampleRss } from './rss.js';
import type { GraphQLBody } from './scenarios.js';

// The 1,000-clients check with the day's Guidebook budget already spent up to its pace, as it
// is for a gateway that has served a busy conference since the morning. A fresh budget in a
// short run is far from its pace, so the run would only show what the cache alone saves; here
// the gateway keeps its counters in a throw-away redis-server, its cache is warmed by one
// pass of the mix, and then the day's counter is set to the pace allowance the gateway itself
// reports (`gateway_upstream_quota_pace_allowance`) before the measured pass.

export interface PacedRun {
  load: LoadResult;
  guidebookCalls: number;
  /** The day's pace allowance the counter was set to. */
  allowance: number;
  rssPeakMb: number | undefined;
}

const QUOTA_KEYS = 'sessions-gateway:{quota}:guidebook:*:d:*';

/** Runs `bodies` at `rate` for `seconds` twice (warm-up, then measured at the pace); `skipped` without redis-server. */
export async function runAtPace(options: {
  env: Record<string, string>;
  nodeFlags: string[];
  control: EmulatorControl;
  bodies: GraphQLBody[];
  rate: number;
  seconds: number;
}): Promise<PacedRun | { skipped: string }> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return { skipped: "redis-server is not installed: the run at the day's pace was skipped" };
  const redisServer = await startRedisServer();
  const redis = new Redis(redisServer.url);
  let gateway: Child<{ url: string }> | undefined;
  try {
    gateway = await startBuiltChild<{ url: string }>(
      'bench/processes/gateway.ts',
      { ...options.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', REDIS_URL: redisServer.url },
      options.nodeFlags,
    );
    const load = (seconds: number) => runClients({ url: gateway!.info.url, bodies: options.bodies, rate: options.rate, durationSeconds: seconds });
    await load(options.seconds);

    const allowance = await paceAllowance(gateway.info.url);
    const keys = await scanAll(redis, QUOTA_KEYS);
    if (keys.length !== 1) throw new Error(`expected one Guidebook day counter in Redis, found ${keys.length}`);
    await redis.set(keys[0]!, String(Math.ceil(allowance)), 'KEEPTTL');

    await options.control.clearLogs();
    const rss = sampleRss(gateway.pid);
    const measured = await load(options.seconds);
    const rssPeakMb = rss.stop();
    return { load: measured, guidebookCalls: (await options.control.counts()).guidebook, allowance, rssPeakMb };
  } finally {
    await gateway?.stop();
    redis.disconnect();
    await redisServer.stop();
  }
}

/** The gateway's own figure for what the day's Guidebook pace allows by now. */
async function paceAllowance(graphqlUrl: string): Promise<number> {
  const response = await request(new URL('/metrics', graphqlUrl));
  const text = await response.body.text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('gateway_upstream_quota_pace_allowance{') && l.includes('provider="guidebook"') && l.includes('window="day"'));
  const value = Number(line?.split(' ').at(-1));
  if (!line || !Number.isFinite(value)) throw new Error('the gateway reports no Guidebook pace allowance');
  return value;
}

async function scanAll(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 100);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}
