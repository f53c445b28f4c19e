import type { ApolloServerPlugin } from '@apollo/server';

import type { GatewayMetrics } from '../../observability/gatewayMetrics.js';
import { summarizeOperation } from './operationOutcome.js';

export interface MetricsPluginOptions {
  metrics: GatewayMetrics;
  /**
   * At most this many distinct operation names get their own label value; later names are
   * counted as `(other)`, so clients sending random names cannot blow up the series count.
   */
  maxOperationNames?: number;
  /**
   * Longer operation names are counted as `(other)` too. A GraphQL name may be as long as the
   * body allows (100 KB): 200 such names held ~1 GB in the series keys and made `/metrics`
   * fail to render (issue 22, found by the fuzzer).
   */
  maxOperationNameLength?: number;
  /** The label of an operation name under those bounds; by default `operationLabels(...)` of the two above. Pass the same one to every counter of operations. */
  label?: (name: string) => string;
}

/**
 * An operation name's label value for the metrics: itself, or `(other)` once
 * `maxOperationNames` names have their own or when it is longer than `maxOperationNameLength`.
 */
export function operationLabels(maxOperationNames = 200, maxOperationNameLength = 100): (name: string) => string {
  const seen = new Set<string>();
  return (name) => {
    if (name.length > maxOperationNameLength) return '(other)';
    if (seen.has(name)) return name;
    if (seen.size >= maxOperationNames) return '(other)';
    seen.add(name);
    return name;
  };
}

/** Counts every operation by name, type and outcome, with its duration and error codes. */
export function metricsPlugin({
  metrics,
  maxOperationNames = 200,
  maxOperationNameLength = 100,
  label = operationLabels(maxOperationNames, maxOperationNameLength),
}: MetricsPluginOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(context) {
          const summary = summarizeOperation(context);
          metrics.recordOperation(label(summary.name), summary.type, summary.outcome, (performance.now() - started) / 1000, summary.errorCodes);
        },
      };
    },
  };
}
