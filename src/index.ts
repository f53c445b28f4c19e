// Process entry: read configuration, start the gateway, drain on SIGTERM.
import { ConfigError, isDemoEnvironment, loadConfig } from './config.js';
import { createGateway } from './server/createGateway.js';

async function main(): Promise<void> {
  let env = process.env;
  let closeDemo: (() => Promise<void>) | undefined;
  if (isDemoEnvironment(env)) {
    // Imported only in demo mode: nothing else in src/ knows the emulators exist.
    const { startDemoProviders } = await import('./demo/startDemo.js');
    const providers = await startDemoProviders();
    env = { ...env, ...providers.env };
    closeDemo = () => providers.close();
    console.log('Demo mode: no provider URL is set, so the emulated providers are serving seed data.');
  }

  const config = loadConfig(env);
  const gateway = await createGateway(config);
  const url = await gateway.listen();
  console.log(`Sessions gateway ready at ${url}${config.production ? '' : ' (open it in a browser for Apollo Sandbox)'}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests, then exiting.`);
    await gateway.stop();
    await closeDemo?.();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
