import { importEmulators, type DemoProviders } from './importEmulators.js';

/**
 * Demo mode: the three emulated providers start in-process on free ports with their seed
 * data, and the gateway is configured exactly as it would be for real providers. Rejects
 * with a DemoUnavailableError (one line) where the emulators package is not installed.
 */
export async function startDemoProviders(): Promise<DemoProviders> {
  const { startEmulators } = await importEmulators();
  return startEmulators();
}
