// Bench child process: our gateway, configured from the environment, on a free port.
import { loadConfig } from '../../src/config/index.js';
import { createGateway } from '../../src/server/createGateway.js';

const gateway = await createGateway(loadConfig(process.env), { logError: () => undefined });
const url = await gateway.listen(0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ url })}\n`);
const stop = () => void gateway.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
