import type {
  AttendeeRecord,
  GuidebookTables,
  GuideRecord,
  LocationRecord,
  PersonalizedScheduleRecord,
  ScheduleTrackRecord,
  SessionRecord,
} from './records.js';
import { generateSeed } from './seed.js';
import { applyLegacySample } from './seedSamples.js';
import { generateScaleGuide } from './seedScale.js';

const seedCache = new Map<string, GuidebookTables>();

/** The seed for a number (plus, with a scale, the large guide), generated once per process and cloned for each store. */
function seedTables(seed: number, scale: number): GuidebookTables {
  const key = `${seed}:${scale}`;
  let tables = seedCache.get(key);
  if (!tables) {
    tables = generateSeed(seed);
    if (scale > 0) {
      const large = generateScaleGuide(scale);
      tables = {
        ...tables,
        guides: [...tables.guides, ...large.guides],
        sessions: [...tables.sessions, ...large.sessions],
        scheduleTracks: [...tables.scheduleTracks, ...large.scheduleTracks],
        locations: [...tables.locations, ...large.locations],
      };
    }
    seedCache.set(key, tables);
  }
  return structuredClone(tables);
}

type TableName = keyof GuidebookTables;

/**
 * The emulated account's tables, keyed by id, plus one id sequence per table that, like a
 * database sequence, continues after the largest seeded id and is never reused.
 */
export class GuidebookStore {
  guides = new Map<number, GuideRecord>();
  sessions = new Map<number, SessionRecord>();
  scheduleTracks = new Map<number, ScheduleTrackRecord>();
  attendees = new Map<number, AttendeeRecord>();
  locations = new Map<number, LocationRecord>();
  personalizedSchedules = new Map<number, PersonalizedScheduleRecord>();
  readonly #seed: number;
  readonly #legacy: boolean;
  readonly #scale: number;
  #sequences = new Map<TableName, number>();
  /** Bumped by every write and reset: list answers cached under an older generation are stale. */
  generation = 0;

  /** `scale` > 0 adds the EMULATOR_SCALE guide (see seedScale.ts). */
  constructor(seed: number, legacy: boolean, scale = 0) {
    this.#seed = seed;
    this.#legacy = legacy;
    this.#scale = scale;
    this.reset();
  }

  /** Marks the tables as (about to be) changed. */
  touch(): void {
    this.generation += 1;
  }

  /** Puts the seed data back. */
  reset(): void {
    this.touch();
    const tables = seedTables(this.#seed, this.#scale);
    if (this.#legacy) tables.sessions.forEach(applyLegacySample);
    const index = <T extends { id: number }>(rows: T[]): Map<number, T> => new Map(rows.map((row) => [row.id, row]));
    this.guides = index(tables.guides);
    this.sessions = index(tables.sessions);
    this.scheduleTracks = index(tables.scheduleTracks);
    this.attendees = index(tables.attendees);
    this.locations = index(tables.locations);
    this.personalizedSchedules = index(tables.personalizedSchedules);
    this.#sequences = new Map((Object.keys(tables) as TableName[]).map((name) => [name, Math.max(0, ...tables[name].map((row) => row.id))]));
  }

  nextId(table: TableName): number {
    const id = (this.#sequences.get(table) ?? 0) + 1;
    this.#sequences.set(table, id);
    return id;
  }
}
