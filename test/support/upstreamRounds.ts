import type { LoggedRequest } from '@sessions-gateway/emulators/kit/requestLog.js';

/**
 * Upstream calls grouped into dependent rounds, from the emulators' request logs: a call
 * joins the current round when it arrived before any call of that round was answered (it
 * cannot have waited for one of them); otherwise it opens the next round (it may have
 * depended on an answer). Sound when the emulators answer after a fixed latency far longer
 * than the gateway takes to send calls it issues together (the tests use 100 ms or more):
 * then calls sent together arrive well inside one round, and a call sent after an answer
 * arrives after it. The same rule as the bench's (bench/criticalPath.ts `roundsOf`).
 */
export function upstreamRounds(calls: readonly LoggedRequest[]): LoggedRequest[][] {
  const rounds: LoggedRequest[][] = [];
  let firstAnswer = Number.POSITIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.receivedAtMs - b.receivedAtMs)) {
    const current = rounds.at(-1);
    if (current && call.receivedAtMs < firstAnswer) current.push(call);
    else {
      rounds.push([call]);
      firstAnswer = Number.POSITIVE_INFINITY;
    }
    firstAnswer = Math.min(firstAnswer, call.answeredAtMs ?? Number.POSITIVE_INFINITY);
  }
  return rounds;
}
