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

const seedCache = new Map<number, GuidebookTables>();

/** The seed for a number, generated once per process and cloned for each store. */
function seedTables(seed: number): GuidebookTables {
  let tables = seedCache.get(seed);
  if (!tables) {
    tables = generateSeed(seed);
    seedCache.set(seed, tables);
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
  #sequences = new Map<TableName, number>();

  constructor(seed: number, legacy: boolean) {
    this.#seed = seed;
    this.#legacy = legacy;
    this.reset();
  }

  /** Puts the seed data back. */
  reset(): void {
    const tables = seedTables(this.#seed);
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
