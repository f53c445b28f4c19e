import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';

import type { OperationOutcome } from '../../observability/gatewayMetrics.js';

/** What the metrics, tracing and logging plugins record about one finished operation. */
export interface OperationSummary {
  /** The operation's name; `(anonymous)` without one, `(invalid)` when it never resolved. */
  name: string;
  /** `query`, `mutation`, `subscription`, or `unknown` when it never resolved. */
  type: string;
  outcome: OperationOutcome;
  /** `extensions.code` of every error sent (after masking). */
  errorCodes: string[];
}

/** Reads the summary from the response about to be sent (after formatError). */
export function summarizeOperation(context: GraphQLRequestContextWillSendResponse<object>): OperationSummary {
  const resolved = context.operation !== undefined;
  const name = !resolved ? '(invalid)' : (context.operationName ?? '(anonymous)');
  const type = context.operation?.operation ?? 'unknown';
  const body = context.response.body;
  const result = body.kind === 'single' ? body.singleResult : body.initialResult;
  const errors = result.errors ?? [];
  const errorCodes = errors.map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN'));
  // Data whose every root field is null carries nothing a client can show: that is an error, not a partial answer.
  const hasData = result.data !== undefined && result.data !== null && Object.values(result.data).some((value) => value !== null);
  const outcome: OperationOutcome = errors.length === 0 ? 'success' : hasData ? 'partial' : 'error';
  return { name, type, outcome, errorCodes };
}
