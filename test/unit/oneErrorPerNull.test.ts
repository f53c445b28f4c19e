import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';

import { oneErrorPerNull } from '../../src/server/execution/oneErrorPerNull.js';

const at = (message: string, path?: Array<string | number>): GraphQLFormattedError => ({ message, ...(path ? { path } : {}) });

describe('oneErrorPerNull', () => {
  it('keeps the first error of each null position: a list nulled by several failing non-null entries reports one', () => {
    const data = { list: null, fine: 'x' };
    const errors = [at('first', ['list', 0, 'bad']), at('second', ['list', 1, 'bad']), at('third', ['list', 1, 'other'])];
    expect(oneErrorPerNull(data, errors).map((e) => e.message)).toEqual(['first']);
  });

  it('keeps every error on a distinct null, and every error on a position that holds data (partial results)', () => {
    const data = { entries: ['a', null, null], sessions: { totalCount: 3 } };
    const errors = [at('p1', ['sessions']), at('e2', ['entries', 2]), at('p2', ['sessions']), at('e1', ['entries', 1])];
    expect(oneErrorPerNull(data, errors).map((e) => e.message)).toEqual(['e1', 'e2', 'p1', 'p2']);
  });

  it('orders by position in document order, whatever order the fields finished in; errors without a path first', () => {
    const data = { b: null, a: { x: null, y: null }, c: [null, { z: null }] };
    const errors = [at('c1z', ['c', 1, 'z']), at('ay', ['a', 'y']), at('request'), at('c0', ['c', 0]), at('ax', ['a', 'x']), at('b', ['b'])];
    expect(oneErrorPerNull(data, errors).map((e) => e.message)).toEqual(['request', 'b', 'ax', 'ay', 'c0', 'c1z']);
  });

  it('with data null, all errors land on it: one is kept', () => {
    expect(oneErrorPerNull(null, [at('one', ['a']), at('two', ['b', 'c'])]).map((e) => e.message)).toEqual(['one']);
  });
});
