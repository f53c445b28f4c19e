import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';

import type { GatewayConfig } from '../config/index.js';
import { GatewayMetrics } from '../observability/gatewayMetrics.js';
import type { ProviderHealthSources } from '../observability/providerHealth.js';
import { checkReadiness } from '../observability/readiness.js';
import { loadOperationManifest } from '../persistedOperations/operationManifest.js';
import { persistedOperations, type PersistedOperationsOptions } from '../persistedOperations/persistedOperationsMiddleware.js';
import { projectRoot } from '../projectRoot.js';
import { observeUpstreamCalls } from '../upstream/observer.js';
import { bearerMatcher } from './auth/index.js';
import { graphqlBodyErrorHandler, jsonStatusForRequestErrors } from './jsonStatusForRequestErrors.js';
import { observeRequests } from './observeRequests.js';
import { metricsPlugin, operationLabels } from './plugins/metrics.js';
import { requestLoggingPlugin } from './plugins/requestLogging.js';
import { tracingPlugin } from './plugins/tracing.js';
import type { ServedFromCache } from './responseCache/index.js';

export interface OperationsLayerOptions {
  config: GatewayConfig;
  logger: Logger;
  /** The gateway's UpstreamClients: only their calls are counted (tests run several gateways per process). */
  upstreamClients: object[];
  /** Breaker and quota state, read at scrape and probe time. */
  health: ProviderHealthSources;
  /** Failures of Redis so far (absent without Redis). */
  sharedStoreErrors?: () => number;
}

/** What the operations side adds to the gateway: plugins, `/graphql` middleware, routes. */
export interface OperationsLayer {
  metrics: GatewayMetrics;
  plugins: ApolloServerPlugin[];
  /** First on `/graphql`, before body parsing: request id, request scope, operation span. */
  observe: RequestHandler;
  /** The trusted documents and whether only they run, for transports besides HTTP (graphql-ws). */
  trustedDocuments: PersistedOperationsOptions;
  /** After body parsing, before Apollo Server: trusted documents, status codes for `application/json`. */
  afterBodyParsing: RequestHandler[];
  /**
   * An operation answered from the whole-response cache (it never reaches Apollo Server):
   * counted in the operation metrics and logged like the operations the plugins see.
   */
  recordServedFromCache(served: ServedFromCache): void;
  /** Last on `/graphql`: unreadable bodies answered as GraphQL errors. */
  bodyErrorHandler: ErrorRequestHandler;
  /** `GET /readyz`, `GET /metrics`, and (outside production) `/examples/web/`. */
  mountRoutes(app: Express): void;
  close(): void;
}

/** The web example's folder (built by `npm run build:web`). */
const WEB_EXAMPLE_DIR = path.join(projectRoot(), 'examples', 'web');

/**
 * Observability (metrics, tracing, request-scoped logs), readiness, trusted documents and
 * the web example, assembled in one place so `createGateway` only mounts them.
 */
export function createOperationsLayer({ config, logger, upstreamClients, health, sharedStoreErrors }: OperationsLayerOptions): OperationsLayer {
  const metrics = new GatewayMetrics(health, { sharedStoreErrors });
  const own = new Set(upstreamClients);
  const stopObserving = observeUpstreamCalls((event) => {
    if (!own.has(event.source)) return;
    metrics.recordUpstream(event);
    if (event.cache === 'miss') {
      logger.debug(
        {
          provider: event.provider,
          route: event.route,
          status: event.status,
          durationMs: Math.round(event.durationMs),
          attempt: event.attempt,
          ...(event.error ? { failed: true } : {}),
        },
        'upstream call',
      );
    }
  });

  const manifestPath = path.resolve(projectRoot(), config.persistedOperations.manifestPath);
  const manifest = existsSync(manifestPath) || config.persistedOperations.only ? loadOperationManifest(manifestPath) : null;

  const label = operationLabels();
  return {
    metrics,
    recordServedFromCache({ operation, outcome, seconds, requestId }) {
      metrics.recordOperation(label(operation), 'query', 'success', seconds, []);
      if (logger.isLevelEnabled('info')) {
        logger.info(
          { requestId, operation, operationType: 'query', outcome: 'success', durationMs: Math.round(seconds * 1000), responseCache: outcome },
          'operation finished',
        );
      }
    },
    plugins: [metricsPlugin({ metrics, label }), tracingPlugin(), requestLoggingPlugin({ logger }) as ApolloServerPlugin],
    observe: observeRequests(),
    trustedDocuments: { manifest, only: config.persistedOperations.only },
    afterBodyParsing: [persistedOperations({ manifest, only: config.persistedOperations.only }), jsonStatusForRequestErrors()],
    bodyErrorHandler: graphqlBodyErrorHandler(),
    mountRoutes(app) {
      app.get('/readyz', async (_req, res) => {
        const readiness = await checkReadiness(config, health, { timeoutMs: config.readinessTimeoutMs });
        res
          .status(readiness.ready ? 200 : 503)
          .json({ status: readiness.ready ? 'ready' : 'unavailable', mode: readiness.mode, providers: readiness.providers });
      });
      const scraperMayRead = config.metricsToken === null ? () => true : bearerMatcher(config.metricsToken);
      app.get('/metrics', async (req, res) => {
        if (!scraperMayRead(req.headers.authorization)) {
          res
            .status(401)
            .set('WWW-Authenticate', 'Bearer realm="metrics"')
            .type('text/plain')
            .send('401 Unauthorized: /metrics needs the METRICS_TOKEN bearer token.\n');
          return;
        }
        const { contentType, body } = await metrics.expose();
        res.type(contentType).send(body);
      });
      if (!config.production) app.use('/examples/web', express.static(WEB_EXAMPLE_DIR, { index: 'index.html' }));
    },
    close: stopObserving,
  };
}
