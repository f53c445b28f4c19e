import { createHash } from 'node:crypto';
import { printSchema, type GraphQLSchema } from 'graphql';

import type { GatewayConfig } from '../../config/index.js';

/**
 * What every answer depends on besides its request, folded into every key of the response
 * cache, so that replicas sharing one Redis never exchange answers unless they would have
 * given the same ones: the schema, the limits and trusted-documents rules a stored answer
 * has passed, and the providers' settings (URLs, credentials, conferences) its data came
 * from — hashed, never stored.
 */
export function responseCacheFingerprint(schema: GraphQLSchema, config: GatewayConfig): string {
  const { limits, persistedOperations, introspection, guidebook, roundware, planstone } = config;
  return createHash('sha256')
    .update(printSchema(schema))
    .update(JSON.stringify({ limits, persistedOperations, introspection, guidebook, roundware, planstone }))
    .digest('base64url');
}
