import type { Faker } from '@faker-js/faker';

import { createSeededFaker } from '../kit/index.js';
import { SEED_USERS } from './credentials.js';
import { formatIsoNaive } from './datetime.js';
import { DOC_SAMPLE_SESSIONS } from './samples.js';
import type { RoundwareLanguage, RoundwareProject, RoundwareSeed, RoundwareSession } from './types.js';

/** The seed used when none is given. */
export const DEFAULT_ROUNDWARE_SEED = 2017;

/** How many sessions every seed holds (the docs' three samples included). */
export const SEED_SESSION_COUNT = 600;

/** Ids left out of the sequence, as deleted rows leave gaps in a real table. */
const GAP_COUNT = 15;

export const ROUNDWARE_PROJECTS: readonly RoundwareProject[] = [
  { id: 1, name: 'Test Project', geo_listen_enabled: true },
  { id: 2, name: 'Harbor Voices', geo_listen_enabled: false },
  { id: 3, name: 'Sculpture Garden Walk', geo_listen_enabled: true },
  { id: 4, name: 'Main Street Oral Histories', geo_listen_enabled: false },
  { id: 5, name: 'Festival Soundmap', geo_listen_enabled: true },
];

export const ROUNDWARE_LANGUAGES: readonly RoundwareLanguage[] = [
  { id: 1, language_code: 'en', name: 'English' },
  { id: 2, language_code: 'es', name: 'Spanish' },
  { id: 3, language_code: 'fr', name: 'French' },
  { id: 4, language_code: 'de', name: 'German' },
  { id: 5, language_code: 'it', name: 'Italian' },
  { id: 6, language_code: 'pt', name: 'Portuguese' },
  { id: 7, language_code: 'ja', name: 'Japanese' },
];

interface Device {
  device_id: string | null;
  client_type: string | null;
  client_system: string | null;
}

const TIMEZONES = [
  { weight: 20, value: '-0800' },
  { weight: 8, value: '-0700' },
  { weight: 20, value: '-0500' },
  { weight: 8, value: '-0400' },
  { weight: 18, value: '0000' },
  { weight: 10, value: '+0100' },
  { weight: 5, value: '+0200' },
  { weight: 3, value: '+0530' },
  { weight: 3, value: '+0900' },
  // The docs' own sample value: wrong as an offset, but it passes the server's regex.
  { weight: 5, value: '-8000' },
];

const HOUR_MS = 3_600_000;

/**
 * Generates the emulator's data set. The same seed always yields the same data; the docs'
 * sample sessions sit verbatim at ids 1, 109 and 111, and the list stays in id order.
 */
export function generateRoundwareSeed(seed = DEFAULT_ROUNDWARE_SEED): RoundwareSeed {
  const faker = createSeededFaker(seed);
  const devices = Array.from({ length: 180 }, () => makeDevice(faker));
  const ids = sessionIds(faker);
  const samples = new Map(DOC_SAMPLE_SESSIONS.map((s) => [s.id, s]));

  // Start times grow with the id, as rows inserted over the years do; the samples fix
  // 2017-09-06 around ids 109..111, so the segments are laid out around them.
  const before = ids.filter((id) => id < 109 && !samples.has(id));
  const between = ids.filter((id) => id > 109 && id < 111);
  const after = ids.filter((id) => id > 111);
  const starts = new Map<number, number>();
  assignTimes(faker, before, Date.UTC(2017, 2, 1), Date.UTC(2017, 8, 6, 15, 0), starts);
  assignTimes(faker, between, Date.UTC(2017, 8, 6, 15, 50), Date.UTC(2017, 8, 6, 16, 20), starts);
  assignTimes(faker, after, Date.UTC(2017, 8, 6, 17, 0), Date.UTC(2024, 11, 20), starts);

  const sessions = ids.map((id): RoundwareSession => {
    const sample = samples.get(id);
    if (sample) return { ...sample };
    return makeSession(faker, id, starts.get(id) ?? Date.UTC(2020, 0, 1), faker.helpers.arrayElement(devices));
  });

  return {
    projects: ROUNDWARE_PROJECTS.map((p) => ({ ...p })),
    languages: ROUNDWARE_LANGUAGES.map((l) => ({ ...l })),
    sessions,
    users: SEED_USERS.map((u) => ({ ...u })),
  };
}

function sessionIds(faker: Faker): number[] {
  const keep = new Set([1, 108, 109, 110, 111, 112]);
  const candidates = Array.from({ length: SEED_SESSION_COUNT + GAP_COUNT }, (_, i) => i + 1);
  const gaps = new Set(
    faker.helpers.arrayElements(
      candidates.filter((id) => !keep.has(id)),
      GAP_COUNT,
    ),
  );
  return candidates.filter((id) => !gaps.has(id));
}

function assignTimes(faker: Faker, ids: number[], fromMs: number, toMs: number, into: Map<number, number>): void {
  const times = ids.map(() => faker.number.int({ min: fromMs, max: toMs })).sort((a, b) => a - b);
  ids.forEach((id, i) => into.set(id, times[i] ?? fromMs));
}

function makeDevice(faker: Faker): Device {
  const client_type = faker.helpers.weightedArrayElement<string | null>([
    { weight: 35, value: 'iPhone' },
    { weight: 30, value: 'Android' },
    { weight: 20, value: 'web' },
    { weight: 15, value: null },
  ]);
  const client_system =
    client_type === 'iPhone'
      ? `iOS ${faker.helpers.arrayElement(['8.1', '9.3', '10.2', '11.4', '12.5', '13.7', '14.8', '15.7', '16.6', '17.2'])}`
      : client_type === 'Android'
        ? `Android ${faker.helpers.arrayElement(['7.0', '8.1', '9', '10', '11', '12', '13', '14'])}`
        : client_type === 'web'
          ? faker.helpers.arrayElement(['Chrome 120', 'Firefox 121', 'Safari 17.2', 'Edge 119'])
          : faker.helpers.arrayElement(['iOS 8.1', 'Android 13', null]);
  const device_id =
    client_type === 'web'
      ? (faker.helpers.maybe(() => faker.string.uuid(), { probability: 0.5 }) ?? null)
      : faker.helpers.weightedArrayElement<() => string | null>([
          { weight: 60, value: () => faker.string.uuid() },
          { weight: 25, value: () => faker.string.numeric({ length: 14, allowLeadingZeros: false }) },
          { weight: 15, value: () => null },
        ])();
  return { device_id, client_type, client_system };
}

function makeSession(faker: Faker, id: number, startMs: number, device: Device): RoundwareSession {
  const project = faker.helpers.weightedArrayElement(ROUNDWARE_PROJECTS.map((p, i) => ({ weight: [30, 20, 20, 15, 15][i] ?? 10, value: p })));
  const language_id = faker.helpers.weightedArrayElement<number | null>([
    { weight: 50, value: 1 },
    { weight: 15, value: 2 },
    { weight: 10, value: 3 },
    { weight: 8, value: 4 },
    { weight: 5, value: 5 },
    { weight: 5, value: 6 },
    { weight: 4, value: 7 },
    { weight: 3, value: null },
  ]);
  // Python's isoformat() drops a zero fraction; a few rows keep that trap in the data.
  const startMicros = faker.datatype.boolean({ probability: 0.01 }) ? 0 : faker.number.int({ min: 0, max: 999_999 });
  const start = { epochMs: Math.floor(startMs / 1000) * 1000 + Math.floor(startMicros / 1000), extraMicros: startMicros % 1000 };
  const stopped = faker.datatype.boolean({ probability: 0.65 });
  const stopMs = start.epochMs + faker.number.int({ min: 30_000, max: 3 * HOUR_MS });
  return {
    id,
    device_id: device.device_id,
    starttime: formatIsoNaive(start),
    stoptime: stopped ? formatIsoNaive({ epochMs: stopMs, extraMicros: faker.number.int({ min: 0, max: 999 }) }) : null,
    client_type: device.client_type,
    client_system: device.client_system,
    demo_stream_enabled: faker.datatype.boolean({ probability: 0.12 }),
    geo_listen_enabled: faker.datatype.boolean({ probability: 0.8 }) ? project.geo_listen_enabled : !project.geo_listen_enabled,
    timezone: faker.helpers.weightedArrayElement(TIMEZONES),
    project_id: project.id,
    language_id,
  };
}
