import { randomBytes } from 'node:crypto';

import { generateRoundwareSeed } from './seed.js';
import type { RoundwareLanguage, RoundwareProject, RoundwareSeed, RoundwareSession, RoundwareUser } from './types.js';

/** The emulator's database: seed data plus whatever clients created since the last reset. */
export class RoundwareStore {
  readonly #seed: RoundwareSeed;
  sessions: RoundwareSession[] = [];
  users: RoundwareUser[] = [];
  readonly projects: readonly RoundwareProject[];
  readonly languages: readonly RoundwareLanguage[];

  constructor(seed?: number) {
    this.#seed = generateRoundwareSeed(seed);
    this.projects = this.#seed.projects;
    this.languages = this.#seed.languages;
    this.reset();
  }

  /** Seed sessions, users and tokens back; everything created since is gone. */
  reset(): void {
    this.sessions = this.#seed.sessions.map((s) => ({ ...s }));
    this.users = this.#seed.users.map((u) => ({ ...u }));
  }

  session(id: number): RoundwareSession | undefined {
    return this.sessions.find((s) => s.id === id);
  }

  project(id: number): RoundwareProject | undefined {
    return this.projects.find((p) => p.id === id);
  }

  language(id: number): RoundwareLanguage | undefined {
    return this.languages.find((l) => l.id === id);
  }

  languageByCode(code: string): RoundwareLanguage | undefined {
    return this.languages.find((l) => l.language_code === code);
  }

  userByToken(key: string): RoundwareUser | undefined {
    return this.users.find((u) => u.token === key);
  }

  userByDeviceId(deviceId: string): RoundwareUser | undefined {
    return this.users.find((u) => u.device_id === deviceId);
  }

  userByCredentials(username: string, password: string): RoundwareUser | undefined {
    return this.users.find((u) => u.username === username && u.password !== null && u.password === password);
  }

  /** Inserts a session with the next id (ids are never reused, as with a database sequence). */
  insertSession(fields: Omit<RoundwareSession, 'id'>): RoundwareSession {
    const id = Math.max(0, ...this.sessions.map((s) => s.id)) + 1;
    // Spelled out so the key order is the wire order whatever order `fields` was built in.
    const session: RoundwareSession = {
      id,
      device_id: fields.device_id,
      starttime: fields.starttime,
      stoptime: fields.stoptime,
      client_type: fields.client_type,
      client_system: fields.client_system,
      demo_stream_enabled: fields.demo_stream_enabled,
      geo_listen_enabled: fields.geo_listen_enabled,
      timezone: fields.timezone,
      project_id: fields.project_id,
      language_id: fields.language_id,
    };
    this.sessions.push(session);
    return session;
  }

  /** Creates an anonymous device user with a fresh 40-hex token, as `POST users/` does. */
  insertDeviceUser(deviceId: string, clientType: string | null, clientSystem: string | null): RoundwareUser {
    const id = Math.max(0, ...this.users.map((u) => u.id)) + 1;
    const user: RoundwareUser = {
      id,
      username: String(10_000_000_000_000 + (randomBytes(6).readUIntBE(0, 6) % 89_999_999_999_999)),
      password: null,
      token: randomBytes(20).toString('hex'),
      first_name: '',
      last_name: '',
      email: '',
      device_id: deviceId,
      client_type: clientType,
      client_system: clientSystem,
    };
    this.users.push(user);
    return user;
  }
}
