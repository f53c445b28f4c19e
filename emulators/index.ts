import { createGuidebookEmulator, GUIDEBOOK_DEMO_API_KEY, type GuidebookEmulatorOptions } from './guidebook/index.js';
import type { Emulator } from './kit/index.js';
import {
  createPlanstoneEmulator,
  PLANSTONE_DEMO,
  PLANSTONE_DEMO_CONFERENCES,
  planstoneScaleConference,
  type PlanstoneConference,
  type PlanstoneEmulatorOptions,
} from './planstone/index.js';
import { createRoundwareEmulator, ROUNDWARE_DEMO_TOKEN, type RoundwareEmulatorOptions } from './roundware/index.js';

export { Emulator } from './kit/index.js';
export { createGuidebookEmulator, GUIDEBOOK_DEMO_API_KEY, SCALE_GUIDE } from './guidebook/index.js';
export { createPlanstoneEmulator, PLANSTONE_DEMO, PLANSTONE_DEMO_CONFERENCES, planstoneScaleConference, type PlanstoneConference } from './planstone/index.js';
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
  /**
   * The size knob: N > 0 adds a Planstone conference of N sessions and 0.6·N speakers and a
   * Guidebook guide of 1.5·N sessions (both deterministic). Unset: `EMULATOR_SCALE` from the
   * environment, else 0 (today's data exactly). A per-emulator `scale` wins over this.
   */
  scale?: number;
}

/** `EMULATOR_SCALE`: a whole number ≥ 0 (`''` = 0); anything else throws, naming the variable. */
export function parseEmulatorScale(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 0;
  const value = Number(raw.trim().replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) throw new Error(`EMULATOR_SCALE must be a whole number from 0 to 1000000, got "${raw}"`);
  return value;
}

/** The Planstone conferences an emulator set serves at a scale (the large one last). */
export function planstoneConferences(scale: number): readonly PlanstoneConference[] {
  return scale > 0 ? [...PLANSTONE_DEMO_CONFERENCES, planstoneScaleConference(scale)] : PLANSTONE_DEMO_CONFERENCES;
}

/** Starts all three emulated providers with their seed data. */
export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<EmulatorSet> {
  const host = options.host ?? '127.0.0.1';
  const scale = options.scale ?? parseEmulatorScale(process.env.EMULATOR_SCALE);
  const guidebook = createGuidebookEmulator({ scale, ...options.guidebook });
  const roundware = createRoundwareEmulator(options.roundware);
  const planstone = createPlanstoneEmulator({ scale, ...options.planstone });
  const conferences = planstoneConferences(options.planstone?.scale ?? scale);
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
      // Every conference the feed serves (the first is the one above), for the list form.
      PLANSTONE_CONFERENCES: JSON.stringify(conferences.map(({ account, conference, timeZone, name }) => ({ account, conference, timeZone, name }))),
    },
    async close() {
      await Promise.all([guidebook.close(), roundware.close(), planstone.close()]);
    },
  };
}
