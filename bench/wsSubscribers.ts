import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

// Subscribers of the live-schedule bench: real graphql-ws clients (the protocol of Apollo
// Client's GraphQLWsLink) over real WebSockets, in the bench process, noting when each event
// arrives (performance.timeOrigin + now(): epoch ms with sub-millisecond precision).

/** One event a subscriber received. */
export interface Arrival {
  /** Which subscription received it (0 … sockets × perSocket − 1). */
  subscriber: number;
  sessionId: string;
  atMs: number;
}

export interface WsSubscribers {
  /** Every event received so far, by every subscription, in arrival order. */
  arrivals: Arrival[];
  /** Sockets whose connection the gateway acknowledged (their subscribe messages follow at once). */
  connected(): number;
  /** Errors and closes reported by the clients (a run with any is reported, not trusted). */
  problems: string[];
  /** Ends every subscription and closes the sockets (the closes this causes are not problems). */
  close(): Promise<void>;
}

/** Epoch milliseconds with sub-millisecond precision. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

/**
 * Opens `sockets` graphql-ws connections to `httpUrl` with `perSocket` subscriptions each, all
 * to `query` (whose result must select `sessionChanged { sessionId }`).
 */
export function openSubscribers(httpUrl: string, query: string, sockets: number, perSocket: number): WsSubscribers {
  const arrivals: Arrival[] = [];
  const problems: string[] = [];
  const clients: Client[] = [];
  const disposers: Array<() => void> = [];
  let connected = 0;
  for (let s = 0; s < sockets; s += 1) {
    const client = createClient({
      url: httpUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      on: {
        connected: () => (connected += 1),
        closed: (event) => problems.push(`socket ${s} closed: ${(event as { code?: number }).code ?? '?'}`),
      },
    });
    clients.push(client);
    for (let i = 0; i < perSocket; i += 1) {
      const subscriber = s * perSocket + i;
      disposers.push(
        client.subscribe(
          { query },
          {
            next: (result) => {
              const atMs = nowMs();
              const change = (result.data as { sessionChanged?: { sessionId: string } } | null | undefined)?.sessionChanged;
              if (change) arrivals.push({ subscriber, sessionId: change.sessionId, atMs });
              else problems.push(`an event without data: ${JSON.stringify(result).slice(0, 200)}`);
            },
            error: (error) => problems.push(`subscription error: ${JSON.stringify(error).slice(0, 200)}`),
            complete: () => undefined,
          },
        ),
      );
    }
  }
  return {
    arrivals,
    connected: () => connected,
    problems,
    async close() {
      for (const dispose of disposers) dispose();
      // Closing is expected: drop the close events it causes.
      const before = problems.length;
      await Promise.all(clients.map((client) => client.dispose()));
      problems.splice(before);
    },
  };
}
