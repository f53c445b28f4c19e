import express, { type Express } from 'express';

import type { GatewayConfig } from '../../config/index.js';
import { GRAPHIQL_DIST } from './graphiqlDist.js';

/** Where the offline GraphiQL page is served. */
export const GRAPHIQL_PATH = '/graphiql';

/**
 * Serves the offline GraphiQL page (graphiql/dist/, built by `npm run build:web`) at
 * `/graphiql` wherever Apollo Sandbox is served (`config.sandbox`: by default everywhere but
 * NODE_ENV=production). Everything the page loads comes from here, so it works offline,
 * where Sandbox (loaded from Apollo's CDN) cannot. Not built: 503 saying how to build it.
 */
export function mountGraphiql(app: Express, config: Pick<GatewayConfig, 'sandbox'>): void {
  if (!config.sandbox) return;
  app.use(GRAPHIQL_PATH, express.static(GRAPHIQL_DIST, { index: 'index.html' }), (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    res.status(503).type('text/plain').send('GraphiQL is not built here: run `npm run build:web` (`npm start` does), then reload.\n');
  });
}
