import { describe, expect, it } from 'vitest';

import { askAhead, cancelAhead, takeAhead, type PageAhead } from '../../src/connections/pageAhead.js';

describe('pages asked for ahead', () => {
  /** A fetchPage that records the signal each page was asked with and answers at once. */
  const recorder = () => {
    const signals: AbortSignal[] = [];
    const fetchPage = (page: number, _speculative: boolean, signal?: AbortSignal) => {
      signals.push(signal!);
      return Promise.resolve(page);
    };
    return { signals, fetchPage };
  };

  it('hands a needed, settled page’s signal to a later page, and cancelling that page does not touch the first', async () => {
    const { signals, fetchPage } = recorder();
    const ahead = new Map<number, PageAhead<number>>([[2, askAhead(fetchPage, 2)]]);
    await expect(takeAhead(ahead, 2)).resolves.toBe(2);
    expect(ahead.size).toBe(0);
    await Promise.resolve();
    const later = new Map<number, PageAhead<number>>([[3, askAhead(fetchPage, 3)]]);
    expect(signals[1]).toBe(signals[0]);
    cancelAhead(later);
    expect(signals[1]!.aborted).toBe(true);
  });

  it('never hands out an aborted signal again (a cancelled page’s controller is not reused)', async () => {
    const { signals, fetchPage } = recorder();
    const ahead = new Map<number, PageAhead<number>>([[2, askAhead(fetchPage, 2)]]);
    cancelAhead(ahead);
    await Promise.resolve();
    const next = new Map<number, PageAhead<number>>([[3, askAhead(fetchPage, 3)]]);
    expect(signals[1]).not.toBe(signals[0]);
    expect(signals[1]!.aborted).toBe(false);
    expect(takeAhead(next, 4)).toBeUndefined();
  });
});
