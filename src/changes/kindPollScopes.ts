import type { DataSources } from '../datasources/providers.js';
import { globalIdOfModel } from '../ids/globalId.js';
import type { ClientSessionChangeRecord } from '../models/clientSessionChange.js';
import type { ClientSessionModel, PersonalizedScheduleModel } from '../models/index.js';
import type { PersonalizedScheduleChangeRecord } from '../models/personalizedScheduleChange.js';
import type { ProviderName } from '../providers.js';
import { personalizedScheduleCodec } from './changeKindCodecs.js';
import { diffPersonalizedSchedules } from './diffPersonalizedSchedules.js';
import type { KindStore } from './kindStore.js';

/** The stores of the kinds detected beside sessions. */
export interface ChangeKindStores {
  personalizedSchedules: KindStore<PersonalizedScheduleChangeRecord>;
  clientSessions: KindStore<ClientSessionChangeRecord>;
}

/**
 * A scope of a further kind, polled by ChangePoller beside the session scopes (under the same
 * lease, paced with its provider's): `poll` reads it afresh, compares and commits in one go.
 */
export interface KindPollScope {
  key: string;
  provider: ProviderName;
  /** One poll: resolves with the number of events recorded, or null when the lease was lost (nothing written). */
  poll(): Promise<number | null>;
}

/** The Roundware scope's bookkeeping, as `cursor`: the greatest session id seen and how many sessions the last list read had. */
interface ClientSessionCursor {
  lastId: number;
  listed: number;
}

const readCursor = (cursor: string | null): ClientSessionCursor => {
  const [lastId = -1, listed = -1] = (cursor ?? '').split('/').map(Number);
  return { lastId: Number.isFinite(lastId) ? lastId : -1, listed: Number.isFinite(listed) ? listed : -1 };
};

/**
 * The scopes of personalized schedules and Roundware client sessions (issue 20; see
 * docs/live-schedule.md). Made once per gateway; `scopes` gives the ones a poll reads through
 * its fresh datasources.
 *
 * - Guidebook personalized schedules: the account's whole schedule list (through the shared
 *   page cache, with the query attendees' schedule reads use), compared with the snapshot
 *   (diffPersonalizedSchedules). Guidebook filters schedules by guide and attendee only, not
 *   by time or modification, so the whole list is the only read that shows a change.
 * - Roundware client sessions: `CREATED` only (the API neither changes nor deletes one). The
 *   list is unpaginated, unordered, and its filters are exact matches (no "started after"),
 *   so a poll first asks `GET sessions/count/` (one small answer): the same number as the
 *   last list read had means nothing new, and nothing more is read. Otherwise (and every
 *   `completeEvery`-th poll, which also catches a deletion by an administrator hiding a new
 *   session from the count, and on a server without the count route) the list is read once
 *   and each session with an id above the greatest seen is new (ids are auto-increment).
 */
export class KindPollScopes {
  readonly #stores: ChangeKindStores;
  readonly #completeEvery: number;
  /** Roundware answered 404 to `sessions/count/` (a server before the admin-updates branch): the list is read each poll. */
  #noCountRoute = false;

  constructor(stores: ChangeKindStores, completeEvery: number) {
    this.#stores = stores;
    this.#completeEvery = completeEvery;
  }

  scopes(dataSources: DataSources): KindPollScope[] {
    const scopes: KindPollScope[] = [];
    const guidebook = dataSources.guidebook;
    if (guidebook) {
      scopes.push({
        key: 'personalized-schedules:guidebook',
        provider: 'guidebook',
        poll: () => this.#pollSchedules(() => guidebook.allPersonalizedSchedules()),
      });
    }
    const roundware = dataSources.roundware;
    if (roundware) {
      scopes.push({
        key: 'client-sessions:roundware',
        provider: 'roundware',
        poll: () =>
          this.#pollClientSessions(
            () => roundware.allClientSessions(),
            () => roundware.clientSessionCount(),
          ),
      });
    }
    return scopes;
  }

  async #pollSchedules(read: () => Promise<PersonalizedScheduleModel[]>): Promise<number | null> {
    const store = this.#stores.personalizedSchedules;
    const key = 'personalized-schedules:guidebook';
    const state = await store.load(key);
    const fresh = await read();
    const previous = new Map([...state.entries].map(([id, text]) => [id, personalizedScheduleCodec.decode(text)]));
    const diff = diffPersonalizedSchedules(previous, fresh, new Date().toISOString());
    if (state.known && diff.records.length === 0) return 0; // nothing to write
    const events = await store.commit(key, {
      // The first read is the baseline: what was there before detection started is no change.
      records: state.known ? diff.records : [],
      upserts: [...diff.upserts].map(([id, schedule]) => [id, personalizedScheduleCodec.encode(schedule)]),
      deletes: diff.deletes,
      meta: { cursor: null, sinceComplete: 0 },
    });
    return events === null ? null : events.length;
  }

  async #pollClientSessions(list: () => Promise<ClientSessionModel[]>, count: () => Promise<number | null>): Promise<number | null> {
    const store = this.#stores.clientSessions;
    const key = 'client-sessions:roundware';
    const state = await store.load(key);
    const cursor = readCursor(state.cursor);
    const complete = !state.known || this.#noCountRoute || state.sinceComplete + 1 >= this.#completeEvery;
    if (!complete) {
      const counted = await count();
      if (counted === null) this.#noCountRoute = true;
      else if (counted === cursor.listed) {
        const events = await store.commit(key, {
          records: [],
          upserts: [],
          deletes: [],
          meta: { cursor: state.cursor, sinceComplete: state.sinceComplete + 1 },
        });
        return events === null ? null : 0;
      }
    }
    const sessions = await list();
    const detectedAt = new Date().toISOString();
    const fresh = sessions.filter((session) => Number(session.sourceId) > cursor.lastId).sort((a, b) => Number(a.sourceId) - Number(b.sourceId));
    const lastId = Math.max(cursor.lastId, ...fresh.map((session) => Number(session.sourceId)).filter(Number.isFinite));
    const records: ClientSessionChangeRecord[] = state.known
      ? fresh.map((session) => ({
          entity: 'ClientSession',
          kind: 'CREATED',
          clientSessionId: globalIdOfModel(session, 'ClientSession', 'roundware'),
          projectId: session.projectId,
          detectedAt,
          after: session,
        }))
      : [];
    const events = await store.commit(key, {
      records,
      upserts: [],
      deletes: [],
      // `listed` is what this read showed, not what the count said: a count fresher than the
      // cached list differs from it next time, so the list is read again then.
      meta: { cursor: `${lastId}/${sessions.length}`, sinceComplete: complete ? 0 : state.sinceComplete + 1 },
    });
    return events === null ? null : events.length;
  }
}
