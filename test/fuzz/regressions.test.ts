import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    await harness.query(`query ${longName} { __typename }`);
    await harness.query('query Short { __typename }');
    const { status, text } = await getPath(harness.url, '/metrics');
    expect(status).toBe(200);
    expect(text).not.toContain(longName.slice(0, 200));
    expect(sample(text, 'gateway_operations_total', { operation: '(other)', type: 'query', outcome: 'success' })).toBe(2);
    expect(sample(text, 'gateway_operations_total', { operation: 'Short', type: 'query', outcome: 'success' })).toBe(1);
  });
});
