import { startEmulators, type EmulatorSet, type StartEmulatorsOptions } from '@sessions-gateway/emulators';

import { loadConfig } from '../../src/config/index.js';
import { closeProviderClients, createDataSources, createProviderClients, type DataSources, type ProviderClients } from '../../src/datasources/providers.js';
import { MemoryResponseCache } from '../../src/upstream/index.js';
import type { Harness } from './gatewayHarness.js';

/**
 * The emulators and the gateway's provider clients (shared cache in memory), without the
 * GraphQL layer: for tests of what a datasource reads upstream for arguments the schema does
 * not carry yet. Every call still goes over loopback HTTP to the emulators.
 */
export interface DatasourceHarness {
  emulators: EmulatorSet;
  clients: ProviderClients;
  /** Fresh datasources, as one GraphQL request gets them. */
  request(): DataSources;
  /** Another gateway process over the same emulators: its own clients and empty cache (a cold start). */
  newProcess(): { request(): DataSources; close(): Promise<void> };
  /** For `readProviderData` (it reads the emulators' environment only). */
  asHarness(): Harness;
  close(): Promise<void>;
}

export async function startDatasourceHarness(options: { emulators?: StartEmulatorsOptions; env?: Record<string, string> } = {}): Promise<DatasourceHarness> {
  const emulators = await startEmulators(options.emulators);
  const config = loadConfig({ ...emulators.env, NODE_ENV: 'test', ...options.env });
  const newClients = () => createProviderClients(config, new MemoryResponseCache({ maxEntries: 10_000, maxSize: 512 * 1024 * 1024 }));
  const clients = newClients();
  return {
    emulators,
    clients,
    request: () => createDataSources(clients, {}),
    newProcess() {
      const own = newClients();
      return { request: () => createDataSources(own, {}), close: () => closeProviderClients(own) };
    },
    asHarness: () => ({ emulators }) as unknown as Harness,
    async close() {
      await closeProviderClients(clients);
      await emulators.close();
    },
  };
}
