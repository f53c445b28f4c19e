import { request } from 'undici';

import type { UpstreamCall } from './criticalPath.js';
import type { EmulatorControl, ProviderKey } from './emulatorControl.js';

// Reading the emulators' request logs in time windows, for the live-schedule bench: which
// provider reads (GETs; the bench's own edits through Guidebook's REST API are PATCHes) fell in
// a span, when the reads of a poll stopped, and what their answers weigh.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The provider reads (GET) logged so far, oldest first. */
export async function readsLogged(control: EmulatorControl): Promise<UpstreamCall[]> {
  return (await control.calls()).filter((c) => c.method === 'GET').sort((a, b) => a.receivedAtMs - b.receivedAtMs);
}

/**
 * Waits until a read matching `match` has arrived after `afterMs` and then no read at all for
 * `quietMs`; resolves to the time the last read was answered, or undefined after `deadlineMs`.
 */
export async function readsSettledAfter(
  control: EmulatorControl,
  afterMs: number,
  quietMs: number,
  deadlineMs: number,
  match: (call: UpstreamCall) => boolean = () => true,
): Promise<number | undefined> {
  while (Date.now() < deadlineMs) {
    const reads = (await readsLogged(control)).filter((c) => c.receivedAtMs > afterMs);
    const last = reads.at(-1);
    if (reads.some(match) && last && Date.now() - (last.answeredAtMs ?? last.receivedAtMs) >= quietMs) return last.answeredAtMs ?? last.receivedAtMs;
    await sleep(Math.min(500, quietMs / 2));
  }
  return undefined;
}

/** Requests per provider among `calls`. */
export function countByProvider(calls: UpstreamCall[]): Record<ProviderKey, number> {
  const counts: Record<ProviderKey, number> = { guidebook: 0, roundware: 0, planstone: 0 };
  for (const c of calls) counts[c.provider] += 1;
  return counts;
}

/**
 * The bytes of the answers to `calls`, per provider, replayed straight to the emulators with
 * the same URL and credential (the emulators log no sizes). For a feed edited since, a replay
 * may return a few more sessions than the original answer did.
 */
export async function replayedBytes(control: EmulatorControl, calls: UpstreamCall[]): Promise<Record<ProviderKey, number>> {
  const bytes: Record<ProviderKey, number> = { guidebook: 0, roundware: 0, planstone: 0 };
  for (const c of calls) {
    const response = await request(`${control.origins[c.provider]}${c.url}`, { headers: c.authorization ? { authorization: c.authorization } : {} });
    bytes[c.provider] += (await response.body.arrayBuffer()).byteLength;
  }
  return bytes;
}
