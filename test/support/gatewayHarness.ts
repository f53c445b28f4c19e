import { appendFileSync } from 'node:fs';
import { startEmulators, type EmulatorSet, type StartEmulatorsOptions } from '@sessions-gateway/emulators';
import { request } from 'undici';

import { loadConfig, type GatewayConfig } from '../../src/config/index.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server/createGateway.js';

export interface GraphQLResponse<D = Record<string, unknown>> {
  data?: D | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface Harness {
  emulators: EmulatorSet;
  gateway: Gateway;
  config: GatewayConfig;
  url: string;
  /** POSTs an operation to the gateway over loopback HTTP. */
  query<D = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<D>>;
  /** Upstream requests the emulators received since the last `resetLogs()`. */
  upstreamCalls(): { guidebook: number; roundware: number; planstone: number; total: number };
  resetLogs(): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulators?: StartEmulatorsOptions;
  /** Extra environment for the gateway (e.g. `ROUNDWARE_API_URL: 'off'`, cache TTLs). */
  env?: Record<string, string>;
  /** Passed to createGateway (e.g. a shared `cache`); errors are never logged unless `logError` is set. */
  gatewayOptions?: GatewayOptions;
  /** Point the gateway at these (already running) emulators instead of starting new ones; `close()` leaves them running. */
  emulatorSet?: EmulatorSet;
  /**
   * Which Planstone conferences of the emulator the gateway serves: only the first (`'first'`,
   * the default: the suite's oracles in test/support/providerData.ts read that one), or every
   * one the emulator holds (`'all'`, as demo mode does).
   */
  planstoneConferences?: 'first' | 'all';
  /** Start change detection's background poll with the gateway (off by default: tests call `gateway.changePoller.pollOnce()`). */
  changeDetection?: boolean;
}

/** The three emulators and a gateway pointed at them, all on free loopback ports. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulators = options.emulatorSet ?? (await startEmulators(options.emulators));
  // Logs are off unless a test asks for them (LOG_LEVEL in `env`, or its own logger / logDestination).
  // Operations are compiled on first use, so every test meets graphql-jit, which executes
  // all repeats in service; test/gateway/compiledExecution.test.ts compares it with graphql-js.
  const { PLANSTONE_CONFERENCES, ...emulatorEnv } = emulators.env;
  const conferences = options.planstoneConferences === 'all' && PLANSTONE_CONFERENCES ? { PLANSTONE_CONFERENCES } : {};
  const config = loadConfig({
    ...emulatorEnv,
    ...conferences,
    HOST: '127.0.0.1',
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    GRAPHQL_JIT_AFTER: '0',
    ...options.env,
  });
  const gateway = await createGateway(config, { logError: () => undefined, changeDetection: options.changeDetection ?? false, ...options.gatewayOptions });
  const url = await gateway.listen(0, '127.0.0.1');
  const all = [emulators.guidebook, emulators.roundware, emulators.planstone];
  return {
    emulators,
    gateway,
    config,
    url,
    async query<D>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      // `RECORD_OPERATIONS=file` collects what the suite sends, for the executors' differential test.
      if (process.env.RECORD_OPERATIONS) appendFileSync(process.env.RECORD_OPERATIONS, `${JSON.stringify({ query, variables })}\n`);
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.body.json()) as GraphQLResponse<D>;
    },
    upstreamCalls() {
      const [guidebook, roundware, planstone] = all.map((e) => e.log.count());
      return { guidebook: guidebook!, roundware: roundware!, planstone: planstone!, total: guidebook! + roundware! + planstone! };
    },
    resetLogs() {
      for (const emulator of all) emulator.log.clear();
    },
    async close() {
      await gateway.stop();
      if (!options.emulatorSet) await emulators.close();
    },
  };
}

/** The environment with shared caching off, so every operation reaches the providers. */
export const NO_CACHE_ENV = { GUIDEBOOK_CACHE_TTL_MS: '0', ROUNDWARE_CACHE_TTL_MS: '0', PLANSTONE_CACHE_TTL_MS: '0' };
