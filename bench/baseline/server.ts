// The naive baseline (bench child process): Apollo Server with resolvers that fetch per
// field — no DataLoader, no shared cache, no coalescing. Same documents as scenarios (a)–(c).
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

import { baselineResolvers } from './resolvers.js';
import { BASELINE_TYPE_DEFS } from './schema.js';

const env = process.env;
const server = new ApolloServer({
  typeDefs: BASELINE_TYPE_DEFS,
  resolvers: baselineResolvers({
    guidebookUrl: env.GUIDEBOOK_API_URL!,
    guidebookAuth: `JWT ${env.GUIDEBOOK_API_KEY}`,
    roundwareUrl: env.ROUNDWARE_API_URL!,
    roundwareAuth: `token ${env.ROUNDWARE_API_TOKEN}`,
    planstoneUrl: env.PLANSTONE_API_URL!,
    planstoneAuth: `Basic ${Buffer.from(`${env.PLANSTONE_API_TOKEN}:`).toString('base64')}`,
    planstoneScope: { account: env.PLANSTONE_ACCOUNT!, conference: env.PLANSTONE_CONFERENCE! },
    planstoneZone: env.PLANSTONE_TIMEZONE!,
  }),
});
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
process.stdout.write(`${JSON.stringify({ url })}\n`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
