import { describe, expect, it } from 'vitest';

import { createArraySource, mapOffsetSource } from '../../src/connections/index.js';
import { range } from './fakes.js';

describe('createArraySource', () => {
  it('loads once and slices', async () => {
    let loads = 0;
    const source = createArraySource(async () => {
      loads++;
      return range(10);
    });
    const [a, b] = await Promise.all([source.read(0, 3), source.read(8, 5)]);
    expect(a).toEqual({ items: [0, 1, 2], totalCount: 10 });
    expect(b).toEqual({ items: [8, 9], totalCount: 10 });
    expect(await source.read(20, 5)).toEqual({ items: [], totalCount: 10 });
    expect(await source.read(0, 0)).toEqual({ items: [], totalCount: 10 });
    expect(loads).toBe(1);
  });

  it('tries the load again after a failure', async () => {
    let fail = true;
    const source = createArraySource(async () => {
      if (fail) throw new Error('down');
      return [1, 2];
    });
    await expect(source.read(0, 1)).rejects.toThrow('down');
    fail = false;
    expect(await source.read(0, 5)).toEqual({ items: [1, 2], totalCount: 2 });
  });
});

describe('mapOffsetSource', () => {
  it('maps only the items of each window, and keeps the total', async () => {
    const mapped: number[] = [];
    const source = mapOffsetSource(
      createArraySource(async () => range(100)),
      (n) => {
        mapped.push(n);
        return `#${n}`;
      },
    );
    expect(await source.read(10, 3)).toEqual({ items: ['#10', '#11', '#12'], totalCount: 100 });
    expect(await source.read(99, 5)).toEqual({ items: ['#99'], totalCount: 100 });
    expect(mapped).toEqual([10, 11, 12, 99]);
  });
});
