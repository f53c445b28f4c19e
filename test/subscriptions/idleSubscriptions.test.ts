import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { changeOf, planstoneSession } from '../support/sessionChanges.js';
import { wsClient, wsSubscribe, type Subscriber } from '../support/subscriptionClients.js';

// 1,000 idle subscriptions on one gateway (issue 20): they all stay open, each gets a change
// exactly once, and the memory they hold is printed (a figure, not an assertion: the heap
// delta includes the in-process clients, so it is an upper bound for the gateway's share).

const SUBSCRIPTION = 'subscription { sessionChanged { token sessionId } }';
const CONNECTIONS = 10;
const PER_CONNECTION = 100;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('1,000 idle subscriptions', () => {
  it('stay open on one gateway (10 WebSockets × 100), and one change reaches each exactly once', async () => {
    const clients = Array.from({ length: CONNECTIONS }, () => wsClient(harness.url));
    const before = await settledHeap();
    const subscribers: Subscriber[] = clients.flatMap((client) => Array.from({ length: PER_CONNECTION }, () => wsSubscribe(client, { query: SUBSCRIPTION })));
    try {
      const deadline = Date.now() + 30_000;
      while (harness.gateway.subscriptions().open < CONNECTIONS * PER_CONNECTION && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(harness.gateway.subscriptions()).toEqual({ open: 1_000, webSockets: CONNECTIONS, httpStreams: 0 });
      const after = await settledHeap();
      const perSubscription = (after - before) / subscribers.length;
      console.log(
        `1,000 idle subscriptions: heap +${((after - before) / 1_048_576).toFixed(1)} MB, ${(perSubscription / 1024).toFixed(1)} KB per subscription (gateway and in-process clients together)`,
      );
      expect(subscribers.every((s) => s.results.length === 0 && s.error === undefined)).toBe(true);

      await harness.gateway.changeLog.append([changeOf(null, planstoneSession('901'))]);
      for (const subscriber of subscribers) await subscriber.until((s) => s.results.length >= 1, 'the change');
      // A second change after the first: nobody got the first twice.
      await harness.gateway.changeLog.append([changeOf(null, planstoneSession('902'))]);
      for (const subscriber of subscribers) await subscriber.until((s) => s.results.length >= 2, 'the second change');
      const seen = subscribers.map((s) => s.results.map((r) => (r.data as { sessionChanged: { sessionId: string } }).sessionChanged.sessionId));
      expect(new Set(seen.map((ids) => ids.length))).toEqual(new Set([2]));
      expect(new Set(seen.map((ids) => ids.join()))).toHaveProperty('size', 1);
    } finally {
      for (const subscriber of subscribers) subscriber.dispose();
      await Promise.all(clients.map((client) => client.dispose()));
    }
    const deadline = Date.now() + 15_000;
    while (harness.gateway.subscriptions().open > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(harness.gateway.subscriptions().open).toBe(0);
  });
});
