import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import FindMyWay from 'find-my-way';

import { parseBody } from './body.js';
import { handleControl } from './control.js';
import { FaultTable, type FaultKind } from './faults.js';
import { RequestLog, type LoggedRequest } from './requestLog.js';
import type { EmulatorDefinition, EmulatorRequest, EmulatorResponse, LatencySettings, RouteDefinition } from './types.js';

const CONTROL_PREFIX = '/__control/';

/**
 * An emulated provider served over real HTTP, with the control surface tests and
 * benchmarks drive: added latency, injected faults, a request log, reset to seed data.
 * The same controls are reachable in code (this object) and over HTTP (`/__control/`).
 */
export class Emulator {
  readonly log = new RequestLog();
  readonly faults = new FaultTable();
  readonly #definition: EmulatorDefinition;
  readonly #router = FindMyWay({ ignoreTrailingSlash: false, caseSensitive: true });
  readonly #sockets = new Set<Socket>();
  #inFlight = 0;
  #latency: LatencySettings = { fixedMs: 0, jitterMs: 0 };
  #server: Server | undefined;
  #origin: string | undefined;

  constructor(definition: EmulatorDefinition) {
    this.#definition = definition;
    for (const route of definition.routes) {
      this.#router.on(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], definition.basePath + route.path, () => undefined, { route });
    }
  }

  get name(): string {
    return this.#definition.name;
  }

  /** `http://127.0.0.1:PORT`, once listening. */
  get origin(): string {
    if (!this.#origin) throw new Error(`${this.name} emulator is not listening`);
    return this.#origin;
  }

  /** The provider's API root as its docs write it, e.g. `http://127.0.0.1:4101/open-api/v1/`. */
  get baseUrl(): string {
    return `${this.origin}${this.#definition.basePath}/`;
  }

  /** Starts listening; port 0 picks a free port. Resolves to the base URL. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.#handle(req, res));
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
    const address = server.address() as AddressInfo;
    this.#origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    return this.baseUrl;
  }

  /** Stops listening and drops every open connection, hung ones included. */
  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Provider requests received and not yet over: neither answered in full nor closed by the
   * client (control requests are not counted). A hung request stays in flight until the
   * client gives up on it.
   */
  get inFlight(): number {
    return this.#inFlight;
  }

  get latency(): LatencySettings {
    return { ...this.#latency };
  }

  setLatency(latency: Partial<LatencySettings>): void {
    this.#latency = { fixedMs: latency.fixedMs ?? 0, jitterMs: latency.jitterMs ?? 0 };
  }

  /** Seed data back, log cleared, faults and latency removed. */
  /** The provider's own control `method /__control/<what>`, if it has one (EmulatorDefinition.control). */
  providerControl(method: string, what: string, input: Record<string, unknown>): EmulatorResponse | undefined {
    return this.#definition.control?.(method, what, input);
  }

  reset(): void {
    this.#definition.reset();
    this.log.clear();
    this.faults.clear();
    this.setLatency({});
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      if (url.pathname.startsWith(CONTROL_PREFIX)) {
        send(res, await handleControl(this, req, url));
        return;
      }
      await this.#serveProvider(req, res, url);
    } catch (error) {
      // The client left (a cancelled request) and its body could not be read: nobody to answer.
      if (res.closed && !res.writableFinished) return;
      if (!res.headersSent) send(res, { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Server Error (500)</h1>' });
      else res.destroy();
      console.error(`[${this.name} emulator]`, error);
    }
  }

  async #serveProvider(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const found = this.#router.find(method as 'GET', url.pathname);
    const route = (found?.store as { route: RouteDefinition } | undefined)?.route;
    const entry: LoggedRequest = {
      receivedAtMs: preciseNow(),
      at: new Date().toISOString(),
      method,
      route: route?.path,
      url: url.pathname + url.search,
      headers: flattenHeaders(req.headers),
      outcome: 0,
    };
    this.log.record(entry);
    this.#inFlight += 1;
    res.once('close', () => {
      this.#inFlight -= 1;
      // Cut by the emulator itself (a `reset` or `truncated` fault, or close()) is not the client's doing.
      const cutHere = entry.outcome === 'reset' || entry.outcome === 'truncated' || this.#server === undefined;
      if (!res.writableFinished && !cutHere) entry.closedEarlyAtMs = preciseNow();
    });

    const { fixedMs, jitterMs } = this.#latency;
    const delay = fixedMs + Math.random() * jitterMs;
    if (delay > 0) await sleep(delay);

    const fault = this.faults.take(method, route?.path, url.searchParams);
    if (fault) {
      entry.outcome = fault.kind === 'status' ? fault.status : fault.kind;
      await this.#injectFault(fault, req, res);
      return;
    }

    const body = await parseBody(req);
    const base = { method, query: url.searchParams, headers: req.headers, body, url };
    let response: EmulatorResponse;
    if (!route || !found) {
      response = this.#definition.notFound(base);
    } else {
      const request: EmulatorRequest = { ...base, route: route.path, params: { ...found.params } };
      const handler = route.methods[(method === 'HEAD' ? 'GET' : method) as keyof RouteDefinition['methods']];
      response = handler ? await handler(request) : this.#definition.methodNotAllowed(request, Object.keys(route.methods));
    }
    entry.outcome = response.status;
    send(res, response, method === 'HEAD');
    entry.answeredAtMs = preciseNow();
  }

  async #injectFault(fault: FaultKind, req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    switch (fault.kind) {
      case 'status':
        send(res, { status: fault.status, headers: fault.headers ?? {}, body: fault.body ?? '' });
        return;
      case 'rate-limit':
        send(res, this.#definition.rateLimited(fault.retryAfterSeconds));
        return;
      case 'malformed-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"results": [{"id": 1, "name": "unterminated');
        return;
      case 'wrong-shape':
        send(res, { status: 200, body: { count: 'many', results: { id: 1 }, _items: 'none', _meta: null, id: 'x' } });
        return;
      case 'truncated': {
        const full = JSON.stringify({ count: 1, next: null, previous: null, results: [{ id: 1, name: 'x'.repeat(200) }] });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(full)) });
        res.write(full.slice(0, Math.floor(full.length / 2)));
        await sleep(5);
        res.socket?.destroy();
        return;
      }
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'hang':
        // Never answer: the socket is dropped by close() or by the client giving up.
        return;
    }
  }
}

/** Wall-clock milliseconds with the monotonic clock's precision, comparable across processes. */
const preciseNow = () => performance.timeOrigin + performance.now();

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Writes an EmulatorResponse: JSON for objects, raw text for strings, nothing for 204/304. */
export function send(res: ServerResponse, response: EmulatorResponse, headOnly = false): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  const bodyless = response.status === 204 || response.status === 304 || response.body === undefined;
  if (!bodyless) {
    if (typeof response.body === 'string') {
      payload = response.body;
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else {
      payload = JSON.stringify(response.body);
      headers['content-type'] ??= 'application/json';
    }
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  res.writeHead(response.status, headers);
  res.end(headOnly ? undefined : payload || undefined);
}
