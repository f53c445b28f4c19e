import { describe, expect, it } from 'vitest';

import { ListDemandPolicy } from '../../src/datasources/guidebook/listDemandPolicy.js';

describe('ListDemandPolicy', () => {
  it('reads one by one until distinct objects outnumber the list’s pages, then the list', () => {
    const policy = new ListDemandPolicy(60_000);
    policy.learnPages('schedules', 3);
    expect(['a', 'b', 'c'].map((id) => policy.preferList('schedules', [id], 0))).toEqual([false, false, false]);
    expect(policy.preferList('schedules', ['a'], 1)).toBe(false);
    expect(policy.preferList('schedules', ['d'], 2)).toBe(true);
  });

  it('counts each list apart, and uses the guess until a list’s pages are learned', () => {
    const policy = new ListDemandPolicy(60_000, 2);
    expect(policy.preferList('sessions?guide=1', ['1', '2'], 0)).toBe(false);
    expect(policy.preferList('sessions?guide=2', ['1', '2'], 0)).toBe(false);
    expect(policy.preferList('sessions?guide=1', ['3'], 0)).toBe(true);
    policy.learnPages('sessions?guide=2', 10);
    expect(policy.preferList('sessions?guide=2', ['3', '4', '5'], 0)).toBe(false);
  });

  it('never prefers a list when there is no shared cache to keep it in', () => {
    const policy = new ListDemandPolicy(0);
    policy.learnPages('l', 1);
    expect(policy.preferList('l', ['a', 'b', 'c', 'd'], 0)).toBe(false);
  });

  it('forgets objects looked up longer ago than the cache period', () => {
    const policy = new ListDemandPolicy(10_000);
    policy.learnPages('l', 2);
    policy.preferList('l', ['a', 'b'], 0);
    expect(policy.preferList('l', ['c'], 1_000)).toBe(true);
    expect(policy.preferList('l', ['d'], 30_000)).toBe(false);
  });
});
