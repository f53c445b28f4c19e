// Process entry: read configuration, start the gateway, drain on SIGTERM.
import { ConfigError, demoModeOf, loadConfig } from './config/index.js';
import { DemoUnavailableError } from './demo/importEmulators.js';
import { startTracing } from './observability/tracing.js';
import { createGateway } from './server/createGateway.js';
import { listenFailureMessage } from './server/listenFailureMessage.js';

async function main(): Promise<void> {
  // First, so every span of the process goes to the configured exporter (off unless OTEL_* say so).
  const tracing = await startTracing(process.env);
  let env = process.env;
  let closeDemo: (() => Promise<void>) | undefined;
  // Throws (one line, what to set) for NODE_ENV=production without a provider URL.
  const demo = demoModeOf(env);
  if (demo) {
    // Imported only in demo mode: nothing else in src/ knows the emulators exist (and a
    // production install does not have them: the launcher then says so in one line).
    const { startDemoProviders } = await import('./demo/startDemo.js');
    const providers = await startDemoProviders();
    env = { ...env, ...providers.env };
    closeDemo = () => providers.close();
    console.log(`Demo mode (${env.DEMO ? `DEMO=${env.DEMO}` : 'no provider URL is set'}): the emulated providers are serving seed data.`);
  }

  // Client access control (GATEWAY_API_KEYS / GATEWAY_JWT_SECRET) applies in demo mode too.
  const config = loadConfig(env, { demo });
  const gateway = await createGateway(config);
  let url: string;
  try {
    url = await gateway.listen();
  } catch (error) {
    const message = listenFailureMessage(error, { port: config.port, host: config.host });
    if (message === undefined) throw error;
    console.error(message);
    process.exit(1);
  }
  const notes = [
    config.demo ? 'demo: emulated providers, seed data' : undefined,
    config.sandbox ? 'open it in a browser for Apollo Sandbox' : undefined,
  ].filter(Boolean);
  console.log(`Sessions gateway ready at ${url}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      // A second signal while draining: the operator wants out now.
      console.log(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: refusing new connections, finishing in-flight requests (at most ${config.shutdownTimeoutMs} ms), then exiting.`);
    // The drain cuts requests still running after SHUTDOWN_TIMEOUT_MS; this is the backstop
    // should anything else (an upstream pool, the demo providers, the exporter) hang on close.
    setTimeout(() => {
      console.error('Shutdown did not finish in time; exiting.');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000).unref();
    await gateway.stop();
    await closeDemo?.();
    await tracing?.shutdown();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof DemoUnavailableError ? error.message : error);
  process.exit(1);
});
