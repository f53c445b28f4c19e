import type { IncomingHttpHeaders } from 'node:http';

import type { ParsedBody } from './body.js';

/** A request as an emulated provider's handler sees it. */
export interface EmulatorRequest {
  method: string;
  /** The route template that matched, relative to the base path (`/sessions/:id/`). */
  route: string;
  params: Record<string, string | undefined>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: ParsedBody;
  /** The absolute URL the client addressed (Host header), for absolute `next` links. */
  url: URL;
}

/**
 * What a handler answers. An object or array `body` is sent as JSON; a string is sent as-is
 * with the Content-Type from `headers` (text/plain by default); no body for 204/304.
 */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type RouteHandler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface RouteDefinition {
  /** Template relative to the base path, find-my-way syntax: `/sessions/:id/`. */
  path: string;
  methods: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', RouteHandler>>;
}

/** Everything that makes one emulator a particular provider. */
export interface EmulatorDefinition {
  name: string;
  /** The provider's API root path, e.g. `/open-api/v1`; no trailing slash. */
  basePath: string;
  routes: RouteDefinition[];
  /** The provider's answer for a path that matches no route. */
  notFound(req: Omit<EmulatorRequest, 'route' | 'params'>): EmulatorResponse;
  /** The provider's answer for a known path and a method it does not allow. */
  methodNotAllowed(req: EmulatorRequest, allowed: string[]): EmulatorResponse;
  /** The provider's own 429 answer, used by `rate-limit` faults. */
  rateLimited(retryAfterSeconds: number): EmulatorResponse;
  /** Restores the seed data (state such as quotas included). */
  reset(): void;
  /**
   * The provider's own controls under `/__control/` (e.g. editing the data of a read-only
   * feed): the answer, or undefined for a control it does not have. `what` is the path after
   * `/__control/`; `input` the JSON body (an object, or empty).
   */
  control?(method: string, what: string, input: Record<string, unknown>): EmulatorResponse | undefined;
}

export interface LatencySettings {
  fixedMs: number;
  jitterMs: number;
}
