import { startEmulators, type EmulatorSet } from '../emulators/index.js';

/**
 * Demo mode: the three emulated providers start in-process on free ports with their seed
 * data, and the gateway is configured exactly as it would be for real providers.
 */
export async function startDemoProviders(): Promise<EmulatorSet> {
  return startEmulators();
}
