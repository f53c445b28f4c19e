// `npm run upstreams`: the three emulated providers on fixed ports, until Ctrl-C.
import { startEmulators } from './index.js';

const set = await startEmulators({
  host: process.env.EMULATOR_HOST ?? '127.0.0.1',
  ports: { guidebook: 4101, roundware: 4102, planstone: 4103 },
});
console.log('Emulated providers are up:\n');
console.log(`  Guidebook  ${set.env.GUIDEBOOK_API_URL}   Authorization: JWT ${set.env.GUIDEBOOK_API_KEY}`);
console.log(`  Roundware  ${set.env.ROUNDWARE_API_URL}         Authorization: token ${set.env.ROUNDWARE_API_TOKEN}`);
console.log(`  Planstone  ${set.env.PLANSTONE_API_URL}       HTTP Basic, user ${set.env.PLANSTONE_API_TOKEN}, empty password`);
console.log(`             account ${set.env.PLANSTONE_ACCOUNT}, conference ${set.env.PLANSTONE_CONFERENCE}, time zone ${set.env.PLANSTONE_TIMEZONE}`);
console.log('\nControl surface: GET/DELETE /__control/log, PUT /__control/latency, POST/DELETE /__control/faults, POST /__control/reset');
console.log('Point a gateway at them:\n');
for (const [name, value] of Object.entries(set.env)) console.log(`  ${name}=${value}`);

const shutdown = () => void set.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
