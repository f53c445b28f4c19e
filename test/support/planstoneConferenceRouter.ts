import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/**
 * A loopback Planstone feed serving several conferences, until the emulator itself does:
 * each conference id is routed to its own emulator (another seed), whose `where` is
 * rewritten to the one conference that emulator holds. Everything else (paths, auth,
 * paging, projections, ETags) passes through untouched.
 */
export interface PlanstoneConferenceRouter {
  url: string;
  close(): Promise<void>;
}

/**
 * `routes`: conference id → the emulator's base URL (`…/feed/v1/`) and the conference it
 * holds. A request whose `where` names no routed conference goes to `fallback`.
 */
export async function startPlanstoneConferenceRouter(
  fallback: string,
  routes: Record<string, { url: string; conference: string }>,
): Promise<PlanstoneConferenceRouter> {
  const fallbackUrl = new URL(fallback);
  const server: Server = createServer((req, res) => {
    const incoming = new URL(req.url ?? '/', 'http://router');
    let target = new URL(fallbackUrl.origin);
    const where = incoming.searchParams.get('where');
    if (where) {
      const parsed = JSON.parse(where) as Record<string, unknown>;
      const route = typeof parsed.conference === 'string' ? routes[parsed.conference] : undefined;
      if (route) {
        target = new URL(new URL(route.url).origin);
        incoming.searchParams.set('where', JSON.stringify({ ...parsed, conference: route.conference }));
      }
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'accept', 'if-none-match', 'x-request-id']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    request(new URL(`${incoming.pathname}${incoming.search}`, target), { method: 'GET', headers })
      .then(async (answer) => {
        const body = Buffer.from(await answer.body.arrayBuffer());
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (typeof value === 'string' && !['content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)) out[name] = value;
        }
        res.writeHead(answer.statusCode, { ...out, 'content-length': String(body.length) });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(502);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${fallbackUrl.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
