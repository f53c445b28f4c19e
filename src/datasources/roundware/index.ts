import DataLoader from 'dataloader';
import { createArraySource, type OffsetSource } from '../../connections/index.js';
import { ErrorCode, NotFoundError, UpstreamError } from '../../errors/index.js';
import type { ClientSessionModel } from '../../models/index.js';
import type { RoundwareClient } from './client.js';
import { toClientSession } from './mapper.js';
import { RoundwareWrites } from './writes.js';
import type { RoundwareSessionWire } from './wire.js';

// Mapping a project's whole list (hundreds of sessions, each with date parsing) is pure
// work on an immutable cached answer: do it once per cached answer object, not per request.
const mappedLists = new WeakMap<readonly RoundwareSessionWire[], ClientSessionModel[]>();

function mapList(list: readonly RoundwareSessionWire[]): ClientSessionModel[] {
  let models = mappedLists.get(list);
  if (!models) mappedLists.set(list, (models = list.map(toClientSession)));
  return models;
}

export { RoundwareClient, type RoundwareClientOptions } from './client.js';

export interface RoundwareSessionFilter {
  projectId?: number;
  languageId?: number;
  languageCode?: string;
  geoListenEnabled?: boolean;
  demoStreamEnabled?: boolean;
  deviceId?: string;
  clientType?: string;
  clientSystem?: string;
}

/**
 * Roundware for one GraphQL request. Its list is one unpaginated array: fetched once
 * (shared cache) and sliced here.
 */
export class RoundwareDataSource {
  readonly clientSession: DataLoader<string, ClientSessionModel>;
  /** This request's writes (`startClientSession`); they prime `clientSession`. */
  readonly writes: RoundwareWrites;
  readonly #client: RoundwareClient;
  readonly #headers: Record<string, string> | undefined;

  constructor(client: RoundwareClient, headers?: Record<string, string>) {
    this.#client = client;
    this.#headers = headers;
    this.clientSession = new DataLoader(
      (ids) =>
        Promise.all(
          ids.map(async (id) => {
            // A non-numeric id makes the real server crash with a 500: never send one.
            if (!/^\d+$/.test(id)) return new NotFoundError(`Roundware has no client session ${id}.`, 'roundware');
            try {
              return toClientSession(await client.retrieveSession(id, headers));
            } catch (error) {
              if (error instanceof UpstreamError && error.extensions.code === ErrorCode.NOT_FOUND) {
                return new NotFoundError(`Roundware has no client session ${id}.`, 'roundware');
              }
              return error as Error;
            }
          }),
        ),
      { maxBatchSize: 50 },
    );
    this.writes = new RoundwareWrites(client, this.clientSession, headers);
  }

  clientSessionSource(filter: RoundwareSessionFilter): OffsetSource<ClientSessionModel> {
    const query = {
      project_id: filter.projectId,
      language_id: filter.languageId,
      language: filter.languageCode,
      geo_listen_enabled: filter.geoListenEnabled,
      demo_stream_enabled: filter.demoStreamEnabled,
      device_id: filter.deviceId,
      client_type: filter.clientType,
      client_system: filter.clientSystem,
    };
    return createArraySource(async () => {
      const sessions = mapList(await this.#client.listSessions(query, this.#headers));
      for (const session of sessions) this.clientSession.prime(session.sourceId, session);
      return sessions;
    });
  }
}
