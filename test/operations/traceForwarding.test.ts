import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { traceHeadersFrom } from '../../src/observability/traceHeadersFrom.js';
import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';

// The caller's W3C trace context travels to the providers while the gateway does not trace
// (no OTEL_* variable here, so no SDK: this file runs in its own process), so a provider's
// spans still join the caller's trace. With tracing on, see tracing.test.ts.

const CALLER = {
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
};
const OTHER_CALLER = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const MIXED = 'query Mixed { sessions(first: 3) { totalCount } clientSessions(first: 2) { totalCount } }';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ env: NO_CACHE_ENV });
});
afterAll(() => harness.close());
beforeEach(() => {
  harness.resetLogs();
  harness.emulators.roundware.setLatency({});
});

const sentUpstream = () =>
  [harness.emulators.guidebook, harness.emulators.roundware, harness.emulators.planstone]
    .flatMap((emulator) => emulator.log.entries())
    .map((entry) => entry.headers);

describe('trace context forwarded upstream while tracing is off', () => {
  it("carries the caller's traceparent and tracestate as they are on every provider request", async () => {
    const response = await harness.query(MIXED, undefined, CALLER);
    expect(response.errors).toBeUndefined();
    const sent = sentUpstream();
    const calls = harness.upstreamCalls();
    expect([calls.guidebook, calls.roundware, calls.planstone].every((count) => count > 0)).toBe(true);
    for (const headers of sent) {
      expect(headers.traceparent).toBe(CALLER.traceparent);
      expect(headers.tracestate).toBe(CALLER.tracestate);
      expect(headers['x-request-id']).toBeTruthy();
    }
  });

  it('sends none when the caller sent none, or a malformed one (its tracestate is dropped with it)', async () => {
    await harness.query(MIXED);
    await harness.query(MIXED, undefined, { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01', tracestate: CALLER.tracestate });
    await harness.query(MIXED, undefined, { traceparent: CALLER.traceparent.toUpperCase(), tracestate: CALLER.tracestate });
    const sent = sentUpstream();
    expect(sent.length).toBeGreaterThan(0);
    for (const headers of sent) {
      expect(headers.traceparent).toBeUndefined();
      expect(headers.tracestate).toBeUndefined();
    }
  });

  it('gives a coalesced request the trace of the operation that started it', async () => {
    const roundware = harness.emulators.roundware;
    roundware.setLatency({ fixedMs: 1_000 });
    const query = 'query Devices { clientSessions(first: 2) { totalCount } }';
    const first = harness.query(query, undefined, CALLER);
    await vi.waitFor(() => expect(roundware.inFlight).toBe(1));
    const second = harness.query(query, undefined, { traceparent: OTHER_CALLER });
    const [a, b] = await Promise.all([first, second]);
    expect(a.errors).toBeUndefined();
    expect(b).toEqual(a);
    // One request served both operations, and it carries the first one's trace.
    expect(roundware.log.entries().map((entry) => entry.headers.traceparent)).toEqual([CALLER.traceparent]);
  });
});

describe('traceHeadersFrom', () => {
  it('keeps a valid traceparent and tracestate, and drops what the spec says to drop', () => {
    expect(traceHeadersFrom(CALLER)).toEqual(CALLER);
    expect(traceHeadersFrom({ traceparent: CALLER.traceparent })).toEqual({ traceparent: CALLER.traceparent });
    expect(traceHeadersFrom({ tracestate: CALLER.tracestate })).toEqual({});
    // Invalid: version ff, zero ids, upper case, extra fields on version 00, two headers joined.
    for (const traceparent of [
      `ff${CALLER.traceparent.slice(2)}`,
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      CALLER.traceparent.toUpperCase(),
      `${CALLER.traceparent}-extra`,
      `${CALLER.traceparent}, ${OTHER_CALLER}`,
      'not a traceparent',
    ]) {
      expect(traceHeadersFrom({ traceparent, tracestate: CALLER.tracestate })).toEqual({});
    }
    // A later version is read as version 00 and sent on as one.
    expect(traceHeadersFrom({ traceparent: `01${CALLER.traceparent.slice(2)}-future` })).toEqual({ traceparent: CALLER.traceparent });
    // A malformed or oversized tracestate is dropped alone.
    expect(traceHeadersFrom({ traceparent: CALLER.traceparent, tracestate: 'no equals sign' })).toEqual({ traceparent: CALLER.traceparent });
    expect(traceHeadersFrom({ traceparent: CALLER.traceparent, tracestate: Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(',') })).toEqual({
      traceparent: CALLER.traceparent,
    });
    expect(traceHeadersFrom({ traceparent: CALLER.traceparent, tracestate: `k=${'v'.repeat(250)},l=${'v'.repeat(250)},m=${'v'.repeat(20)}` })).toEqual({
      traceparent: CALLER.traceparent,
    });
    // Repeated tracestate headers form one list.
    expect(traceHeadersFrom({ traceparent: CALLER.traceparent, tracestate: 'rojo=00f067aa0ba902b7 , congo=t61rcWkgMzE' })).toEqual(CALLER);
  });
});
