// Bench child process: the three emulated providers on free loopback ports, controlled over
// HTTP (`/__control/`). Guidebook's daily quota is lifted so load runs never hit it.
// BENCH_PLANSTONE_PAGE_LIMIT: the feed's page limit (Eve's PAGINATION_LIMIT; default 100).
// By path, not by package name: the bench runs its children compiled (tsconfig.bench.json),
// and the package exports TypeScript sources that plain Node does not load; through a path
// the compiler emits the emulators into dist/bench/ with the child.
import { startEmulators } from '../../emulators/index.js';

const pageLimit = process.env.BENCH_PLANSTONE_PAGE_LIMIT ? Number(process.env.BENCH_PLANSTONE_PAGE_LIMIT) : undefined;
const set = await startEmulators({ guidebook: { dailyQuota: 1_000_000_000 }, planstone: pageLimit === undefined ? {} : { paginationLimit: pageLimit } });
process.stdout.write(
  `${JSON.stringify({ env: set.env, origins: { guidebook: set.guidebook.origin, roundware: set.roundware.origin, planstone: set.planstone.origin } })}\n`,
);
const stop = () => void set.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
