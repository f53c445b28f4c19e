import type { RequestHandler } from 'express';

import type { UpstreamChanges } from '../../upstream/index.js';
import type { RedisClient } from '../../upstream/redis/index.js';
import type { ResponseStep } from '../plugins/gatewayRequestPlugin.js';
import { MemoryResponseStore } from './memoryResponseStore.js';
import { RedisResponseStore } from './redisResponseStore.js';
import { responseCacheMiddleware, type ResponseCacheOutcome, type ServedFromCache } from './responseCacheMiddleware.js';
import type { ResponseStore } from './responseStore.js';
import { responseVerdictStep, type PolicyOf } from './responseVerdictStep.js';

export interface ResponseCacheOptions {
  /** Bounds of the process-local store (with Redis: the front). */
  maxEntries: number;
  maxSize: number;
  /** Shared through Redis when given (the gateway's client, see createSharedStores). */
  redis?: { client: RedisClient; keyPrefix: string; onRemoteChange?: () => void };
  /** See `operationKey`: what answers depend on besides the request (schema, limits, credentials). */
  build: string;
  accessControl: boolean;
  policyOf: PolicyOf;
  onOutcome?(outcome: ResponseCacheOutcome): void;
  /** See responseCacheMiddleware. */
  onServed?(served: ServedFromCache): void;
  onError?(error: unknown): void;
}

/** What to drop, for `invalidateResponsesFor`. */
export interface ResponseInvalidation {
  /** Upstream cache keys (`<provider>:<credential id>:GET <path>?<query>`) whose entries changed. */
  upstreamKeys?: readonly string[];
  /** Prefixes of upstream cache keys (e.g. every read of a resource: `<provider>:<credential id>:GET /v1/sessions/`). */
  upstreamPrefixes?: readonly string[];
}

/** The whole-response cache, assembled: see docs/response-cache.md. */
export interface ResponseCache {
  /** Last on `/graphql` before Apollo Server (responseCacheMiddleware). */
  middleware: RequestHandler;
  /** Last `willSendResponse` step (responseVerdictStep). */
  verdictStep: ResponseStep;
  /** Given to the UpstreamClients: refreshed-with-new-content and written entries drop their answers. */
  changes: UpstreamChanges;
  /**
   * Drops every answer built from the given upstream entries, in this replica and (with
   * Redis) every other; resolves once no replica will serve them from Redis (fronts follow
   * by pub/sub). For change detection (issue 20): a change seen in a provider's data.
   */
  invalidateResponsesFor(what: ResponseInvalidation): Promise<void>;
  readonly store: ResponseStore;
  /** Resolves once this replica hears the others' invalidations (at once without Redis). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Builds the response cache over process memory, or over Redis with a process-local front. */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const local = new MemoryResponseStore({ maxEntries: options.maxEntries, maxSize: options.maxSize });
  const redis = options.redis;
  const shared =
    redis &&
    new RedisResponseStore({ redis: redis.client, keyPrefix: redis.keyPrefix, front: local, onError: options.onError, onRemoteChange: redis.onRemoteChange });
  const store: ResponseStore = shared ?? local;
  const invalidateResponsesFor = async ({ upstreamKeys = [], upstreamPrefixes = [] }: ResponseInvalidation) => {
    if (upstreamKeys.length > 0) await store.invalidateKeys(upstreamKeys, false);
    if (upstreamPrefixes.length > 0) await store.invalidatePrefixes(upstreamPrefixes);
  };
  return {
    middleware: responseCacheMiddleware({
      store,
      build: options.build,
      accessControl: options.accessControl,
      onOutcome: options.onOutcome,
      onServed: options.onServed,
      onError: options.onError,
    }),
    verdictStep: responseVerdictStep(options.policyOf),
    changes: {
      changed: (key, previousKnown) => store.invalidateKeys([key], !previousKnown),
      changedUnder: (prefixes) => store.invalidatePrefixes(prefixes),
    },
    invalidateResponsesFor,
    store,
    ready: shared ? shared.subscribed : Promise.resolve(),
    close: () => store.close(),
  };
}
