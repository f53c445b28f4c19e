import { createGuidebookEmulator, GUIDEBOOK_DEMO_API_KEY, type GuidebookEmulatorOptions } from './guidebook/index.js';
import type { Emulator } from './kit/index.js';
import { createPlanstoneEmulator, PLANSTONE_DEMO, type PlanstoneEmulatorOptions } from './planstone/index.js';
import { createRoundwareEmulator, ROUNDWARE_DEMO_TOKEN, type RoundwareEmulatorOptions } from './roundware/index.js';

export { Emulator } from './kit/index.js';
export { createGuidebookEmulator, GUIDEBOOK_DEMO_API_KEY } from './guidebook/index.js';
export { createPlanstoneEmulator, PLANSTONE_DEMO } from './planstone/index.js';
export { createRoundwareEmulator, ROUNDWARE_DEMO_TOKEN } from './roundware/index.js';

export interface EmulatorSet {
  guidebook: Emulator;
  roundware: Emulator;
  planstone: Emulator;
  /** The environment that points a gateway at these emulators with their demo credentials. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface StartEmulatorsOptions {
  /** Ports for Guidebook, Roundware, Planstone; 0 (the default) picks free ports. */
  ports?: { guidebook?: number; roundware?: number; planstone?: number };
  host?: string;
  guidebook?: GuidebookEmulatorOptions;
  roundware?: RoundwareEmulatorOptions;
  planstone?: PlanstoneEmulatorOptions;
}

/** Starts all three emulated providers with their seed data. */
export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<EmulatorSet> {
  const host = options.host ?? '127.0.0.1';
  const guidebook = createGuidebookEmulator(options.guidebook);
  const roundware = createRoundwareEmulator(options.roundware);
  const planstone = createPlanstoneEmulator(options.planstone);
  const [guidebookUrl, roundwareUrl, planstoneUrl] = await Promise.all([
    guidebook.listen(options.ports?.guidebook ?? 0, host),
    roundware.listen(options.ports?.roundware ?? 0, host),
    planstone.listen(options.ports?.planstone ?? 0, host),
  ]);
  return {
    guidebook,
    roundware,
    planstone,
    env: {
      GUIDEBOOK_API_URL: guidebookUrl,
      GUIDEBOOK_API_KEY: GUIDEBOOK_DEMO_API_KEY,
      ROUNDWARE_API_URL: roundwareUrl,
      ROUNDWARE_API_TOKEN: ROUNDWARE_DEMO_TOKEN,
      PLANSTONE_API_URL: planstoneUrl,
      PLANSTONE_API_TOKEN: PLANSTONE_DEMO.token,
      PLANSTONE_ACCOUNT: PLANSTONE_DEMO.account,
      PLANSTONE_CONFERENCE: PLANSTONE_DEMO.conference,
      PLANSTONE_TIMEZONE: PLANSTONE_DEMO.timezone,
    },
    async close() {
      await Promise.all([guidebook.close(), roundware.close(), planstone.close()]);
    },
  };
}
