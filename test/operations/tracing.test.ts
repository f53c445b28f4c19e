import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isTracingConfigured, startTracing, type Tracing } from '../../src/observability/tracing.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';

// Tracing end to end: the SDK is configured only by the standard OTEL_* variables, and
// exports over OTLP/HTTP (JSON) to a collector stand-in on loopback.

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; arrayValue?: unknown } }>;
}

const received: OtlpSpan[] = [];
const collector = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    const payload = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
    for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) received.push(...scope.spans);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

/** A caller that traces: its trace id, its span as the operation's parent, a vendor's tracestate. */
const CALLER = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'rojo=00f067aa0ba902b7' };

let tracing: Tracing | null;
let harness: Harness;
beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const { port } = collector.address() as AddressInfo;
  // The SDK reads process.env itself, as it does in production (this file runs in its own process).
  Object.assign(process.env, {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_SERVICE_NAME: 'gateway-under-test',
  });
  tracing = await startTracing(process.env);
  // The response cache off: the repeated operation below must execute, to show the upstream cache's spans.
  harness = await startHarness({ env: { LOG_LEVEL: 'silent', UPSTREAM_RETRY_BASE_DELAY_MS: '1', UPSTREAM_RETRY_MAX_DELAY_MS: '1', RESPONSE_CACHE: 'false' } });
});
afterAll(async () => {
  await harness.close();
  collector.close();
});

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue !== undefined ? Number(value.intValue) : value?.boolValue);
};

describe('OpenTelemetry tracing', () => {
  it('is off unless an OTEL_* variable configures it', async () => {
    expect(isTracingConfigured({})).toBe(false);
    expect(isTracingConfigured({ OTEL_SERVICE_NAME: 'x' })).toBe(false);
    expect(isTracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(isTracingConfigured({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(isTracingConfigured({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(isTracingConfigured({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(await startTracing({})).toBeNull();
  });

  it('exports a span per operation and per upstream HTTP attempt, with provider, route, status, cache and retry count', async () => {
    expect(tracing).not.toBeNull();
    const first = await harness.query('query Traced { tracks(first: 2) { edges { node { name } } } }');
    expect(first.errors).toBeUndefined();
    // Same operation again: answered from the shared cache, so no new upstream spans.
    await harness.query('query Traced { tracks(first: 2) { edges { node { name } } } }');
    // A failing first attempt, then a retry that succeeds.
    harness.emulators.roundware.faults.add({ kind: 'status', status: 503, route: '/sessions/', times: 1 });
    await harness.query('query Devices { clientSessions(first: 1) { totalCount } }');
    // A caller that traces: the operation continues its trace, and so do the providers.
    const joined = await harness.query('query Joined { speakers(first: 1) { totalCount } }', undefined, CALLER);
    expect(joined.errors).toBeUndefined();
    await tracing!.shutdown();

    const operations = received.filter((span) => attribute(span, 'graphql.operation.name') === 'Traced');
    expect(operations).toHaveLength(2);
    expect(operations[0]!.name).toBe('query Traced');
    expect(attribute(operations[0]!, 'gateway.outcome')).toBe('success');
    expect(typeof attribute(operations[0]!, 'gateway.request_id')).toBe('string');

    const firstTrace = operations[0]!.traceId;
    const upstream = received.filter((span) => span.traceId === firstTrace && span.name.startsWith('upstream '));
    expect(upstream.length).toBeGreaterThan(0);
    for (const span of upstream) {
      expect(span.parentSpanId).toBe(operations[0]!.spanId);
      expect(['guidebook', 'planstone']).toContain(attribute(span, 'gateway.provider'));
      expect(attribute(span, 'http.route')).toMatch(/^GET /);
      expect(attribute(span, 'http.response.status_code')).toBe(200);
      expect(attribute(span, 'gateway.cache')).toBe('miss');
      expect(attribute(span, 'gateway.retry_count')).toBe(0);
    }
    // Each upstream request carried its attempt span's context, so the trace goes on at the provider.
    const sent = [harness.emulators.guidebook, harness.emulators.planstone]
      .flatMap((emulator) => emulator.log.entries())
      .map((entry) => entry.headers.traceparent)
      .filter((traceparent) => traceparent?.split('-')[1] === firstTrace);
    expect(new Set(sent)).toEqual(new Set(upstream.map((span) => `00-${span.traceId}-${span.spanId}-01`)));
    // The repeat was served by the shared cache: its upstream spans say so, and none is a miss.
    const secondTrace = operations[1]!.traceId;
    const cached = received.filter((span) => span.traceId === secondTrace && span.name.startsWith('upstream '));
    expect(cached.length).toBeGreaterThan(0);
    expect(new Set(cached.map((span) => attribute(span, 'gateway.cache')))).toEqual(new Set(['hit']));

    // The caller's trace goes on at the provider: same trace id, the gateway's attempt span as
    // parent (not the caller's span, which the header names), and the caller's tracestate.
    const callerTrace = CALLER.traceparent.split('-')[1]!;
    const joinedSpan = received.find((span) => attribute(span, 'graphql.operation.name') === 'Joined')!;
    expect(joinedSpan.traceId).toBe(callerTrace);
    expect(joinedSpan.parentSpanId).toBe(CALLER.traceparent.split('-')[2]);
    const joinedAttempts = received.filter((span) => span.traceId === callerTrace && span.name.startsWith('upstream planstone'));
    expect(joinedAttempts.length).toBeGreaterThan(0);
    const carried = harness.emulators.planstone.log.entries().filter((entry) => entry.headers.traceparent?.split('-')[1] === callerTrace);
    expect(new Set(carried.map((entry) => entry.headers.traceparent))).toEqual(new Set(joinedAttempts.map((span) => `00-${callerTrace}-${span.spanId}-01`)));
    expect(carried.every((entry) => entry.headers.tracestate === CALLER.tracestate)).toBe(true);

    const devices = received.find((span) => attribute(span, 'graphql.operation.name') === 'Devices')!;
    const attempts = received.filter((span) => span.traceId === devices.traceId && span.name === 'upstream roundware GET sessions/');
    expect(attempts.map((span) => [attribute(span, 'gateway.retry_count'), attribute(span, 'http.response.status_code')])).toEqual([
      [0, 503],
      [1, 200],
    ]);
  });
});
