import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { DestinationStream, Logger } from 'pino';

import type { ChangeKindLogs, GatewayContext } from '../catalog/index.js';
import type { ChangeLog } from '../changes/changeLog.js';
import { ChangePoller } from '../changes/changePoller.js';
import { createChangeStores } from '../changes/createChangeStores.js';
import { KindPollScopes } from '../changes/kindPollScopes.js';
import { RefreshDetector } from '../changes/refreshDetector.js';
import type { GatewayConfig } from '../config/index.js';
import { closeProviderClients, createDataSources, createProviderClients } from '../datasources/providers.js';
import { SessionListReads } from '../datasources/sessionListReads.js';
import { createFormatError } from '../errors/index.js';
import { currentRequestScope, requestLogFields } from '../observability/requestScope.js';
import { SharedStoreErrors } from '../observability/sharedStoreErrors.js';
import { traceHeadersFrom } from '../observability/traceHeadersFrom.js';
import { PROVIDER_NAMES, type ProviderName } from '../providers.js';
import { createSchema } from '../schema.js';
import {
  createSharedStores,
  DocumentStore,
  QuotaRegistry,
  RedisResponseCache,
  ResponseCacheKeyValue,
  type QuotaCounter,
  type QuotaSnapshot,
  type ResponseCache,
} from '../upstream/index.js';
import { createResilience, type ProviderHealthSnapshot } from '../upstream/resilience/index.js';
import { clientAuth, credentialChecker } from './auth/index.js';
import { CompiledExecution } from './execution/compiledExecution.js';
import { mountGraphiql, sandboxLandingPage } from './graphiql/index.js';
import { providerMaxAges, typeMaxAges } from './httpCache/typeMaxAges.js';
import { inOneLayer } from './inOneLayer.js';
import { jsonBody } from './jsonBody.js';
import {
  answerHeaderOverflowWithJson,
  bodyErrors,
  getUrlLimit,
  operationLimitsCheck,
  requestGate,
  sendGraphQLError,
  type RejectRequest,
} from './limits/index.js';
import { createLogger } from './logger.js';
import { malformedBatchEntries, malformedEntryAnswer } from './malformedBatchEntries.js';
import { createOperationsLayer } from './operationsLayer.js';
import { gatewayRequestPlugin } from './plugins/gatewayRequestPlugin.js';
import { httpCaching } from './plugins/httpCaching.js';
import { oneErrorPerNullStep } from './plugins/oneErrorPerNull.js';
import { partialResultsStep } from './plugins/partialResults.js';
import { subscriptionsOverHttpCheck, type SubscriptionTransport } from './plugins/subscriptionsOverHttp.js';
import { wellFormedArgumentsCheck } from './plugins/wellFormedArguments.js';
import { requestIdFrom } from './requestId.js';
import {
  createResponseCache,
  responseCacheFingerprint,
  type ResponseCacheOutcome,
  type ResponseInvalidation,
  type ServedFromCache,
} from './responseCache/index.js';
import { createScrubber } from './scrubber.js';
import { sensitiveValuesOf } from './sensitiveValues.js';
import { attachWebSocketTransport, httpSubscriptions, OperationRunner, subscriptionRootGuard, SubscriptionSlots } from './subscriptions/index.js';

export interface GatewayOptions {
  /**
   * The shared upstream cache; by default Redis when `config.redis` is set, else an
   * in-memory LRU. A cache passed here is not closed by `stop()`.
   */
  cache?: ResponseCache;
  /** Where quota counters live; by default beside the default cache (Redis or memory). */
  quotaCounter?: QuotaCounter;
  /** Where masked (unexpected) errors are reported; console.error by default. */
  logError?: (error: unknown) => void;
  /** Structured logs (one line per operation, with its request id). */
  logger?: Logger;
  /**
   * Where the default logger writes (stdout by default); tests pass a capturing stream.
   * Lines are scrubbed of every configured secret and upstream host before they get here.
   */
  logDestination?: DestinationStream;
  /**
   * The change log (`sessionChanges`, subscriptions); by default a Redis Stream when
   * `config.redis` is set, else in memory. A log passed here is not closed by `stop()`, and
   * change detection keeps its state in memory beside it.
   */
  changeLog?: ChangeLog;
  /** Whether the background change poll starts with the gateway (default: `config.changes.detection`; tests say). */
  changeDetection?: boolean;
  /** Whether session list pages read for clients are compared too (RefreshDetector; default: as `changeDetection`). */
  refreshDetection?: boolean;
}

/** Where subscriptions are served (the refusal of a subscription sent as a plain JSON request names them). */
const SUBSCRIPTION_TRANSPORTS: SubscriptionTransport[] = [
  { protocol: 'graphql-transport-ws', url: '/graphql' },
  { protocol: 'multipart-subscription', url: '/graphql', accept: 'multipart/mixed;subscriptionSpec="1.0"' },
  { protocol: 'graphql-sse', url: '/graphql', accept: 'text/event-stream' },
];

export interface Gateway {
  /** The HTTP server (not yet listening). */
  httpServer: http.Server;
  /** Starts listening; resolves to the GraphQL endpoint URL. Port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, drains in-flight requests, closes upstream pools. */
  stop(): Promise<void>;
  /** The request budgets as they stand, one row per provider × credential × window (for metrics). */
  quotaSnapshot(): Promise<QuotaSnapshot[]>;
  /** Each configured provider's circuit-breaker state (see docs/resilience.md). */
  providerHealth(): ProviderHealthSnapshot;
  /** The change log this gateway reads (and, holding the lease, writes). */
  changeLog: ChangeLog;
  /** The change logs of personalized schedules and client sessions (a stream each). */
  changeLogs: ChangeKindLogs;
  /** Change detection's background poll (started with the gateway unless switched off; `pollOnce` polls now). */
  changePoller: ChangePoller;
  /** Change detection from the pages clients' reads fetch (on with the poll unless switched off; `idle()` waits for it). */
  refreshDetector: RefreshDetector;
  /** Subscriptions open now, and the WebSocket connections and HTTP streams that hold them. */
  subscriptions(): { open: number; webSockets: number; httpStreams: number };
  /**
   * Drops every whole answer built from the given upstream entries (here and, with Redis, on
   * every replica): for change detection, which sees provider data change without a write
   * through this gateway. A no-op with the response cache off.
   */
  invalidateResponsesFor(what: ResponseInvalidation): Promise<void>;
}

/**
 * Builds the gateway — Apollo Server on Express with `/graphql` and `/healthz` — without
 * listening, so tests and the entry point start it the same way.
 */
export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const sensitive = sensitiveValuesOf(config);
  const logger = options.logger ?? createLogger({ level: config.logLevel, sensitive, destination: options.logDestination, mixin: requestLogFields });
  const storeErrors = new SharedStoreErrors(logger);
  const stores = await createSharedStores({
    redisUrl: options.cache && options.quotaCounter ? undefined : config.redis?.url,
    redisKeyPrefix: config.redis?.keyPrefix,
    maxEntries: config.caching.maxEntries,
    maxSize: Math.max(1, Math.floor(config.caching.maxMegabytes * 1_048_576)),
    onError: storeErrors.report,
  });
  const cache = options.cache ?? stores.cache;
  const quota = new QuotaRegistry({ counter: options.quotaCounter ?? stores.quotaCounter, limits: config.quotas });
  const configuredProviders = PROVIDER_NAMES.filter((provider): provider is ProviderName => config[provider] !== null);
  const resilience = createResilience(configuredProviders, {
    ...config.resilience,
    onBreakerTransition: (provider, from, to) => logger.warn({ provider, from, to }, `circuit breaker ${to}`),
    onRetry: ({ provider, route, attempt, delayMs, error }) =>
      logger.debug({ provider, route, attempt, delayMs, code: (error as { extensions?: { code?: unknown } }).extensions?.code }, 'upstream retry'),
  });
  // The federation build (and @apollo/subgraph) is loaded only for a subgraph deployment.
  const schema = config.federation ? (await import('../federation/index.js')).createSubgraphSchema() : createSchema();
  const caching = httpCaching({ typeMaxAges: typeMaxAges(providerMaxAges(config)), alwaysPrivate: config.auth !== null });
  const responseMetrics: { record?: (outcome: ResponseCacheOutcome) => void; served?: (served: ServedFromCache) => void } = {};
  const responseCache =
    config.responseCache &&
    createResponseCache({
      maxEntries: config.responseCache.maxEntries,
      maxSize: Math.max(1, Math.floor(config.responseCache.maxMegabytes * 1_048_576)),
      // Shared beside the upstream cache: only when that one is in Redis too.
      redis:
        stores.redis && !options.cache
          ? {
              client: stores.redis,
              keyPrefix: config.redis?.keyPrefix ?? 'sessions-gateway:',
              onRemoteChange: () => (cache instanceof RedisResponseCache ? cache.reconfirmLocalCopies() : undefined),
            }
          : undefined,
      build: responseCacheFingerprint(schema, config),
      accessControl: config.auth !== null,
      policyOf: caching.policyOf,
      onOutcome: (outcome) => responseMetrics.record?.(outcome),
      onServed: (served) => responseMetrics.served?.(served),
      onError: storeErrors.report,
    });
  // Session list pages providers answer (clients' reads and their refreshes), for change detection.
  const sessionReads = new SessionListReads();
  const clients = createProviderClients(
    config,
    cache,
    quota,
    resilience,
    (provider, message) => logger.warn({ provider }, message),
    responseCache?.changes,
    sessionReads,
  );
  const changeStores = await createChangeStores({
    retention: config.changes.retention,
    redisUrl: config.redis?.url,
    redisKeyPrefix: config.redis?.keyPrefix,
    leaseTtlMs: config.changes.leaseTtlMs,
    changeLog: options.changeLog,
    onError: storeErrors.report,
  });
  const changeLog = changeStores.changeLog;
  const changeLogs: ChangeKindLogs = {
    personalizedSchedules: changeStores.kinds.personalizedSchedules.log,
    clientSessions: changeStores.kinds.clientSessions.log,
  };
  const kindScopes = new KindPollScopes(changeStores.kinds, config.changes.completeEvery);
  const changePoller = new ChangePoller({
    store: changeStores.detection,
    dataSources: () => createDataSources(clients, { 'x-request-id': 'change-detection' }),
    freshDataSources: () => createDataSources(clients, { 'x-request-id': 'change-detection', 'cache-control': 'no-cache' }),
    intervalMs: config.changes.pollIntervalMs,
    completeEvery: config.changes.completeEvery,
    kindScopes: (dataSources) => kindScopes.scopes(dataSources),
    quotaShare: config.changes.quotaShare,
    quotaUsed: async () => {
      const used: Partial<Record<ProviderName, number>> = {};
      for (const row of await quota.snapshot()) if (row.window === 'day') used[row.provider] = (used[row.provider] ?? 0) + row.used;
      return used;
    },
    perDay: Object.fromEntries(PROVIDER_NAMES.map((provider) => [provider, config.quotas[provider].perDay])),
    // A page in the poll's read may be as old as the longest TTL plus the stale grace (see readAgeMs).
    readAgeMs: longestCacheAgeMs(config),
    beforeCommit: () => refreshDetector.settled(),
    onError: (error) => logger.warn({ err: error }, 'change detection: poll failed (retried at the next interval)'),
  });
  const refreshDetector = new RefreshDetector({
    store: changeStores.detection,
    onError: (error) => logger.warn({ err: error }, 'change detection: a refreshed page could not be compared (the poll will)'),
  });
  const stopRefreshDetection =
    (options.refreshDetection ?? options.changeDetection ?? config.changes.detection) ? sessionReads.observe(refreshDetector.observer) : () => undefined;
  const persistedQueryTtl = config.execution.persistedQueryTtlSeconds;
  const app = express();
  const httpServer = http.createServer(app);
  // Node's bare 431 for an over-long request line becomes a JSON URL_TOO_LONG.
  answerHeaderOverflowWithJson(httpServer);
  const operations = createOperationsLayer({
    config,
    logger,
    upstreamClients: [clients.guidebook?.upstream, clients.roundware?.upstream, clients.planstone?.client.upstream].filter(
      (c) => c !== undefined && c !== null,
    ),
    ...(stores.kind === 'redis' ? { sharedStoreErrors: () => storeErrors.count } : {}),
    health: {
      quota: () => quota.snapshot(),
      breakers: () => Object.entries(resilience.providerHealth()).map(([provider, health]) => ({ provider: provider as ProviderName, state: health.breaker })),
    },
  });
  const logMaskedError = options.logError ?? ((error: unknown) => logger.error({ err: error }, 'unexpected error (masked for the client)'));
  const formatError = createFormatError({
    onMaskedError: (error) => {
      operations.metrics.recordMaskedError();
      logMaskedError(error);
    },
    scrub: createScrubber(sensitive),
    requestId: () => currentRequestScope()?.requestId,
  });
  const reject: RejectRequest = (_req, res, status, error) => {
    logger.warn({ requestId: res.locals.requestId, outcome: 'rejected', status, errorCodes: [error.extensions.code] }, 'request rejected');
    sendGraphQLError(res, status, error);
  };

  responseMetrics.record = (outcome) => operations.metrics.recordResponseCache(outcome);
  responseMetrics.served = (served) => operations.recordServedFromCache(served);
  const jitAfter = config.execution.jitAfterExecutions;
  const limitsCheck = operationLimitsCheck(config.limits);
  const apollo = new ApolloServer<GatewayContext>({
    // Repeated operations are executed by graphql-jit (see CompiledExecution), unless switched off.
    ...(jitAfter === null ? { schema } : { gateway: new CompiledExecution(schema, jitAfter) }),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    // Batches are accepted; their size is limited by requestGate (BATCH_TOO_LARGE).
    allowBatchedHttpRequests: true,
    // src/index.ts owns SIGTERM/SIGINT (drain with a deadline, then exit); Apollo's own
    // handler would stop the server a second time and re-send the signal to the process.
    stopOnTerminationSignals: false,
    logger: logger.child({ component: 'apollo' }),
    // Parsed and validated documents, reused by every repeat of an operation.
    documentStore: new DocumentStore(config.execution.documentCacheEntries, Math.floor(config.execution.documentCacheMegabytes * 1_048_576)),
    // Automatic persisted queries, kept in the shared cache so replicas share them.
    persistedQueries: persistedQueryTtl > 0 ? { cache: new ResponseCacheKeyValue(cache, 'apq:', persistedQueryTtl * 1000), ttl: persistedQueryTtl } : false,
    plugins: [
      // On stop: refuse new connections, let in-flight requests finish for up to SHUTDOWN_TIMEOUT_MS.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      // Apollo's cache-control plugin adds a hook to every resolver call; httpCaching reads
      // the same @cacheControl hints once per document instead.
      ApolloServerPluginCacheControlDisabled(),
      // The gateway's own per-request work, as one plugin (one requestDidStart, one listener).
      gatewayRequestPlugin({
        checks: [
          limitsCheck,
          // Client mistakes refused before execution: a subscription sent as a plain request (the
          // subscription transports took theirs before Apollo), lone surrogates in string arguments.
          subscriptionsOverHttpCheck({ transports: SUBSCRIPTION_TRANSPORTS }),
          wellFormedArgumentsCheck,
        ],
        // The cache policy of a GET's answer, then partial results' errors, then those errors in one order for both executors.
        getSteps: [caching.getPolicy],
        // Last, once the answer's errors are final: whether the response cache may keep or share it.
        steps: [partialResultsStep({ formatError }), oneErrorPerNullStep, ...(responseCache ? [responseCache.verdictStep] : [])],
        // A malformed batch entry's stand-in is answered with its error, unexecuted.
        answerWithout: malformedEntryAnswer,
      }),
      ...operations.plugins,
      sandboxLandingPage(config),
    ],
  });
  await apollo.start();
  // With Redis: listening to the other replicas' invalidations before serving (bounded: a Redis
  // that is away is reported and the gateway serves without it).
  if (responseCache) await Promise.race([responseCache.ready, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);

  // Subscriptions: graphql-ws on the upgrade of /graphql, multipart and SSE streams before
  // Apollo Server; one runner with the same checks and masking as HTTP operations.
  const runner = new OperationRunner({
    schema,
    checks: [limitsCheck, wellFormedArgumentsCheck],
    formatError,
    maxTokens: config.limits.maxTokens,
    introspection: config.introspection,
    createContext: () => {
      const requestId = requestIdFrom(undefined);
      return { requestId, dataSources: createDataSources(clients, { 'x-request-id': requestId }), partialErrors: [], changeLog, changeLogs };
    },
  });
  const slots = new SubscriptionSlots(config.subscriptions);
  const streams = httpSubscriptions({ runner, slots, heartbeatMs: config.subscriptions.heartbeatMs });
  const webSockets = attachWebSocketTransport({
    httpServer,
    path: '/graphql',
    runner,
    slots,
    heartbeatMs: config.subscriptions.heartbeatMs,
    ...(config.auth ? { checkCredential: credentialChecker(config.auth) } : {}),
    trustedDocuments: operations.trustedDocuments,
    maxMessageBytes: config.limits.maxBodyBytes,
    logger,
  });

  app.disable('x-powered-by');
  // ETags only on cacheable answers (httpCaching sets strong ones), not Express's weak ones on every JSON answer.
  app.set('etag', false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // The root leads to the API (and, in a browser outside production, its landing page);
  // 302, not 301, so browsers do not remember it should the root ever serve a page.
  app.get('/', (_req, res) => {
    res.redirect(302, '/graphql');
  });
  operations.mountRoutes(app);
  mountGraphiql(app, config);
  app.use(
    '/graphql',
    // In this order, as one Express layer (see inOneLayer): the router matches the path once.
    inOneLayer(
      operations.observe,
      getUrlLimit(config.limits.maxGetUrlBytes, reject),
      caching.headers,
      ...(config.auth ? [clientAuth({ auth: config.auth, reject, onRefused: (req, reason) => logger.info({ reason }, 'credential refused') })] : []),
      // express.json, with the usual `application/json` POST read without its layers.
      jsonBody(config.limits.maxBodyBytes),
      requestGate(config.limits, reject),
      ...operations.afterBodyParsing,
      // A subscription document graphql-js's validation would throw on (not report): 400, not 500.
      subscriptionRootGuard(schema),
      // Multipart and SSE subscriptions (by `Accept`) are served here, the rest goes on to Apollo.
      streams.middleware,
      // A batch is answered entry by entry, a malformed entry with its own error.
      malformedBatchEntries(),
      // A stored (or identical concurrent) operation's answer, sent without running it.
      ...(responseCache ? [responseCache.middleware] : []),
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const requestId = typeof res.locals.requestId === 'string' ? res.locals.requestId : requestIdFrom(req.headers['x-request-id']);
          // The caller's trace context goes upstream with the request id (see `traceHeadersFrom`).
          return {
            requestId,
            dataSources: createDataSources(clients, { 'x-request-id': requestId, ...traceHeadersFrom(req.headers) }),
            partialErrors: [],
            changeLog,
            changeLogs,
          };
        },
      }),
    ),
    bodyErrors(config.limits.maxBodyBytes, reject),
    operations.bodyErrorHandler,
  );

  if (options.changeDetection ?? config.changes.detection) changePoller.start();

  return {
    httpServer,
    changeLog,
    changeLogs,
    changePoller,
    refreshDetector,
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
      // Subscribers first, told to reconnect: their long-lived connections would hold the drain.
      streams.close();
      await webSockets.close();
      stopRefreshDetection();
      await Promise.all([changePoller.stop(), apollo.stop()]);
      await refreshDetector.idle();
      await changeStores.close();
      operations.close();
      await responseCache?.close();
      await closeProviderClients(clients);
      quota.close();
      await stores.close();
    },
    quotaSnapshot: () => quota.snapshot(),
    providerHealth: () => resilience.providerHealth(),
    subscriptions: () => ({ open: slots.open, webSockets: webSockets.connections(), httpStreams: streams.streams() }),
    invalidateResponsesFor: async (what) => {
      await responseCache?.invalidateResponsesFor(what);
    },
  };
}

/** The oldest a cached page can be when served: the longest TTL of any provider or resource, plus the stale grace. */
function longestCacheAgeMs(config: GatewayConfig): number {
  const ttls = [...Object.values(config.cacheTtlMs), ...Object.values(config.caching.ttlByResource).flatMap((byResource) => Object.values(byResource))];
  return Math.max(0, ...ttls) + config.caching.staleGraceMs;
}
