import { DEFAULT_ROUNDWARE_SEED, ROUNDWARE_LANGUAGES, ROUNDWARE_PROJECTS, SEED_SESSION_COUNT } from '@sessions-gateway/emulators/roundware';
import { DOC_SAMPLE_SESSIONS } from '@sessions-gateway/emulators/roundware/samples.js';
import { generateRoundwareSeed } from '@sessions-gateway/emulators/roundware/seed.js';
import { describe, expect, it } from 'vitest';

const KEY_ORDER = [
  'id',
  'device_id',
  'starttime',
  'stoptime',
  'client_type',
  'client_system',
  'demo_stream_enabled',
  'geo_listen_enabled',
  'timezone',
  'project_id',
  'language_id',
];
const NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/;

describe('Roundware seed data', () => {
  const seed = generateRoundwareSeed();

  it('holds 600 sessions in strictly increasing id order, with gaps like a real table', () => {
    expect(SEED_SESSION_COUNT).toBe(600);
    expect(seed.sessions).toHaveLength(600);
    const ids = seed.sessions.map((s) => s.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(600);
    expect(ids.at(-1)).toBeGreaterThan(600);
  });

  it('contains the docs samples verbatim at ids 1, 109 and 111', () => {
    for (const sample of DOC_SAMPLE_SESSIONS) {
      const row = seed.sessions.find((s) => s.id === sample.id);
      expect(JSON.stringify(row)).toBe(JSON.stringify(sample));
    }
    expect(seed.sessions.find((s) => s.id === 109)).toEqual({
      id: 109,
      device_id: null,
      starttime: '2017-09-06T15:43:35.947761',
      stoptime: null,
      client_type: null,
      client_system: 'iOS 8.1',
      demo_stream_enabled: true,
      geo_listen_enabled: false,
      timezone: '-8000',
      project_id: 1,
      language_id: 2,
    });
  });

  it('is deterministic per seed and differs across seeds (samples aside)', () => {
    expect(generateRoundwareSeed(DEFAULT_ROUNDWARE_SEED)).toEqual(seed);
    const other = generateRoundwareSeed(99);
    expect(other.sessions).toHaveLength(600);
    expect(other.sessions).not.toEqual(seed.sessions);
    expect(other.sessions.find((s) => s.id === 111)).toEqual(DOC_SAMPLE_SESSIONS[2]);
  });

  it('generates fast', () => {
    const started = performance.now();
    generateRoundwareSeed(7);
    expect(performance.now() - started).toBeLessThan(150);
  });

  it('keeps every row in wire shape: key order, naive datetimes, known projects and languages', () => {
    const projectIds = new Set(ROUNDWARE_PROJECTS.map((p) => p.id));
    const languageIds = new Set(ROUNDWARE_LANGUAGES.map((l) => l.id));
    for (const s of seed.sessions) {
      expect(Object.keys(s)).toEqual(KEY_ORDER);
      expect(s.starttime).toMatch(NAIVE);
      if (s.stoptime !== null) {
        expect(s.stoptime).toMatch(NAIVE);
        expect(s.stoptime > s.starttime).toBe(true);
      }
      expect(s.timezone).toMatch(/^[+-]?\d{4}$/);
      expect(projectIds.has(s.project_id)).toBe(true);
      if (s.language_id !== null) expect(languageIds.has(s.language_id)).toBe(true);
      if (s.device_id !== null) expect(s.device_id.length).toBeLessThanOrEqual(36);
    }
  });

  it('is varied the way the real data is', () => {
    const values = <K extends keyof (typeof seed.sessions)[number]>(key: K) => new Set(seed.sessions.map((s) => s[key]));
    expect(values('project_id')).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(values('client_type')).toEqual(new Set(['iPhone', 'Android', 'web', null]));
    expect(values('timezone')).toContain('-8000');
    expect(values('timezone')).toContain('0000');
    expect(values('demo_stream_enabled')).toEqual(new Set([true, false]));
    expect(values('geo_listen_enabled')).toEqual(new Set([true, false]));
    expect(values('language_id')).toContain(null);
    expect(seed.sessions.some((s) => s.device_id === null)).toBe(true);
    expect(seed.sessions.some((s) => s.device_id?.length === 36)).toBe(true);
    expect(seed.sessions.some((s) => s.stoptime === null)).toBe(true);
    expect(seed.sessions.some((s) => s.stoptime !== null)).toBe(true);
    // Python's isoformat() drops a zero fraction: a few rows carry that trap.
    expect(seed.sessions.some((s) => s.starttime.length === 19)).toBe(true);
    const years = new Set(seed.sessions.map((s) => s.starttime.slice(0, 4)));
    expect([...years].sort()).toEqual(['2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024']);
    // Devices come back: a device id filter can match several sessions.
    const devices = seed.sessions.map((s) => s.device_id).filter((d) => d !== null);
    expect(new Set(devices).size).toBeLessThan(devices.length);
  });

  it('has the project and language tables the docs imply', () => {
    expect(ROUNDWARE_LANGUAGES.slice(0, 4).map((l) => [l.id, l.language_code])).toEqual([
      [1, 'en'],
      [2, 'es'],
      [3, 'fr'],
      [4, 'de'],
    ]);
    expect(ROUNDWARE_PROJECTS.map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(ROUNDWARE_PROJECTS.map((p) => p.geo_listen_enabled))).toEqual(new Set([true, false]));
  });
});
