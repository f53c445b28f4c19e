import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';

import { summarizeOperation } from './operationOutcome.js';

export interface RequestLoggingPluginOptions {
  /** The gateway's logger; its lines carry the request id through the request scope. */
  logger: Logger;
}

/**
 * One structured line per operation: name, type, outcome, duration, error codes. The
 * request id is added by the logger's request-scope mixin (or explicitly here when the
 * logger has none), so it is on every line an operation writes.
 */
export function requestLoggingPlugin({ logger }: RequestLoggingPluginOptions): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse(context) {
          const { name, type, outcome, errorCodes } = summarizeOperation(context);
          const level = outcome === 'success' ? 'info' : 'warn';
          logger[level](
            {
              requestId: contextValue.requestId,
              operation: name,
              operationType: type,
              outcome,
              durationMs: Math.round(performance.now() - started),
              ...(errorCodes.length > 0 ? { errorCodes } : {}),
            },
            'operation finished',
          );
        },
      };
    },
  };
}
