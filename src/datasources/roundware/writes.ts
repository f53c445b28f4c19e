import type DataLoader from 'dataloader';

import type { ClientSessionModel } from '../../models/index.js';
import { succeeded, type ClientSessionDraft, type WriteOutcome } from '../../models/writes/index.js';
import { runWrite } from '../writes/runWrite.js';
import type { RoundwareClient } from './client.js';
import { toClientSession } from './mapper.js';
import { clientSessionDraftToWire, roundwareUserErrors } from './mapper.writes.js';
import { roundwareSessionWire } from './wire.js';

/**
 * Roundware's one write, for one GraphQL request: `POST sessions/` (answered 200, not
 * 201). Roundware has no update or stop. Sent once, never retried; drops the cached
 * session lists and counts; primes this request's loader with the new session.
 */
export class RoundwareWrites {
  readonly #client: RoundwareClient;
  readonly #loader: DataLoader<string, ClientSessionModel>;
  readonly #headers: Record<string, string> | undefined;

  constructor(client: RoundwareClient, loader: DataLoader<string, ClientSessionModel>, headers?: Record<string, string>) {
    this.#client = client;
    this.#loader = loader;
    this.#headers = headers;
  }

  async startClientSession(draft: ClientSessionDraft): Promise<WriteOutcome<ClientSessionModel>> {
    const outcome = await runWrite(this.#client.upstream, {
      method: 'POST',
      path: 'sessions/',
      route: 'POST sessions/',
      body: clientSessionDraftToWire(draft),
      schema: roundwareSessionWire,
      invalidates: ['sessions/'],
      headers: this.#headers,
      rejected: (body) => roundwareUserErrors(body, draft),
    });
    if (!outcome.ok) return outcome;
    const session = toClientSession(outcome.value);
    this.#loader.clear(session.sourceId).prime(session.sourceId, session);
    return succeeded(session);
  }
}
