import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { NO_CACHE_ENV, startHarness, type Harness } from '../support/gatewayHarness.js';

// Requests nobody waits for are cancelled at the provider, not left to run on: the
// emulator sees them closed before their answer (`closedEarly`) and none stays in flight.
// Timeouts here are long, so that only a cancellation can end a hung request in time.

const SETTLED = { timeout: 5_000, interval: 20 };
/** Guidebook sessions over three of the emulator's 37-item pages. */
const GUIDEBOOK_PAGES = 'query Ahead { sessions(first: 80, filter: { sources: [GUIDEBOOK] }) { edges { node { sourceId } } } }';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({
    env: {
      ...NO_CACHE_ENV,
      UPSTREAM_HEADERS_TIMEOUT_MS: '60000',
      UPSTREAM_DEADLINE_MS: '60000',
      UPSTREAM_RETRY_MAX_ATTEMPTS: '2',
      UPSTREAM_RETRY_BASE_DELAY_MS: '1',
      UPSTREAM_RETRY_MAX_DELAY_MS: '1',
    },
  });
});
afterAll(() => harness.close());
beforeEach(() => {
  harness.emulators.guidebook.faults.clear();
  harness.resetLogs();
});

describe('cancellation at the provider', () => {
  it('cancels the pages asked for ahead when page 1 fails (regression: speculative pages not aborted when page 1 fails)', async () => {
    const guidebook = harness.emulators.guidebook;
    // The first read teaches the gateway the list's layout, so the next asks for every page at once.
    expect((await harness.query(GUIDEBOOK_PAGES)).errors).toBeUndefined();
    const pageUrls = guidebook.log.entries().map((entry) => entry.url);
    expect(pageUrls.filter((url) => /[?&]page=/.test(url)).length).toBeGreaterThanOrEqual(2);
    guidebook.log.clear();

    // Pages 2 and 3 (the requests with a `page` parameter) hang; page 1 fails on every attempt.
    guidebook.faults.add({ kind: 'hang', queryParam: 'page' });
    guidebook.faults.add({ kind: 'status', status: 500 });
    const response = await harness.query(GUIDEBOOK_PAGES);
    expect(response.errors?.map((error) => error.extensions)).toEqual([expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', provider: 'guidebook' })]);

    const ahead = guidebook.log.entries().filter((entry) => entry.outcome === 'hang');
    expect(ahead.length).toBeGreaterThanOrEqual(2);
    await vi.waitFor(() => expect(guidebook.inFlight).toBe(0), SETTLED);
    expect(guidebook.log.closedEarly().map((entry) => entry.url)).toEqual(ahead.map((entry) => entry.url));
  });
});
