import { Agent, request } from 'undici';

import type { ProviderKey } from './emulatorControl.js';

// The upstream critical path of one operation, measured rather than assumed: the upstream
// calls the gateway made (from the emulators' logs) are grouped into dependent rounds, then
// replayed by this process straight to the emulators, round by round, each round's calls
// at once. The replay's time is what those calls cost with no gateway in between, under the
// same emulated latency and the same machine load; the gateway's latency minus it is the
// gateway's own share.

/** One upstream call as an emulator logged it. */
export interface UpstreamCall {
  provider: ProviderKey;
  method: string;
  /** Path and query. */
  url: string;
  authorization: string | undefined;
  receivedAtMs: number;
  answeredAtMs: number | undefined;
}

/**
 * Groups calls (any order) into rounds: a call joins the current round when it arrived
 * before any call of that round was answered, so it cannot have waited for one of them;
 * otherwise it opens the next round (it may depend on an answer). Calls issued together
 * arrive within a fraction of a millisecond, far inside any round trip.
 */
export function roundsOf(calls: readonly UpstreamCall[]): UpstreamCall[][] {
  const rounds: UpstreamCall[][] = [];
  let firstAnswer = Number.POSITIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.receivedAtMs - b.receivedAtMs)) {
    const current = rounds.at(-1);
    if (current && call.receivedAtMs < firstAnswer) {
      current.push(call);
    } else {
      rounds.push([call]);
      firstAnswer = Number.POSITIVE_INFINITY;
    }
    firstAnswer = Math.min(firstAnswer, call.answeredAtMs ?? Number.POSITIVE_INFINITY);
  }
  return rounds;
}

/** Replays rounds directly against the emulators; resolves to the elapsed milliseconds. */
export class CriticalPathReplay {
  // Kept-alive connections, as the gateway's own pools are: connection setup is not part of
  // the path.
  readonly #agent = new Agent({ keepAliveTimeout: 30_000, connections: 32 });

  constructor(readonly origins: Record<ProviderKey, string>) {}

  async time(rounds: readonly UpstreamCall[][]): Promise<number> {
    const started = performance.now();
    for (const round of rounds) {
      await Promise.all(
        round.map(async (call) => {
          const response = await request(`${this.origins[call.provider]}${call.url}`, {
            method: call.method as 'GET',
            headers: { accept: 'application/json', ...(call.authorization ? { authorization: call.authorization } : {}) },
            dispatcher: this.#agent,
          });
          await response.body.text();
        }),
      );
    }
    return performance.now() - started;
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}
