import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MemoryResponseCache } from '../../src/upstream/index.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { HOME_PAGE } from './helpers.js';

// The in-memory cache is bounded by weight (CACHE_MAX_MB), not only by entries, so a heap
// limit on the process cannot be outgrown by a few large answers.

describe('MemoryResponseCache weight bound', () => {
  it('evicts the least recently used entries once the total weight is over maxSize', async () => {
    const cache = new MemoryResponseCache({ maxEntries: 100, maxSize: 1_000 });
    await cache.set('a', { n: 1 }, 60_000, 400);
    await cache.set('b', { n: 2 }, 60_000, 400);
    await cache.get('a'); // a is now more recently used than b
    await cache.set('c', { n: 3 }, 60_000, 400);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toEqual({ n: 1 });
    expect(await cache.get('c')).toEqual({ n: 3 });
    expect(cache.usage).toEqual({ entries: 2, size: 800 });
  });

  it('does not keep an entry heavier than the whole budget, and weighs strings by length', async () => {
    const cache = new MemoryResponseCache({ maxEntries: 100, maxSize: 1_000 });
    await cache.set('huge', { n: 1 }, 60_000, 5_000);
    expect(await cache.get('huge')).toBeUndefined();
    await cache.set('apq', 'x'.repeat(300), 60_000);
    expect(cache.usage).toEqual({ entries: 1, size: 300 });
  });
});

describe('CACHE_MAX_MB', () => {
  let harness: Harness;
  // Room for Guidebook's small pages (~20 KB), not for one of Planstone's feed pages (~165 KB
  // as the home page's list read asks for them, ~400 KB whole).
  beforeAll(async () => {
    // The response cache off: the repeats below must execute, to show what the upstream cache kept.
    harness = await startHarness({ env: { CACHE_MAX_MB: '0.1', RESPONSE_CACHE: 'false' } });
  });
  afterAll(() => harness?.close());

  it('caches the answers that fit and reads the ones that do not again', async () => {
    const first = await harness.query(HOME_PAGE);
    expect(first.errors).toBeUndefined();
    harness.resetLogs();
    const second = await harness.query(HOME_PAGE);
    expect(second).toEqual(first);
    const calls = harness.upstreamCalls();
    expect(calls.guidebook).toBe(0);
    expect(calls.planstone).toBeGreaterThan(0);
  });
});
