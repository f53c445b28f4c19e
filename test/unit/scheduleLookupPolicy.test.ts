import { describe, expect, it } from 'vitest';
import { ScheduleLookupPolicy } from '../../src/datasources/guidebook/scheduleLookupPolicy.js';

describe('ScheduleLookupPolicy', () => {
  it('uses the filter until distinct attendees outnumber the list’s pages, then the list', () => {
    const policy = new ScheduleLookupPolicy(60_000);
    policy.learnListPages(3);
    expect(['a', 'b', 'c'].map((id) => policy.preferList(id, 0))).toEqual([false, false, false]);
    expect(policy.preferList('a', 1)).toBe(false);
    expect(policy.preferList('d', 2)).toBe(true);
  });

  it('forgets attendees seen longer ago than the cache period', () => {
    const policy = new ScheduleLookupPolicy(10_000);
    policy.learnListPages(2);
    policy.preferList('a', 0);
    policy.preferList('b', 0);
    expect(policy.preferList('c', 1_000)).toBe(true);
    expect(policy.preferList('d', 30_000)).toBe(false);
  });
});
