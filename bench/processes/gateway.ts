// Bench child process: our gateway, configured from the environment, on a free port.
import { loadConfig } from '../../src/config/index.js';
import { createGateway } from '../../src/server/createGateway.js';

const config = loadConfig(process.env);
// The scenarios count the app's own upstream calls: change detection's background poll runs
// only when the bench's environment asks for it (CHANGE_DETECTION=true).
const gateway = await createGateway(config, { logError: () => undefined, changeDetection: process.env.CHANGE_DETECTION === 'true' });
const url = await gateway.listen(0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ url })}\n`);
const stop = () => void gateway.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
