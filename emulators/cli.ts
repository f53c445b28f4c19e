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
for (const c of JSON.parse(set.env.PLANSTONE_CONFERENCES ?? '[]') as { account: string; conference: string; timeZone: string; name: string }[]) {
  console.log(`             account ${c.account}, conference ${c.conference}, time zone ${c.timeZone} (${c.name})`);
}
if (process.env.EMULATOR_SCALE)
  console.log(`  EMULATOR_SCALE=${process.env.EMULATOR_SCALE}: a large Planstone conference and a large Guidebook guide (id 90) were added`);
console.log('\nControl surface: GET/DELETE /__control/log, PUT /__control/latency, POST/DELETE /__control/faults, POST /__control/reset');
console.log('Point a gateway at them:\n');
for (const [name, value] of Object.entries(set.env)) console.log(`  ${name}=${value}`);

const shutdown = () => void set.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
