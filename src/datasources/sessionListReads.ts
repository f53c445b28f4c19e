import type { SessionModel } from '../models/index.js';
import type { ProviderName } from '../providers.js';

/**
 * One page of a session list that a provider answered (a read the shared cache did not
 * serve: a first read or a refresh), as the gateway models it.
 */
export interface SessionListRead {
  provider: ProviderName;
  /** Planstone: the conference read (`account/conference`); Guidebook reads every guide's sessions from one account. */
  conferenceId?: string;
  /** The page's sessions. */
  sessions: readonly SessionModel[];
  /**
   * The page is the provider's whole session list (of the conference): a list without
   * filters that fits on its first page. Only then does a session missing from it say it is gone.
   */
  complete: boolean;
  /** When the request for the page was sent (ms since the epoch). */
  readAt: number;
}

/**
 * Told of a fresh session list page. Called on the request path, so it must return at once:
 * `read` builds the page's models, to be called later (off the request path). Whatever it
 * throws is ignored.
 */
export type SessionListReadObserver = (read: () => SessionListRead) => void;

/**
 * The provider clients' hook for fresh session list pages (the reads the shared cache
 * refreshes for clients), defined here so that a higher layer (change detection, wired in
 * createGateway) can observe them without the datasources knowing it.
 */
export class SessionListReads {
  readonly #observers = new Set<SessionListReadObserver>();

  /** Whether anyone observes: clients build nothing otherwise. */
  get observed(): boolean {
    return this.#observers.size > 0;
  }

  /** Adds an observer; returns the function that removes it. */
  observe(observer: SessionListReadObserver): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  /** Tells every observer (never throws; `read` is memoised, so the models are built once). */
  report(read: () => SessionListRead): void {
    let built: SessionListRead | undefined;
    const once = () => (built ??= read());
    for (const observer of this.#observers) {
      try {
        observer(once);
      } catch {
        // An observer's failure never fails the read it watches.
      }
    }
  }
}
