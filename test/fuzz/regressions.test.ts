import { RequestLog } from '@sessions-gateway/emulators/kit/requestLog.js';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DocumentStore, documentWeight } from '../../src/upstream/cache/documentStore.js';
import { getPath, sample } from '../operations/httpGet.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';

// Bugs the fuzzer (test/fuzz/, `npm run fuzz`) found, each pinned by its shrunk case.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness?.close());

describe('fuzz regressions', () => {
  it('bug: hostile operation names of any length became metric labels (200 names of 90 KB: ~1 GB of series keys, /metrics failed to render)', async () => {
    const longName = `Q${'x'.repeat(10_000)}`;
    await harness.query(`query ${longName} { __typename }`);
    // Another document under the same name (an identical one would be answered by the response cache, unexecuted).
    await harness.query(`query ${longName} { __typename  }`);
    await harness.query('query Short { __typename }');
    const { status, text } = await getPath(harness.url, '/metrics');
    expect(status).toBe(200);
    expect(text).not.toContain(longName.slice(0, 200));
    expect(sample(text, 'gateway_operations_total', { operation: '(other)', type: 'query', outcome: 'success' })).toBe(2);
    expect(sample(text, 'gateway_operations_total', { operation: 'Short', type: 'query', outcome: 'success' })).toBe(1);
  });
});

describe('fuzz regressions: deep variables', () => {
  it('bug: variables nested thousands deep overflowed the lone-surrogate walk (HTTP 500 INTERNAL_SERVER_ERROR; `npm run fuzz -- --seed 1`)', async () => {
    // Written as text: JSON.stringify itself overflows this test's stack at this depth.
    const nested = `${'{"a":'.repeat(5_001)}"\\udc00"${'}'.repeat(5_001)}`;
    const query = 'query($f: SessionFilter) { sessions(filter: $f) { totalCount } }';
    const response = await fetch(harness.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":${JSON.stringify(query)},"variables":{"f":${nested}}}`,
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string; argumentName?: string } }> };
    // The lone surrogate at the bottom is found (and named), and nothing is a server error.
    expect(response.status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.extensions?.argumentName).toMatch(/^filter(\.a){5001}$/);
  });
});

describe('fuzz regressions: memory', () => {
  it('bug: the document cache was bounded by entries only (1,000 hostile documents of 3,000 tokens held about 1 GB)', async () => {
    const store = new DocumentStore(1_000, 8 * 1_048_576);
    // 2,900 tokens each: just under GRAPHQL_MAX_TOKENS, as the fuzzer's oversized documents.
    const big = (i: number) => parse(`query Q${i} { ${Array.from({ length: 1_448 }, (_, j) => `a${j}: __typename`).join(' ')} }`);
    for (let i = 0; i < 30; i += 1) await store.set(`big${i}`, big(i));
    expect(documentWeight(big(0))).toBeGreaterThan(700_000);
    expect(store.size).toBeLessThanOrEqual(Math.floor((8 * 1_048_576) / documentWeight(big(0))));
    // Ordinary operations still fill it by the hundred.
    const small = new DocumentStore(1_000, 8 * 1_048_576);
    for (let i = 0; i < 500; i += 1)
      await small.set(`small${i}`, parse(`query Home${i} { sessions(first: 5) { edges { node { id name startTime tracks { name } } } } }`));
    expect(small.size).toBe(500);
  });

  it("bug: the emulators' request log kept every request of a long demo run (npm start's memory grew with its traffic)", () => {
    const log = new RequestLog(1_000);
    for (let i = 0; i < 30_000; i += 1) {
      log.record({
        at: '',
        method: i % 3 === 0 ? 'POST' : 'GET',
        route: i % 2 === 0 ? '/sessions/' : undefined,
        url: `/sessions/?page=${i}`,
        headers: {},
        outcome: 200,
        receivedAtMs: i,
      });
    }
    expect(log.entries().length).toBe(1_000);
    expect(log.entries().at(-1)!.receivedAtMs).toBe(29_999);
    // Counts stay exact.
    expect(log.count()).toBe(30_000);
    expect(log.count({ method: 'post', route: '/sessions/' })).toBe(5_000);
    expect(log.countsByRoute()['GET (no route)']).toBe(10_000);
    log.clear();
    expect(log.count()).toBe(0);
  });
});
