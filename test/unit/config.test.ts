import { describe, expect, it } from 'vitest';

import { ConfigError, demoModeOf, loadConfig } from '../../src/config/index.js';
import { createScrubber } from '../../src/server/scrubber.js';
import { sensitiveValuesOf } from '../../src/server/sensitiveValues.js';

const FULL = {
  GUIDEBOOK_API_URL: 'https://builder.guidebook.com/open-api/v1/',
  GUIDEBOOK_API_KEY: 'gb-key',
  ROUNDWARE_API_URL: 'http://localhost:8888/api/2/',
  ROUNDWARE_API_TOKEN: 'rw-token',
  PLANSTONE_API_URL: 'https://apps.planion.com/feed/v1/',
  PLANSTONE_API_TOKEN: 'ps-token',
  PLANSTONE_ACCOUNT: 'TOS',
  PLANSTONE_CONFERENCE: 'OW2024',
  PLANSTONE_TIMEZONE: 'America/Chicago',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

function catchConfigError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError was thrown');
}

describe('configuration', () => {
  it('is demo mode by default only when no provider URL is set and not in production', () => {
    expect(demoModeOf({})).toBe(true);
    expect(demoModeOf({ NODE_ENV: 'development', GUIDEBOOK_API_KEY: 'x' })).toBe(true);
    expect(demoModeOf({ DEMO: '' })).toBe(true);
    expect(demoModeOf({ ROUNDWARE_API_URL: 'off' })).toBe(false);
    expect(demoModeOf({ ...FULL, NODE_ENV: 'production' })).toBe(false);
  });

  it('runs demo mode in production only with DEMO=true, and never with DEMO=false', () => {
    expect(demoModeOf({ NODE_ENV: 'production', DEMO: 'true' })).toBe(true);
    expect(demoModeOf({ DEMO: 'false' })).toBe(false);
    // DEMO=false without provider URLs: loadConfig names every missing one.
    expect(problemsOf({ DEMO: 'false' })).toEqual(expect.arrayContaining([expect.stringContaining('GUIDEBOOK_API_URL is not set')]));
  });

  // Regression (issue 17): NODE_ENV=production with no provider URL served the emulators' fake data.
  it('refuses production without a provider URL in one line naming the variables and DEMO=true', () => {
    const error = catchConfigError(() => demoModeOf({ NODE_ENV: 'production', GATEWAY_API_KEYS: 'k1' }));
    expect(error.problems).toHaveLength(1);
    expect(error.message).not.toContain('\n');
    for (const name of ['GUIDEBOOK_API_URL', 'ROUNDWARE_API_URL', 'PLANSTONE_API_URL', 'DEMO=true']) expect(error.message).toContain(name);
  });

  it('refuses DEMO=true beside a provider URL, and a DEMO that is not a boolean, saying what to do', () => {
    expect(catchConfigError(() => demoModeOf({ DEMO: 'true', PLANSTONE_API_URL: FULL.PLANSTONE_API_URL })).message).toMatch(
      /DEMO=true .* PLANSTONE_API_URL is set: unset DEMO/,
    );
    expect(catchConfigError(() => demoModeOf({ DEMO: 'maybe' })).message).toMatch(/DEMO is not a boolean: "maybe" \(set it to true or false/);
  });

  it('says demo mode in the config only when the launcher says so', () => {
    expect(loadConfig(FULL).demo).toBe(false);
    expect(loadConfig(FULL, { demo: true }).demo).toBe(true);
  });

  it('reads a full environment with defaults for the rest', () => {
    const config = loadConfig(FULL);
    expect(config.port).toBe(4000);
    expect(config.guidebook).toEqual({ baseUrl: FULL.GUIDEBOOK_API_URL, apiKey: 'gb-key', maxSessionMs: 24 * 3_600_000, windowPageSize: 500 });
    expect(config.planstone).toMatchObject({ account: 'TOS', conference: 'OW2024', timeZone: 'America/Chicago' });
    expect(config.cacheTtlMs.planstone).toBe(300_000);
  });

  it('names every missing variable in one message when only some providers are set', () => {
    const problems = problemsOf({ GUIDEBOOK_API_URL: FULL.GUIDEBOOK_API_URL });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('GUIDEBOOK_API_KEY is required'),
        expect.stringContaining('ROUNDWARE_API_URL is not set'),
        expect.stringContaining('PLANSTONE_API_URL is not set'),
      ]),
    );
  });

  it('executes repeated operations with graphql-jit from their second run, except in a subgraph, when reporting to GraphOS, or when switched off', () => {
    expect(loadConfig(FULL).execution.jitAfterExecutions).toBe(1);
    expect(loadConfig({ ...FULL, GRAPHQL_JIT_AFTER: '0' }).execution.jitAfterExecutions).toBe(0);
    expect(loadConfig({ ...FULL, GRAPHQL_JIT: 'false' }).execution.jitAfterExecutions).toBeNull();
    expect(loadConfig({ ...FULL, FEDERATION: 'true' }).execution.jitAfterExecutions).toBeNull();
    expect(loadConfig({ ...FULL, APOLLO_KEY: 'service:graph:key' }).execution.jitAfterExecutions).toBeNull();
  });

  it('switches a provider off with "off"', () => {
    const config = loadConfig({ ...FULL, ROUNDWARE_API_URL: 'off', ROUNDWARE_API_TOKEN: '' });
    expect(config.roundware).toBeNull();
    expect(config.guidebook).not.toBeNull();
  });

  it('rejects a bad URL, a bad time zone and a bad port', () => {
    const problems = problemsOf({ ...FULL, GUIDEBOOK_API_URL: 'not a url', PLANSTONE_TIMEZONE: 'Mars/Olympus', PORT: 'abc' });
    expect(problems.join('\n')).toMatch(/GUIDEBOOK_API_URL is not a URL/);
    expect(problems.join('\n')).toMatch(/PLANSTONE_TIMEZONE is not an IANA time zone/);
    expect(problems.join('\n')).toMatch(/PORT/);
  });

  it("counts the Redis URL's password among the secrets logs are scrubbed of", () => {
    const config = loadConfig({ ...FULL, REDIS_URL: 'redis://gateway:s3cret%2Fpass@redis.internal:6379/0' });
    const scrub = createScrubber(sensitiveValuesOf(config));
    expect(scrub('AUTH failed for s3cret/pass')).not.toContain('s3cret/pass');
    expect(scrub('AUTH failed for gateway')).toBe('AUTH failed for gateway');
  });

  it("counts a Redis Cluster URL's password among the secrets too", () => {
    const config = loadConfig({ ...FULL, REDIS_URL: 'redis+cluster://gateway:cl%2Custer@10.0.0.1:7000,10.0.0.2:7000' });
    expect(createScrubber(sensitiveValuesOf(config))('NOAUTH cl,uster')).not.toContain('cl,uster');
  });

  it('rejects a Redis URL it cannot use and a key prefix with braces (the gateway places hash tags itself)', () => {
    const problems = problemsOf({ ...FULL, REDIS_URL: 'redis+cluster://10.0.0.1:7000/0', REDIS_KEY_PREFIX: 'app{1}:' });
    expect(problems.join('\n')).toMatch(/redis\+cluster:\/\/ URL lists its nodes/);
    expect(problems.join('\n')).toMatch(/REDIS_KEY_PREFIX may not contain/);
    expect(problemsOf({ ...FULL, REDIS_URL: 'memcached://cache:11211' }).join('\n')).toMatch(/REDIS_URL is not a redis:\/\//);
  });
});
