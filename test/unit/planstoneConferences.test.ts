import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../src/config/index.js';

// PLANSTONE_CONFERENCES, the list form of the Planstone conferences, and today's
// single-conference variables as a one-item list.

const BASE = {
  GUIDEBOOK_API_URL: 'off',
  ROUNDWARE_API_URL: 'off',
  PLANSTONE_API_URL: 'https://apps.planion.com/feed/v1/',
  PLANSTONE_API_TOKEN: 'ps-token',
};
const SINGLE = { PLANSTONE_ACCOUNT: 'TOS', PLANSTONE_CONFERENCE: 'OW2024', PLANSTONE_TIMEZONE: 'America/Chicago' };
const TWO = [
  { account: 'TOS', conference: 'OW2024', timeZone: 'America/Chicago', name: 'OW 2024' },
  { account: 'TOS', conference: 'EU2024', timeZone: 'Europe/Berlin' },
];

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('PLANSTONE_CONFERENCES', () => {
  it('without it, PLANSTONE_ACCOUNT/CONFERENCE/TIMEZONE are a one-item list, unchanged', () => {
    const config = loadConfig({ ...BASE, ...SINGLE });
    expect(config.planstone).toMatchObject({ account: 'TOS', conference: 'OW2024', timeZone: 'America/Chicago' });
    expect(config.planstone!.conferences).toEqual([{ account: 'TOS', conference: 'OW2024', timeZone: 'America/Chicago', name: null }]);
  });

  it('lists several conferences; the first is the one the single-conference fields describe', () => {
    const config = loadConfig({ ...BASE, PLANSTONE_CONFERENCES: JSON.stringify(TWO) });
    expect(config.planstone!.conferences).toEqual([
      { account: 'TOS', conference: 'OW2024', timeZone: 'America/Chicago', name: 'OW 2024' },
      { account: 'TOS', conference: 'EU2024', timeZone: 'Europe/Berlin', name: null },
    ]);
    expect(config.planstone).toMatchObject({ account: 'TOS', conference: 'OW2024', timeZone: 'America/Chicago' });
  });

  it('accepts the single-conference variables beside it when they name its first conference', () => {
    expect(problemsOf({ ...BASE, ...SINGLE, PLANSTONE_CONFERENCES: JSON.stringify(TWO) })).toEqual([]);
  });

  it.each([
    ['bad JSON', '[{"account":"TOS",', /^PLANSTONE_CONFERENCES is not JSON/],
    ['not an array', '{"account":"TOS"}', /^PLANSTONE_CONFERENCES: /],
    ['an empty list', '[]', /^PLANSTONE_CONFERENCES: must list at least one conference/],
    ['a bad time zone', JSON.stringify([{ ...TWO[0], timeZone: 'Mars/Olympus' }]), /^PLANSTONE_CONFERENCES\[0\]\.timeZone: is not an IANA time zone/],
    ['a missing account', JSON.stringify([TWO[0], { conference: 'X', timeZone: 'UTC' }]), /^PLANSTONE_CONFERENCES\[1\]\.account: /],
    ['an unknown field', JSON.stringify([{ ...TWO[0], zone: 'UTC' }]), /^PLANSTONE_CONFERENCES(\[0\])?: .*zone/],
    ['a blank conference', JSON.stringify([{ ...TWO[0], conference: ' ' }]), /^PLANSTONE_CONFERENCES\[0\]\.conference: /],
    ['a "/" in an account', JSON.stringify([{ ...TWO[0], account: 'a/b' }]), /^PLANSTONE_CONFERENCES\[0\]\.account: .*"\/"/],
    ['a conference listed twice', JSON.stringify([TWO[0], TWO[0]]), /^PLANSTONE_CONFERENCES\[1\]: "TOS\/OW2024" is listed twice/],
  ])('%s is a clear start-up error', (_case, value, message) => {
    const problems = problemsOf({ ...BASE, PLANSTONE_CONFERENCES: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('refuses single-conference variables that contradict its first conference', () => {
    const problems = problemsOf({ ...BASE, ...SINGLE, PLANSTONE_TIMEZONE: 'Europe/Paris', PLANSTONE_CONFERENCES: JSON.stringify(TWO) });
    expect(problems).toEqual([expect.stringMatching(/^PLANSTONE_TIMEZONE \("Europe\/Paris"\) contradicts the first conference of PLANSTONE_CONFERENCES/)]);
  });

  it('without it, each missing single-conference variable is named, and so is a bad zone', () => {
    expect(problemsOf({ ...BASE, PLANSTONE_ACCOUNT: 'TOS' })).toEqual([
      expect.stringMatching(/^PLANSTONE_CONFERENCE is required when PLANSTONE_API_URL is set/),
      expect.stringMatching(/^PLANSTONE_TIMEZONE is required when PLANSTONE_API_URL is set/),
    ]);
    expect(problemsOf({ ...BASE, ...SINGLE, PLANSTONE_TIMEZONE: 'Mars/Olympus' })).toEqual([
      expect.stringMatching(/PLANSTONE_TIMEZONE is not an IANA time zone/),
    ]);
  });
});
