import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';

// Subscribers over the gateway's three subscription transports, each a real client of its
// protocol (graphql-ws's and graphql-sse's own clients; Apollo's multipart protocol read from
// the raw response), collecting what they receive.

export interface Received {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export interface Subscriber {
  results: Received[];
  /** Set when the subscription completed (the server ended it). */
  completed: boolean;
  /** Set when it failed (a close event, a transport error). */
  error: unknown;
  /** Resolves once `predicate` holds (checked every 10 ms); rejects after `timeoutMs` (default 15 s) with what was received. */
  until(predicate: (subscriber: Subscriber) => boolean, what?: string, timeoutMs?: number): Promise<void>;
  dispose(): void;
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

function collector(): Subscriber {
  const subscriber: Subscriber = {
    results: [],
    completed: false,
    error: undefined,
    async until(predicate, what = 'condition', timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(subscriber)) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(subscriber.results)}, error ${String(subscriber.error)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    dispose: () => undefined,
  };
  return subscriber;
}

/** The WebSocket URL of a gateway's HTTP endpoint. */
export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** A graphql-ws client (the protocol of Apollo's GraphQLWsLink), without retries. */
export function wsClient(
  httpUrl: string,
  connectionParams?: Record<string, unknown>,
  options: { retryAttempts?: number } = {},
): WsClient & { closes: Array<{ code: number; reason: string }> } {
  const closes: Array<{ code: number; reason: string }> = [];
  const client = createWsClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: options.retryAttempts ?? 0,
    lazy: true,
    on: { closed: (event) => closes.push({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
  });
  return Object.assign(client, { closes });
}

/** Subscribes over a graphql-ws client. */
export function wsSubscribe(client: WsClient, operation: Operation): Subscriber {
  const subscriber = collector();
  subscriber.dispose = client.subscribe(operation, {
    next: (result) => subscriber.results.push(result as Received),
    error: (error) => (subscriber.error = error),
    complete: () => (subscriber.completed = true),
  });
  return subscriber;
}

/** Subscribes with graphql-sse's client in distinct-connections mode, without retries. */
export function sseSubscribe(httpUrl: string, operation: Operation, headers: Record<string, string> = {}): Subscriber {
  const subscriber = collector();
  const client = createSseClient({ url: httpUrl, headers, retryAttempts: 0, singleConnection: false });
  const unsubscribe = client.subscribe(operation, {
    next: (result) => subscriber.results.push(result as Received),
    error: (error) => (subscriber.error = error),
    complete: () => (subscriber.completed = true),
  });
  subscriber.dispose = () => {
    unsubscribe();
    client.dispose();
  };
  return subscriber;
}

/** A multipart subscriber: the raw parts as well as the payloads, and the response's status and content type. */
export interface MultipartSubscriber extends Subscriber {
  status: number | undefined;
  contentType: string | null;
  /** Every part as parsed JSON: heartbeats `{}` included. */
  parts: unknown[];
  /** The body of a response that was not a stream (a refusal). */
  refusal: unknown;
}

/**
 * Subscribes with Apollo's multipart protocol (`Accept: multipart/mixed;subscriptionSpec="1.0"`),
 * reading parts as Apollo Client does: split on `\r\n--graphql`, `{}` is a heartbeat,
 * `{"payload": …}` a result, `{"payload": null, "errors": …}` a transport error.
 */
export function multipartSubscribe(httpUrl: string, operation: Operation, headers: Record<string, string> = {}): MultipartSubscriber {
  const subscriber = Object.assign(collector(), { status: undefined, contentType: null, parts: [], refusal: undefined }) as MultipartSubscriber;
  const controller = new AbortController();
  subscriber.dispose = () => controller.abort();
  void (async () => {
    try {
      const response = await fetch(httpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec="1.0", application/json', ...headers },
        body: JSON.stringify(operation),
        signal: controller.signal,
      });
      subscriber.status = response.status;
      subscriber.contentType = response.headers.get('content-type');
      if (!subscriber.contentType?.startsWith('multipart/mixed')) {
        subscriber.refusal = await response.json();
        subscriber.completed = true;
        return;
      }
      // Apollo Client's reading (parseAndCheckHttpResponse.js): a part is what precedes a delimiter.
      const delimiter = '\r\n--graphql';
      const decoder = new TextDecoder();
      let buffer = '';
      let seenDelimiter = false;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let at: number;
        while (!(seenDelimiter && buffer.startsWith('--')) && (at = buffer.indexOf(delimiter)) > -1) {
          seenDelimiter = true;
          const message = buffer.slice(0, at);
          buffer = buffer.slice(at + delimiter.length);
          const start = message.indexOf('\r\n\r\n');
          if (start === -1) continue;
          const part = JSON.parse(message.slice(start + 4)) as { payload?: Received | null; errors?: unknown };
          subscriber.parts.push(part);
          if (part.payload) subscriber.results.push(part.payload);
          if (part.payload === null && part.errors) subscriber.error = part.errors;
        }
        if (seenDelimiter && buffer.startsWith('--')) {
          subscriber.completed = true;
          return;
        }
      }
      subscriber.error ??= new Error('premature end of multipart body');
    } catch (error) {
      if (!controller.signal.aborted) subscriber.error = error;
    }
  })();
  return subscriber;
}
