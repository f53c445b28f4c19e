// GraphQL Mesh composition of the three providers' OpenAPI documents (../../openapi).
// The bench composes it against the running emulators: endpoints and credentials come
// from the environment at compose time (PEER_* variables, set by bench/peer.ts).
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

const env = process.env;

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('Guidebook', {
        source: '../../openapi/guidebook.yaml',
        endpoint: env.PEER_GUIDEBOOK_ENDPOINT,
        operationHeaders: { Authorization: `JWT ${env.PEER_GUIDEBOOK_KEY}` },
      }),
    },
    {
      sourceHandler: loadOpenAPISubgraph('Roundware', {
        source: '../../openapi/roundware.yaml',
        endpoint: env.PEER_ROUNDWARE_ENDPOINT,
        operationHeaders: { Authorization: `token ${env.PEER_ROUNDWARE_TOKEN}` },
      }),
    },
    {
      sourceHandler: loadOpenAPISubgraph('Planstone', {
        source: '../../openapi/planstone.yaml',
        endpoint: env.PEER_PLANSTONE_ENDPOINT,
        operationHeaders: { Authorization: `Basic ${Buffer.from(`${env.PEER_PLANSTONE_TOKEN}:`).toString('base64')}` },
      }),
    },
  ],
});
