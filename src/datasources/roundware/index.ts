import type DataLoader from 'dataloader';

import { createArraySource, mapOffsetSource, type OffsetSource } from '../../connections/index.js';
import { ErrorCode, UpstreamError } from '../../errors/index.js';
import type { ClientSessionModel } from '../../models/index.js';
import { createByIdLoader } from '../byIdLoader.js';
import type { RoundwareClient } from './client.js';
import { toClientSession } from './mapper.js';
import type { RoundwareSessionWire } from './wire.js';
import { RoundwareWrites } from './writes.js';

// A project's list has hundreds of sessions and a page shows a few dozen: each session is
// mapped when a page first shows it, once per cached answer object (the shared cache hands
// every request the same objects), not once per request.
const mappedSessions = new WeakMap<RoundwareSessionWire, ClientSessionModel>();

function mapSession(wire: RoundwareSessionWire): ClientSessionModel {
  let model = mappedSessions.get(wire);
  if (!model) mappedSessions.set(wire, (model = toClientSession(wire)));
  return model;
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
    this.clientSession = createByIdLoader(
      'roundware',
      (id) => `Roundware has no client session ${id}.`,
      async (id) => toClientSession(await client.retrieveSession(id, headers)),
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
    const list = createArraySource(() => this.#client.listSessions(query, this.#headers));
    return mapOffsetSource(list, (wire) => {
      const session = mapSession(wire);
      this.clientSession.prime(session.sourceId, session);
      return session;
    });
  }

  /** Every client session of every project: Roundware's whole (unpaginated) list, one read through the shared cache. */
  async allClientSessions(): Promise<ClientSessionModel[]> {
    return (await this.#client.listSessions({}, this.#headers)).map(mapSession);
  }

  /**
   * How many client sessions Roundware holds, all projects (`GET sessions/count/`, one small
   * answer through the shared cache); null when the server has no such route (it came with
   * the `admin-updates` branch: older servers answer 404).
   */
  async clientSessionCount(): Promise<number | null> {
    try {
      return await this.#client.countSessions({}, this.#headers);
    } catch (error) {
      if (error instanceof UpstreamError && error.extensions.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }
}
