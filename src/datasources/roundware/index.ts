import DataLoader from 'dataloader';
import { createArraySource, type OffsetSource } from '../../connections/index.js';
import { ErrorCode, NotFoundError, UpstreamError } from '../../errors/index.js';
import type { ClientSessionModel } from '../../models/index.js';
import type { RoundwareClient } from './client.js';
import { toClientSession } from './mapper.js';

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
      const sessions = (await this.#client.listSessions(query, this.#headers)).map(toClientSession);
      for (const session of sessions) this.clientSession.prime(session.sourceId, session);
      return sessions;
    });
  }
}
