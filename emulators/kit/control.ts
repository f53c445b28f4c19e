import type { IncomingMessage } from 'node:http';

import { parseBody } from './body.js';
import type { Emulator } from './emulator.js';
import type { FaultSpec } from './faults.js';
import type { EmulatorResponse } from './types.js';

/**
 * The HTTP face of an emulator's controls, under `/__control/` (never logged, never
 * authenticated, never faulted):
 *
 * - `GET /__control/log` → `{ total, byRoute, inFlight, entries }`; `DELETE` clears it.
 * - `GET|PUT /__control/latency` with `{ fixedMs, jitterMs }`.
 * - `GET|POST|DELETE /__control/faults`; POST takes a FaultSpec, e.g.
 *   `{ "kind": "status", "status": 503, "route": "/sessions/", "times": 2 }`; `"queryParam":
 *   "projection"` limits it to requests that carry that parameter.
 * - `POST /__control/reset` → seed data back, log, faults and latency cleared.
 * - anything else the provider's own `control` answers (EmulatorDefinition.control).
 */
export async function handleControl(emulator: Emulator, req: IncomingMessage, url: URL): Promise<EmulatorResponse> {
  const method = req.method ?? 'GET';
  const what = url.pathname.slice('/__control/'.length).replace(/\/$/, '');
  const body = await parseBody(req);
  const input = body.kind === 'json' ? (body.value as Record<string, unknown>) : {};

  switch (`${method} ${what}`) {
    case 'GET ':
      return { status: 200, body: { emulator: emulator.name, controls: ['log', 'latency', 'faults', 'reset'] } };
    case 'GET log':
      return {
        status: 200,
        body: { total: emulator.log.count(), byRoute: emulator.log.countsByRoute(), inFlight: emulator.inFlight, entries: emulator.log.entries() },
      };
    case 'DELETE log':
      emulator.log.clear();
      return { status: 204 };
    case 'GET latency':
      return { status: 200, body: emulator.latency };
    case 'PUT latency':
    case 'POST latency':
      emulator.setLatency({ fixedMs: Number(input.fixedMs ?? 0), jitterMs: Number(input.jitterMs ?? 0) });
      return { status: 200, body: emulator.latency };
    case 'GET faults':
      return { status: 200, body: emulator.faults.list() };
    case 'POST faults':
      if (typeof input.kind !== 'string') return { status: 400, body: { error: 'a fault needs a "kind"' } };
      return { status: 201, body: { id: emulator.faults.add(input as unknown as FaultSpec) } };
    case 'DELETE faults':
      emulator.faults.clear();
      return { status: 204 };
    case 'POST reset':
      emulator.reset();
      return { status: 200, body: { reset: true } };
    default:
      return emulator.providerControl(method, what, input) ?? { status: 404, body: { error: `no control ${method} /__control/${what}` } };
  }
}
