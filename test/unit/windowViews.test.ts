import { describe, expect, it } from 'vitest';

import { rememberView, windowKey } from '../../src/datasources/guidebook/sessionWindowSource.js';
import type { SessionModel } from '../../src/models/index.js';

// A window's sessions are derived from cached pages that every request shares: the view is
// derived once while those very page objects live, and again when any of them is another
// object (the cache refreshed a page) or the key differs.

const page = (...ids: string[]) => ids.map((sourceId) => ({ sourceId }) as SessionModel);

describe('rememberView', () => {
  it('derives once for the same page objects and key, and returns the same value', () => {
    const pages = [page('1', '2'), page('3')];
    let derived = 0;
    const derive = () => {
      derived += 1;
      return pages.flat().map((s) => s.sourceId);
    };
    const first = rememberView(pages, 'k', derive);
    const again = rememberView([...pages], 'k', derive);
    expect(again).toBe(first);
    expect(derived).toBe(1);
  });

  it('derives again when a page is another object (a refreshed cache entry), another count of pages, or another key', () => {
    const head = page('1', '2');
    const pages = [head, page('3')];
    let derived = 0;
    const derive = () => (derived += 1);
    rememberView(pages, 'k', derive);
    rememberView([head, page('3')], 'k', derive); // the same content, another object
    expect(derived).toBe(2);
    rememberView([head], 'k', derive);
    expect(derived).toBe(3);
    rememberView([head], 'other', derive);
    expect(derived).toBe(4);
    rememberView([head], 'other', derive);
    expect(derived).toBe(4);
  });

  it('windowKey tells windows apart by every bound', () => {
    const t = (ms: number) => new Date(ms);
    const keys = [
      {},
      { startsAfter: t(1) },
      { startsBefore: t(1) },
      { endsAfter: t(1) },
      { endsBefore: t(1) },
      { happeningAt: t(1) },
      { happeningAt: t(2) },
    ].map(windowKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
