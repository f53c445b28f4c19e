import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';

import { summarizeOperation } from './operationOutcome.js';

/**
 * Names and annotates the operation span opened by `observeRequests` (which makes it the
 * active span, so upstream spans become its children): `query Schedule`, with the
 * operation's name, type, outcome and error codes. A no-op while tracing is off.
 */
export function tracingPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? 'query';
          span.updateName(`${type} ${operationName ?? '(anonymous)'}`);
          span.setAttribute('graphql.operation.type', type);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        async willSendResponse(context) {
          const summary = summarizeOperation(context);
          span.setAttribute('gateway.outcome', summary.outcome);
          if (summary.errorCodes.length > 0) {
            span.setAttribute('gateway.error_codes', [...new Set(summary.errorCodes)]);
            if (summary.outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: summary.errorCodes[0] });
          }
        },
      };
    },
  };
}
