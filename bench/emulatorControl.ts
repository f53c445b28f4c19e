import { request } from 'undici';

import type { UpstreamCall } from './criticalPath.js';

export type ProviderKey = 'guidebook' | 'roundware' | 'planstone';
export const PROVIDERS: readonly ProviderKey[] = ['guidebook', 'roundware', 'planstone'];

/** Drives the emulators over their HTTP control surface (`/__control/`). */
export class EmulatorControl {
  constructor(readonly origins: Record<ProviderKey, string>) {}

  async setLatency(fixedMs: number): Promise<void> {
    await Promise.all(PROVIDERS.map((p) => this.#call(p, 'PUT', 'latency', { fixedMs, jitterMs: 0 })));
  }

  async clearLogs(): Promise<void> {
    await Promise.all(PROVIDERS.map((p) => this.#call(p, 'DELETE', 'log')));
  }

  /** Requests each emulator logged since the last clear. */
  async counts(): Promise<Record<ProviderKey, number> & { total: number }> {
    const totals = await Promise.all(PROVIDERS.map(async (p) => ((await this.#call(p, 'GET', 'log')) as { total: number }).total));
    const [guidebook, roundware, planstone] = totals as [number, number, number];
    return { guidebook, roundware, planstone, total: guidebook + roundware + planstone };
  }

  /** Every upstream call logged since the last clear, with its provider. */
  async calls(): Promise<UpstreamCall[]> {
    type Entry = { method: string; url: string; headers: Record<string, string>; receivedAtMs: number; answeredAtMs?: number };
    const logs = await Promise.all(PROVIDERS.map(async (p) => ((await this.#call(p, 'GET', 'log')) as { entries: Entry[] }).entries.map((e) => ({ e, p }))));
    return logs.flat().map(({ e, p }) => ({
      provider: p,
      method: e.method,
      url: e.url,
      authorization: e.headers.authorization,
      receivedAtMs: e.receivedAtMs,
      answeredAtMs: e.answeredAtMs,
    }));
  }

  /** Waits until no upstream request has arrived for 500 ms (a previous run's stragglers). */
  async settle(): Promise<void> {
    let last = -1;
    for (let i = 0; i < 60; i += 1) {
      const now = (await this.counts()).total;
      if (now === last) return;
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  async #call(provider: ProviderKey, method: 'GET' | 'PUT' | 'DELETE', what: string, body?: unknown): Promise<unknown> {
    const response = await request(`${this.origins[provider]}/__control/${what}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return text ? (JSON.parse(text) as unknown) : null;
  }
}
