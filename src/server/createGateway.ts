import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GatewayConfig } from '../config.js';
import { closeProviderClients, createDataSources, createProviderClients } from '../datasources/providers.js';
import { createFormatError } from '../errors/index.js';
import { createSchema } from '../schema.js';
import { MemoryResponseCache, type ResponseCache } from '../upstream/index.js';
import type { GatewayContext } from './context.js';
import { partialResultsPlugin } from './plugins/partialResults.js';
import { requestIdFrom } from './requestId.js';

export interface GatewayOptions {
  /** The shared upstream cache; an in-memory LRU by default. */
  cache?: ResponseCache;
  /** Where masked (unexpected) errors are reported; console.error by default. */
  logError?: (error: unknown) => void;
}

export interface Gateway {
  /** The HTTP server (not yet listening). */
  httpServer: http.Server;
  /** Starts listening; resolves to the GraphQL endpoint URL. Port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, drains in-flight requests, closes upstream pools. */
  stop(): Promise<void>;
}

/**
 * Builds the gateway — Apollo Server on Express with `/graphql` and `/healthz` — without
 * listening, so tests and the entry point start it the same way.
 */
export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const cache = options.cache ?? new MemoryResponseCache();
  const clients = createProviderClients(config, cache);
  const app = express();
  const httpServer = http.createServer(app);
  const formatError = createFormatError({ onMaskedError: options.logError ?? ((error) => console.error('[gateway] unexpected error', error)) });

  const apollo = new ApolloServer<GatewayContext>({
    schema: createSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      partialResultsPlugin({ formatError }),
      config.production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdFrom(req.headers['x-request-id']);
        res.setHeader('x-request-id', requestId);
        return { requestId, dataSources: createDataSources(clients, { 'x-request-id': requestId }), partialErrors: [] };
      },
    }),
  );

  return {
    httpServer,
    async listen(port = config.port, host = config.host) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const { port: actual } = httpServer.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return `http://${shownHost}:${actual}/graphql`;
    },
    async stop() {
      await apollo.stop();
      await closeProviderClients(clients);
    },
  };
}
