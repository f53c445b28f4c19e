/** A started OpenTelemetry SDK; `shutdown` flushes the spans still buffered. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/** The OTLP endpoint variables; any one of them switches tracing on. */
const ENDPOINT_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] as const;

/**
 * Whether the standard `OTEL_*` variables ask for tracing: an OTLP endpoint, or an
 * `OTEL_TRACES_EXPORTER` other than `none` — and `OTEL_SDK_DISABLED` is not `true`.
 */
export function isTracingConfigured(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter === 'none') return false;
  return Boolean(exporter) || ENDPOINT_VARIABLES.some((name) => Boolean(env[name]));
}

/**
 * Starts the OpenTelemetry Node SDK when `env` (the process environment: the SDK itself
 * reads `process.env`) configures it, else returns null
 * and every span the gateway opens is a no-op. The SDK reads the standard variables itself
 * (`OTEL_EXPORTER_OTLP_*`, `OTEL_TRACES_EXPORTER`, `OTEL_TRACES_SAMPLER`, `OTEL_RESOURCE_ATTRIBUTES`,
 * ...); the service name defaults to `sessions-gateway`. No auto-instrumentation: the gateway
 * opens its own spans (one per operation, one per upstream HTTP attempt). The SDK is
 * imported only then: it weighs ~15 MB of memory that a gateway without tracing never needs.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<Tracing | null> {
  if (!isTracingConfigured(env)) return null;
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: 'sessions-gateway' }),
    instrumentations: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
